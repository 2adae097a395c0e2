#include "scenario_paths.hpp"

#include <algorithm>

namespace proviso::detail {

namespace {

std::uint64_t hash_path(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: short keys, few collisions
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

PathTable::PathTable(const Program& program) {
  std::size_t expected = 0;
  for (const Fact& f : program.facts) {
    expected += 1 + static_cast<std::size_t>(std::count(f.name.begin(), f.name.end(), '.'));
  }
  std::size_t capacity = 16;
  while (capacity < expected * 2) capacity *= 2;
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  entries_.reserve(expected);

  for (std::uint32_t id = 0; id < program.facts.size(); ++id) {
    std::string_view name = program.facts[id].name;
    entries_[add(name)].fact = id;
    for (std::size_t dot = name.find('.'); dot != std::string_view::npos; dot = name.find('.', dot + 1)) {
      entries_[add(name.substr(0, dot))].prefix = true;
    }
  }
}

std::uint32_t PathTable::add(std::string_view path) {
  std::size_t slot = hash_path(path) & mask_;
  while (slots_[slot] != 0) {
    if (entries_[slots_[slot] - 1].path == path) return slots_[slot] - 1;
    slot = (slot + 1) & mask_;
  }
  entries_.push_back({std::string(path), kNone, false});
  slots_[slot] = static_cast<std::uint32_t>(entries_.size());
  return static_cast<std::uint32_t>(entries_.size() - 1);
}

std::uint32_t PathTable::find(std::string_view path) const {
  std::size_t slot = hash_path(path) & mask_;
  while (slots_[slot] != 0) {
    const Entry& e = entries_[slots_[slot] - 1];
    if (e.path == path) return slots_[slot] - 1;
    slot = (slot + 1) & mask_;
  }
  return kNone;
}

std::string_view closest_name(std::string_view wrong, const std::vector<std::string_view>& candidates) {
  // Keys of absurd length are not typos; skip the quadratic work.
  if (wrong.empty() || wrong.size() > 256) return {};
  const std::size_t allowed = std::min<std::size_t>(3, 1 + wrong.size() / 4);
  std::string_view best;
  std::size_t best_distance = allowed + 1;
  std::vector<std::size_t> row, prev;
  for (std::string_view c : candidates) {
    if (c.size() > wrong.size() + allowed || wrong.size() > c.size() + allowed) continue;
    prev.resize(c.size() + 1);
    row.resize(c.size() + 1);
    for (std::size_t j = 0; j <= c.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= wrong.size(); ++i) {
      row[0] = i;
      for (std::size_t j = 1; j <= c.size(); ++j) {
        const std::size_t cost = wrong[i - 1] == c[j - 1] ? 0 : 1;
        row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      }
      std::swap(row, prev);
    }
    if (prev[c.size()] < best_distance) {
      best_distance = prev[c.size()];
      best = c;
    }
  }
  return best;
}

}  // namespace proviso::detail
