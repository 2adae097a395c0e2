#pragma once
// The program file's primitives: little-endian fixed-width integers and
// length-prefixed strings, written to a growing buffer and read back from a span that is
// never trusted. Fixed widths keep the encoding canonical (one program, one byte
// string), which is what lets the reader's output be written back byte for byte.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace proviso::program::internal {

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) { little(v, 4); }
  void u64(std::uint64_t v) { little(v, 8); }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  // Lengths and counts are 32-bit: ids are, and nothing in a program is longer.
  bool str(std::string_view s) {
    if (s.size() > UINT32_MAX) return false;
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
    return true;
  }
  std::string& bytes() { return out_; }

 private:
  void little(std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }

  std::string out_;
};

// Reads until the first failure, then fails every further read: callers check ok() at
// the end of a record rather than after every field. The first failure's message stays.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  std::size_t remaining() const { return static_cast<std::size_t>(end_ - at_); }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    at_ = end_;
  }

  std::uint8_t u8() { return static_cast<std::uint8_t>(little(1)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(little(4)); }
  std::uint64_t u64() { return little(8); }
  std::int64_t i64() { return static_cast<std::int64_t>(little(8)); }
  // Only 0 and 1: any other byte would not survive a round trip.
  bool boolean(std::string_view what) {
    const std::uint8_t v = u8();
    if (v > 1) fail("a " + std::string(what) + " flag of " + std::to_string(v));
    return v == 1;
  }
  void str(std::string& out) {
    const std::uint32_t n = u32();
    if (n > remaining()) {
      fail("a text of " + std::to_string(n) + " bytes runs past the end");
      return;
    }
    out.assign(at_, n);
    at_ += n;
  }
  // A count of records of at least `min_bytes` each, checked against what is left
  // before anything is allocated for them.
  std::uint32_t count(std::size_t min_bytes, std::string_view what) {
    const std::uint32_t n = u32();
    if (static_cast<std::uint64_t>(n) * min_bytes > remaining()) {
      fail(std::to_string(n) + " " + std::string(what) + " cannot fit in the " + std::to_string(remaining()) +
           " bytes left");
      return 0;
    }
    return n;
  }

 private:
  std::uint64_t little(int width) {
    if (remaining() < static_cast<std::size_t>(width)) {
      fail("the program ends in the middle of a field");
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(at_[i])) << (8 * i);
    at_ += width;
    return v;
  }

  const char* at_;
  const char* end_;
  std::string error_;
};

}  // namespace proviso::program::internal
