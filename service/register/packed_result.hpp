#pragma once
// A record's result kept compressed against its program's dictionary. Results of one
// program differ little (the statuses of the same rules, the same reasons' leaves): a
// 3 KB result of a 50-rule program packs to about 270 bytes, which is what lets the
// SQLite register keep up with the service. The stored value is
//   byte 0: 2 (this format), bytes 1-4: the dictionary's id, bytes 5-8: the result's
//   length (both little-endian), then one LZ4 block made with the dictionary.
// LZ4 rather than zstd: on these results it packs in a third of the time (1.3 µs
// against 3.9 µs for 3 KB; zstd was an eighth of the service's time under load), for
// a quarter more bytes (269 against 214). Values of format 1, which earlier versions
// wrote (the id, then one zstd frame), are still read.
// A store keeps each dictionary under its id; a result stored as text is read as it is.
#include <lz4.h>
#include <zstd.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "proviso/service/register.hpp"

namespace proviso::service::internal {

inline constexpr unsigned char kPackedFormat = 2;
inline constexpr unsigned char kZstdPackedFormat = 1;  // read only

// Compresses one program's results against its dictionary; shared by the threads that
// answer, so that the committer, which every answer waits for, only stores the bytes.
class ResultCompressor {
 public:
  explicit ResultCompressor(std::shared_ptr<const ResultDictionary> dictionary);
  ResultCompressor(const ResultCompressor&) = delete;
  ResultCompressor& operator=(const ResultCompressor&) = delete;

  const std::shared_ptr<const ResultDictionary>& dictionary() const { return dictionary_; }
  // `out`: the stored value with a zero dictionary id, which the store sets
  // (set_dictionary_id). False when the result cannot be packed (too long, or the
  // dictionary could not be prepared): store the text then.
  bool compress(std::string_view result, std::string& out) const;

 private:
  struct FreeStream {
    void operator()(LZ4_stream_t* s) const { LZ4_freeStream(s); }
  };
  std::shared_ptr<const ResultDictionary> dictionary_;
  // The dictionary loaded once; each compression starts from a copy of it, as lz4.h
  // allows, since compressing changes the stream.
  std::unique_ptr<LZ4_stream_t, FreeStream> loaded_;
};

void set_dictionary_id(std::string& packed, std::uint32_t id);

// Used under the reader's lock.
class ResultUnpacker {
 public:
  // Gives a dictionary's text by id; false (with the error) when the store has none.
  using Lookup = std::function<bool(std::uint32_t id, std::string& content, std::string& error)>;
  ResultUnpacker();
  ~ResultUnpacker();
  ResultUnpacker(const ResultUnpacker&) = delete;
  ResultUnpacker& operator=(const ResultUnpacker&) = delete;

  bool unpack(std::string_view stored, const Lookup& lookup, std::string& out, std::string& error);

 private:
  struct Dictionary {
    std::string content;
    ZSTD_DDict* zstd = nullptr;  // made when a value of format 1 first needs it
  };
  bool unpack_zstd(std::string_view frame, Dictionary& d, std::string& out, std::string& error);

  ZSTD_DCtx* context_ = nullptr;  // likewise
  std::map<std::uint32_t, Dictionary> dictionaries_;
};

}  // namespace proviso::service::internal
