#include "register/packed_result.hpp"

namespace proviso::service::internal {
namespace {
// Fast, and on these inputs no larger than the slower levels (measured: 177 bytes at
// level 1, 168 at level 3, for a 2,970-byte result).
constexpr int kLevel = 1;
constexpr std::size_t kHeader = 5;
// A result is never near this: a larger claimed length is a damaged record.
constexpr unsigned long long kLargestResult = 256ull * 1024 * 1024;
}  // namespace

ResultCompressor::ResultCompressor(std::shared_ptr<const ResultDictionary> dictionary)
    : dictionary_(std::move(dictionary)),
      compiled_(ZSTD_createCDict(dictionary_->content.data(), dictionary_->content.size(), kLevel)) {}

ResultCompressor::~ResultCompressor() { ZSTD_freeCDict(compiled_); }

bool ResultCompressor::compress(std::string_view result, std::string& out) const {
  // One context per thread: a compiled dictionary may be shared, a context may not.
  struct Context {
    ZSTD_CCtx* c = ZSTD_createCCtx();
    ~Context() { ZSTD_freeCCtx(c); }
  };
  thread_local Context context;
  if (!compiled_ || !context.c) return false;
  out.resize(kHeader + ZSTD_compressBound(result.size()));
  out[0] = static_cast<char>(kPackedFormat);
  const std::size_t n =
      ZSTD_compress_usingCDict(context.c, out.data() + kHeader, out.size() - kHeader, result.data(), result.size(), compiled_);
  if (ZSTD_isError(n)) return false;
  out.resize(kHeader + n);
  set_dictionary_id(out, 0);
  return true;
}

void set_dictionary_id(std::string& packed, std::uint32_t id) {
  for (int i = 0; i < 4; ++i) packed[1 + i] = static_cast<char>((id >> (8 * i)) & 0xff);
}

ResultUnpacker::ResultUnpacker() : context_(ZSTD_createDCtx()) {}

ResultUnpacker::~ResultUnpacker() {
  for (auto& [id, d] : dictionaries_) ZSTD_freeDDict(d);
  ZSTD_freeDCtx(context_);
}

bool ResultUnpacker::unpack(std::string_view stored, const Lookup& lookup, std::string& out, std::string& error) {
  if (stored.size() <= kHeader || static_cast<unsigned char>(stored[0]) != kPackedFormat) {
    error = "a packed result of an unknown format";
    return false;
  }
  std::uint32_t id = 0;
  for (int i = 0; i < 4; ++i) id |= static_cast<std::uint32_t>(static_cast<unsigned char>(stored[1 + i])) << (8 * i);
  auto it = dictionaries_.find(id);
  if (it == dictionaries_.end()) {
    std::string content;
    if (!lookup(id, content, error)) return false;
    ZSTD_DDict* d = ZSTD_createDDict(content.data(), content.size());
    if (!d) {
      error = "out of memory";
      return false;
    }
    it = dictionaries_.emplace(id, d).first;
  }
  const std::string_view frame = stored.substr(kHeader);
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > kLargestResult || !context_) {
    error = "a damaged packed result";
    return false;
  }
  out.resize(static_cast<std::size_t>(size));
  const std::size_t n =
      ZSTD_decompress_usingDDict(context_, out.data(), out.size(), frame.data(), frame.size(), it->second);
  if (ZSTD_isError(n) || n != size) {
    error = std::string("a damaged packed result (") + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short") + ")";
    return false;
  }
  return true;
}

}  // namespace proviso::service::internal
