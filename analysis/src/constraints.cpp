// The wording of the `constraint` findings: a set of constraints no scenario satisfies
// together (an error: every other finding would be vacuous), and a constraint no
// scenario can violate (an info: it says nothing).
#include <fmt/format.h>

#include "findings.hpp"

namespace proviso::analysis::internal {

Diagnostic constraint_clash_finding(const Program& p, const std::vector<std::uint32_t>& clashing) {
  std::string names;
  for (std::uint32_t c : clashing) names += fmt::format("{}`{}`", names.empty() ? "" : ", ", p.constraints[c].name);
  const Constraint& first = p.constraints[clashing.front()];
  Diagnostic d = make_diagnostic(
      Code::constraint,
      clashing.size() == 1
          ? fmt::format("constraint {} cannot hold: no scenario satisfies it", names)
          : fmt::format("constraints {} cannot all hold: no scenario satisfies them together", names),
      location_of(first.place));
  for (std::size_t i = 1; i < clashing.size(); ++i) {
    const Constraint& c = p.constraints[clashing[i]];
    d.notes.push_back(Note{fmt::format("`{}` is declared here", c.name), location_of(c.place)});
  }
  for (std::uint32_t c : clashing) d.rules.push_back(p.constraints[c].name);
  d.hint = "the set is the smallest that clashes: correct one of them; analysis stops here, as every other "
           "finding would be about no scenario at all";
  return d;
}

Diagnostic constraint_always_holds_finding(const Program& p, std::uint32_t c) {
  const Constraint& k = p.constraints[c];
  Diagnostic d = make_diagnostic(
      Code::constraint, fmt::format("constraint `{}` always holds: no scenario can violate it, so it rules nothing out", k.name),
      location_of(k.place));
  d.severity = Severity::info;
  d.rules.push_back(k.name);
  return d;
}

}  // namespace proviso::analysis::internal
