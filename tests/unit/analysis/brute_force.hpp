#pragma once
// The ground truth for small programs: every fully specified scenario is run through
// the runtime's Evaluation, and the findings are read off the results (language.md
// section 5, and the definitions in proviso/analysis/analysis.hpp).
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"

namespace proviso::test {

struct Findings {
  std::set<std::pair<std::uint32_t, std::uint32_t>> conflicts;  // rule ids, source order
  std::set<std::uint32_t> dead, shadowed;                        // rule ids
  std::set<std::uint32_t> gaps;                                  // policy ids
  std::set<std::pair<std::uint32_t, std::uint32_t>> cross;       // policy ids, source order
  std::set<std::uint32_t> deferral_gaps;                         // rule ids
  std::size_t inconclusive = 0;

  bool operator==(const Findings&) const = default;
};

// Interesting values of an unbounded int: small ones and the 64-bit edges.
std::vector<std::int64_t> edge_values();
// Calls `visit` with every scenario in which every fact is known and inside its type
// (for unbounded ints: every value of edge_values()).
void for_each_scenario(const Program& p, const std::function<void(const Scenario&)>& visit);

Findings brute_force(const Program& p);

// The analysis findings in the same shape (names resolved back to ids).
Findings collect(const Program& p, const Diagnostics& ds);

// True when in every scenario where `rule` applies, one of `shadowers` applies too.
bool always_overridden_by(const Program& p, std::uint32_t rule, const std::vector<std::uint32_t>& shadowers);

std::string to_text(const Program& p, const Findings& f);

}  // namespace proviso::test
