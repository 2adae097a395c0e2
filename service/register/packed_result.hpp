#pragma once
// A record's result kept compressed (zstd) against its program's dictionary. Results
// of one program differ little (the statuses of the same rules, the same reasons'
// leaves): a 3 KB result of a 50-rule program packs to about 280 bytes, which is what
// let the SQLite register keep up with the service. The stored value is
//   byte 0: 1 (this format), bytes 1-4: the dictionary's id (little-endian),
//   then one zstd frame, which records the result's length.
// A store keeps each dictionary under its id; a result stored as text is read as it is.
#include <zstd.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "proviso/service/register.hpp"

namespace proviso::service::internal {

inline constexpr unsigned char kPackedFormat = 1;

// Compresses one program's results against its dictionary; shared by the threads that
// answer, so that the committer, which every answer waits for, only stores the bytes.
class ResultCompressor {
 public:
  explicit ResultCompressor(std::shared_ptr<const ResultDictionary> dictionary);
  ~ResultCompressor();
  ResultCompressor(const ResultCompressor&) = delete;
  ResultCompressor& operator=(const ResultCompressor&) = delete;

  const std::shared_ptr<const ResultDictionary>& dictionary() const { return dictionary_; }
  // `out`: the stored value with a zero dictionary id, which the store sets
  // (set_dictionary_id). False when zstd fails (out of memory): store the text then.
  bool compress(std::string_view result, std::string& out) const;

 private:
  std::shared_ptr<const ResultDictionary> dictionary_;
  ZSTD_CDict* compiled_;
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
  ZSTD_DCtx* context_;
  std::map<std::uint32_t, ZSTD_DDict*> dictionaries_;
};

}  // namespace proviso::service::internal
