#pragma once
// A small open-addressing map from names to ids, built once and then read on the hot
// path of scenario loading: hashing reads a few words of the key rather than every
// byte, and a hit costs one comparison.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::runtime::internal {

inline std::uint64_t name_hash(std::string_view s) {
  auto word = [&](std::size_t at) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + at, 8);
    return w;
  };
  std::uint64_t h = (s.size() + 1) * 0x9E3779B97F4A7C15ull;
  if (s.size() >= 8) {
    // First, middle and last words: names of a family ("group.item_07_flag") differ
    // somewhere in them.
    h ^= word(0) * 0xff51afd7ed558ccdull;
    h = (h << 23 | h >> 41) ^ word(s.size() / 2 - 4) * 0xc4ceb9fe1a85ec53ull;
    h = (h << 23 | h >> 41) ^ word(s.size() - 8) * 0x9E3779B97F4A7C15ull;
  } else {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < s.size(); ++i) w = w << 8 | static_cast<unsigned char>(s[i]);
    h ^= w * 0xff51afd7ed558ccdull;
  }
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 29);
}

class NameTable {
 public:
  // Adds `name` (if new) and returns its index in insertion order.
  std::uint32_t add(std::string_view name) {
    if (names_.size() * 2 + 2 > slots_.size()) grow();
    std::size_t slot = name_hash(name) & mask_;
    while (slots_[slot] != 0) {
      if (names_[slots_[slot] - 1] == name) return slots_[slot] - 1;
      slot = (slot + 1) & mask_;
    }
    names_.emplace_back(name);
    slots_[slot] = static_cast<std::uint32_t>(names_.size());
    return static_cast<std::uint32_t>(names_.size() - 1);
  }
  // The index of `name`, or kNone.
  std::uint32_t find(std::string_view name) const {
    if (slots_.empty()) return kNone;
    std::size_t slot = name_hash(name) & mask_;
    while (slots_[slot] != 0) {
      const std::string& candidate = names_[slots_[slot] - 1];
      if (candidate.size() == name.size() && same_bytes(candidate.data(), name.data(), name.size())) {
        return slots_[slot] - 1;
      }
      slot = (slot + 1) & mask_;
    }
    return kNone;
  }
  const std::string& name(std::uint32_t i) const { return names_[i]; }
  std::size_t size() const { return names_.size(); }

 private:
  // Names are mostly short: a loop in place beats a call to memcmp.
  static bool same_bytes(const char* a, const char* b, std::size_t n) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  void grow() {
    std::size_t capacity = slots_.empty() ? 16 : slots_.size() * 2;
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (std::uint32_t i = 0; i < names_.size(); ++i) {
      std::size_t slot = name_hash(names_[i]) & mask_;
      while (slots_[slot] != 0) slot = (slot + 1) & mask_;
      slots_[slot] = i + 1;
    }
  }

  std::vector<std::string> names_;
  std::vector<std::uint32_t> slots_;  // index + 1; 0 marks an empty slot
  std::size_t mask_ = 0;
};

}  // namespace proviso::runtime::internal
