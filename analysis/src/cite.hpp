#pragma once
// The framework questions a finding, a change or an explanation rests on: those cited
// by its rules, by the conditions those rules read, and by the facts its witness shows.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::analysis::internal {

// Framework question paths ("dpb.q7"; free-text citations are left out), sorted, once each.
std::vector<std::string> cites_of(const Program& p, const std::vector<std::uint32_t>& rules, const Scenario* witness);
// The same for rules named "policy.rule" (names of policies and unknown names are skipped).
std::vector<std::string> cites_of_named(const Program& p, const std::vector<std::string>& rules, const Scenario* witness);
// The text of a framework question cited somewhere in `p`, or empty.
std::string citation_text(const Program& p, std::string_view ref);

}  // namespace proviso::analysis::internal
