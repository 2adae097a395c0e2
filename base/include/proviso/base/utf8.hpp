// Strict UTF-8: the one decoder the compiler (which refuses a source that is not valid
// UTF-8) and the diagnostic renderer (which must show any bytes safely) share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace proviso {

// The length of the valid UTF-8 sequence starting at `s[i]`, with its code point in
// `cp`; 0 when there is none there (overlong forms, surrogates, code points above
// U+10FFFF and cut sequences are refused).
std::size_t utf8_sequence_at(std::string_view s, std::size_t i, std::uint32_t& cp);

// The offset of the first byte of `s` that does not start a valid sequence, or npos.
std::size_t invalid_utf8_at(std::string_view s);

}  // namespace proviso
