#include "register/packed_result.hpp"

#include <cstring>
#include <limits>

namespace proviso::service::internal {
namespace {
constexpr std::size_t kIdEnd = 5;       // the format byte and the dictionary's id
constexpr std::size_t kHeader = 9;      // and the result's length
// A result is never near this: a larger claimed length is a damaged record.
constexpr std::uint64_t kLargestResult = 256ull * 1024 * 1024;

std::uint32_t read_le32(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
  return v;
}

void write_le32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
}  // namespace

ResultCompressor::ResultCompressor(std::shared_ptr<const ResultDictionary> dictionary)
    : dictionary_(std::move(dictionary)), loaded_(LZ4_createStream()) {
  const std::string& content = dictionary_->content;
  // LZ4 looks back 64 KB at most: a longer dictionary gives its last 64 KB.
  if (loaded_ && content.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    LZ4_loadDict(loaded_.get(), content.data(), static_cast<int>(content.size()));
  } else {
    loaded_.reset();
  }
}

bool ResultCompressor::compress(std::string_view result, std::string& out) const {
  if (!loaded_ || result.size() > static_cast<std::size_t>(LZ4_MAX_INPUT_SIZE)) return false;
  thread_local LZ4_stream_t work;
  std::memcpy(&work, loaded_.get(), sizeof work);
  const int size = static_cast<int>(result.size());
  const int bound = LZ4_compressBound(size);
  out.resize(kHeader + static_cast<std::size_t>(bound));
  out[0] = static_cast<char>(kPackedFormat);
  write_le32(out, 1, 0);
  write_le32(out, kIdEnd, static_cast<std::uint32_t>(size));
  const int n = LZ4_compress_fast_continue(&work, result.data(), out.data() + kHeader, size, bound, 1);
  if (n <= 0) return false;
  out.resize(kHeader + static_cast<std::size_t>(n));
  return true;
}

void set_dictionary_id(std::string& packed, std::uint32_t id) { write_le32(packed, 1, id); }

ResultUnpacker::ResultUnpacker() = default;

ResultUnpacker::~ResultUnpacker() {
  for (auto& [id, d] : dictionaries_) ZSTD_freeDDict(d.zstd);
  ZSTD_freeDCtx(context_);
}

bool ResultUnpacker::unpack(std::string_view stored, const Lookup& lookup, std::string& out, std::string& error) {
  const auto format = stored.empty() ? 0 : static_cast<unsigned char>(stored[0]);
  const std::size_t header = format == kPackedFormat ? kHeader : kIdEnd;
  if ((format != kPackedFormat && format != kZstdPackedFormat) || stored.size() <= header) {
    error = "a packed result of an unknown format";
    return false;
  }
  const std::uint32_t id = read_le32(stored, 1);
  auto it = dictionaries_.find(id);
  if (it == dictionaries_.end()) {
    Dictionary d;
    if (!lookup(id, d.content, error)) return false;
    it = dictionaries_.emplace(id, std::move(d)).first;
  }
  const std::string_view body = stored.substr(header);
  if (format == kZstdPackedFormat) return unpack_zstd(body, it->second, out, error);
  const std::uint32_t size = read_le32(stored, kIdEnd);
  const std::string& dictionary = it->second.content;
  if (size > kLargestResult || body.size() > static_cast<std::size_t>(LZ4_MAX_INPUT_SIZE) ||
      dictionary.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    error = "a damaged packed result";
    return false;
  }
  out.resize(size);
  // The safe decoder: it never reads or writes outside the buffers, whatever the bytes.
  const int n = LZ4_decompress_safe_usingDict(body.data(), out.data(), static_cast<int>(body.size()),
                                              static_cast<int>(size), dictionary.data(),
                                              static_cast<int>(dictionary.size()));
  if (n < 0 || static_cast<std::uint32_t>(n) != size) {
    error = "a damaged packed result (" + std::string(n < 0 ? "its LZ4 block does not decode" : "short") + ")";
    return false;
  }
  return true;
}

bool ResultUnpacker::unpack_zstd(std::string_view frame, Dictionary& d, std::string& out, std::string& error) {
  if (!context_) context_ = ZSTD_createDCtx();
  if (!d.zstd) d.zstd = ZSTD_createDDict(d.content.data(), d.content.size());
  if (!context_ || !d.zstd) {
    error = "out of memory";
    return false;
  }
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > kLargestResult) {
    error = "a damaged packed result";
    return false;
  }
  out.resize(static_cast<std::size_t>(size));
  const std::size_t n = ZSTD_decompress_usingDDict(context_, out.data(), out.size(), frame.data(), frame.size(), d.zstd);
  if (ZSTD_isError(n) || n != size) {
    error = std::string("a damaged packed result (") + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short") + ")";
    return false;
  }
  return true;
}

}  // namespace proviso::service::internal
