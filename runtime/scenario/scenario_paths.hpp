#pragma once
// The name lookups behind scenario loading: every fact name and every dotted prefix of
// one ("benefit" for "benefit.measurable"), so nested JSON objects and dotted keys meet
// in one table; and the values of every enumeration. Built once per reader; lookups
// allocate nothing.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/name_table.hpp"
#include "proviso/program/program.hpp"

namespace proviso::runtime::internal {

class PathTable {
 public:
  struct Entry {
    const std::string& path;
    std::uint32_t fact;  // the fact with this exact name, or kNone
    bool prefix;         // some fact's name continues with "path."
  };

  explicit PathTable(const Program& program);

  // Index of the entry for `path`, or kNone.
  std::uint32_t find(std::string_view path) const { return names_.find(path); }
  Entry entry(std::uint32_t i) const { return {names_.name(i), fact_[i], prefix_[i] != 0}; }
  std::size_t size() const { return names_.size(); }

  // The index of an enumeration's value, or kNone (Type::value_index, hashed).
  std::uint32_t value_index(std::uint32_t type, std::string_view value) const { return values_[type].find(value); }

 private:
  std::uint32_t add(std::string_view path);

  NameTable names_;
  std::vector<std::uint32_t> fact_;
  std::vector<std::uint8_t> prefix_;
  std::vector<NameTable> values_;  // per type; empty for types that are not enumerations
};

// The candidate closest to `wrong` by edit distance when it is close enough to be a
// plausible typo, otherwise empty. For "did you mean" hints on the error path only.
std::string_view closest_name(std::string_view wrong, const std::vector<std::string_view>& candidates);

}  // namespace proviso::runtime::internal
