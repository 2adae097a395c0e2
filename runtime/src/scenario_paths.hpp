#pragma once
// The name lookup behind scenario loading: every fact name and every dotted prefix of
// one ("benefit" for "benefit.measurable"), so nested JSON objects and dotted keys meet
// in one table. Built once per reader; lookups hash the key and compare bytes, with no
// allocation.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/runtime/program.hpp"

namespace proviso::detail {

class PathTable {
 public:
  struct Entry {
    std::string path;
    std::uint32_t fact = kNone;  // the fact with this exact name, if any
    bool prefix = false;         // some fact's name continues with "path."
  };

  explicit PathTable(const Program& program);

  // Index of the entry for `path`, or kNone.
  std::uint32_t find(std::string_view path) const;
  const Entry& entry(std::uint32_t i) const { return entries_[i]; }
  std::size_t size() const { return entries_.size(); }

 private:
  std::uint32_t add(std::string_view path);

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 marks an empty slot
  std::size_t mask_ = 0;
};

// The candidate closest to `wrong` by edit distance when it is close enough to be a
// plausible typo, otherwise empty. For "did you mean" hints on the error path only.
std::string_view closest_name(std::string_view wrong, const std::vector<std::string_view>& candidates);

}  // namespace proviso::detail
