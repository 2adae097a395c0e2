#pragma once
// The wording and shape of analysis findings: code, severity, message, location,
// notes, `rules` in the contract's order, and the witness scenario as JSON.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"

namespace proviso::analysis::internal {

Location location_of(const SourcePlace& place);

// Two rules of one policy, in source order, both applied in `witness`.
Diagnostic conflict_finding(const Program& p, std::uint32_t r1, std::uint32_t r2, const Scenario& witness);
Diagnostic dead_rule_finding(const Program& p, std::uint32_t rule);
// The rule's int arithmetic overflows 64 bits in `witness`, all of whose facts are in range.
Diagnostic overflow_finding(const Program& p, std::uint32_t rule, const Scenario& witness);
// `shadowers` beat `rule` and between them apply whenever it does; `witness` shows one.
Diagnostic shadowed_rule_finding(const Program& p, std::uint32_t rule, const std::vector<std::uint32_t>& shadowers,
                                 const Scenario& witness);
Diagnostic gap_finding(const Program& p, std::uint32_t policy, const Scenario& witness);
// `who1`/`who2`: the rule that decided each policy, or kNone when its default did.
Diagnostic cross_policy_finding(const Program& p, std::uint32_t p1, Effect e1, std::uint32_t who1, std::uint32_t p2,
                                Effect e2, std::uint32_t who2, const Scenario& witness);
// Deferring share rule `rule` takes effect, but whenever it applies one of `blockers`
// (other covering policies) decides refer or deny: the bundle never shares what it
// accepts. `witness` shows a flow it accepts and what the bundle decides.
Diagnostic deferral_gap_finding(const Program& p, std::uint32_t rule, const std::vector<std::uint32_t>& blockers,
                                const Scenario& witness);
// Constraints that no scenario satisfies together (a smallest such set, in source order).
Diagnostic constraint_clash_finding(const Program& p, const std::vector<std::uint32_t>& clashing);
// A constraint that no scenario within the facts' ranges can make false.
Diagnostic constraint_always_holds_finding(const Program& p, std::uint32_t constraint);
// Groups a finding that holds for more rules than its own: `others` (capped by the
// caller) are named in the message and the `others` field, `count` counts them all.
// `same_way` completes "; 3 other rules ...: `a`, `b`, `c`".
void add_others(Diagnostic& d, std::vector<std::string> others, std::size_t count, std::string_view same_way);
// The run's budget ran out before these questions were asked (counts of each kind).
Diagnostic budget_finding(const Program& p, std::size_t budget_s, std::size_t constraints, std::size_t rules,
                          std::size_t overflows, std::size_t pairs, std::size_t gaps, std::size_t cross, std::size_t other);
// A question the solver could not answer: `what` completes "could not decide whether ...".
Diagnostic inconclusive_finding(const Program& p, const SourcePlace& place, std::string what,
                                std::vector<std::string> rules, std::string_view reason);

}  // namespace proviso::analysis::internal
