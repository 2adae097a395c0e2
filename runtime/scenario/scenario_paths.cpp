#include "scenario/scenario_paths.hpp"

#include <algorithm>

namespace proviso::runtime::internal {

PathTable::PathTable(const Program& program) {
  for (std::uint32_t id = 0; id < program.facts.size(); ++id) {
    std::string_view name = program.facts[id].name;
    fact_[add(name)] = id;
    for (std::size_t dot = name.find('.'); dot != std::string_view::npos; dot = name.find('.', dot + 1)) {
      prefix_[add(name.substr(0, dot))] = 1;
    }
  }
  values_.resize(program.types.size());
  for (std::size_t t = 0; t < program.types.size(); ++t) {
    if (program.types[t].kind != TypeKind::enumeration) continue;
    // Declaration order gives the value's index, as Type::value_index does.
    for (const std::string& v : program.types[t].values) values_[t].add(v);
  }
}

std::uint32_t PathTable::add(std::string_view path) {
  const std::uint32_t i = names_.add(path);
  if (i == fact_.size()) {
    fact_.push_back(kNone);
    prefix_.push_back(0);
  }
  return i;
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

}  // namespace proviso::runtime::internal
