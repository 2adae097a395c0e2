#include "findings.hpp"

#include <algorithm>

#include "proviso/runtime/scenario_json.hpp"

namespace proviso::analysis::internal {

namespace {

std::string quoted(std::string_view name) { return "`" + std::string(name) + "`"; }

std::string rule_name(const Program& p, std::uint32_t r) { return p.rule_qualified_name(r); }

Diagnostic finding(Code code, std::string message, const SourcePlace& place) {
  Diagnostic d = make_diagnostic(code, std::move(message), location_of(place));
  d.severity = default_severity(code);
  return d;
}

std::string decided_by(const Program& p, std::uint32_t rule) {
  return rule == kNone ? std::string("its default") : "rule " + quoted(rule_name(p, rule));
}

}  // namespace

Location location_of(const SourcePlace& place) {
  Location loc;
  loc.file = place.file;
  loc.line = place.line;
  loc.column = place.column;
  return loc;
}

Diagnostic conflict_finding(const Program& p, std::uint32_t r1, std::uint32_t r2, const Scenario& witness) {
  const Rule& a = p.rules[r1];
  const Rule& b = p.rules[r2];
  const Policy& pol = p.policies[a.policy];
  std::string message = "rules " + quoted(rule_name(p, r1)) + " (" + std::string(to_string(a.effect)) + ") and " +
                        quoted(rule_name(p, r2)) + " (" + std::string(to_string(b.effect)) +
                        ") can apply together and neither overrides the other; ";
  if (pol.combine == Combine::strictest) {
    message += "combine strictest resolves it to " + std::string(to_string(std::max(a.effect, b.effect)));
  } else {
    message += "combine first resolves it to the effect of the first applied rule";
  }
  Diagnostic d = finding(Code::conflict, std::move(message), b.place);
  d.notes.push_back({quoted(a.name) + " is declared here", location_of(a.place)});
  d.hint = "add `overrides " + a.name + "` to " + quoted(b.name) + " (or the reverse) if one should win, or narrow their conditions";
  d.rules = {rule_name(p, r1), rule_name(p, r2)};
  d.witness_json = scenario_to_json(p, witness);
  return d;
}

Diagnostic dead_rule_finding(const Program& p, std::uint32_t rule) {
  const Rule& r = p.rules[rule];
  std::string message = "rule " + quoted(rule_name(p, rule)) + " can never apply: its condition cannot hold";
  message += p.policies[r.policy].sector >= 0 ? " on any flow its policy covers" : " in any scenario";
  Diagnostic d = finding(Code::dead_rule, std::move(message), r.place);
  d.hint = "check the bounds and values its condition compares with";
  d.rules = {rule_name(p, rule)};
  return d;
}

Diagnostic overflow_finding(const Program& p, std::uint32_t rule, const Scenario& witness) {
  const Rule& r = p.rules[rule];
  std::string message = "rule " + quoted(rule_name(p, rule)) +
                        " can be undetermined with every fact known: its int arithmetic overflows 64 bits for "
                        "values within the facts' ranges (as in the witness), and an overflow is unknown";
  Diagnostic d = finding(Code::overflow, std::move(message), r.place);
  d.hint = "narrow the ranges of the int facts it computes with (e.g. `int (0 .. 1_000_000)`) so no sum or product "
           "can pass 64 bits";
  d.rules = {rule_name(p, rule)};
  d.witness_json = scenario_to_json(p, witness);
  return d;
}

Diagnostic shadowed_rule_finding(const Program& p, std::uint32_t rule, const std::vector<std::uint32_t>& shadowers,
                                 const Scenario& witness) {
  const Rule& r = p.rules[rule];
  std::string who;
  for (std::size_t i = 0; i < shadowers.size(); ++i) {
    if (i > 0) who += i + 1 == shadowers.size() ? " or " : ", ";
    who += quoted(rule_name(p, shadowers[i]));
  }
  std::string message = "rule " + quoted(rule_name(p, rule)) + " never takes effect: whenever it applies, " + who +
                        (shadowers.size() == 1 ? " applies too and overrides it" : " also applies and overrides it");
  Diagnostic d = finding(Code::shadowed_rule, std::move(message), r.place);
  d.rules = {rule_name(p, rule)};
  for (std::uint32_t s : shadowers) {
    d.rules.push_back(rule_name(p, s));
    d.notes.push_back({quoted(p.rules[s].name) + " overrides it here", location_of(p.rules[s].place)});
  }
  d.hint = "remove the rule, or narrow the rules that override it";
  d.witness_json = scenario_to_json(p, witness);
  return d;
}

Diagnostic gap_finding(const Program& p, std::uint32_t policy, const Scenario& witness) {
  const Policy& pol = p.policies[policy];
  std::string message = "policy " + quoted(pol.name) + " covers flows to which none of its rules applies; its default (" +
                        std::string(to_string(pol.default_effect)) + ") decides them";
  Diagnostic d = finding(Code::gap, std::move(message), pol.place);
  d.rules = {pol.name};
  d.witness_json = scenario_to_json(p, witness);
  return d;
}

Diagnostic cross_policy_finding(const Program& p, std::uint32_t p1, Effect e1, std::uint32_t who1, std::uint32_t p2,
                                Effect e2, std::uint32_t who2, const Scenario& witness) {
  const Policy& a = p.policies[p1];
  const Policy& b = p.policies[p2];
  std::string message = "policies " + quoted(a.name) + " and " + quoted(b.name) + " both cover one flow and disagree: " +
                        quoted(a.name) + " decides " + std::string(to_string(e1)) + " by " + decided_by(p, who1) +
                        ", " + quoted(b.name) + " decides " + std::string(to_string(e2)) + " by " + decided_by(p, who2);
  Diagnostic d = finding(Code::cross_policy_conflict, std::move(message), b.place);
  d.notes.push_back({"policy " + quoted(a.name) + " is declared here", location_of(a.place)});
  d.rules = {who1 == kNone ? a.name : rule_name(p, who1), who2 == kNone ? b.name : rule_name(p, who2)};
  d.witness_json = scenario_to_json(p, witness);
  return d;
}

Diagnostic deferral_gap_finding(const Program& p, std::uint32_t rule, const std::vector<std::uint32_t>& blockers,
                                const Scenario& witness) {
  const Rule& r = p.rules[rule];
  std::string who;
  for (std::size_t i = 0; i < blockers.size(); ++i) {
    if (i > 0) who += i + 1 == blockers.size() ? " or " : ", ";
    who += quoted(p.policies[blockers[i]].name);
  }
  std::string message = "rule " + quoted(rule_name(p, rule)) +
                        " defers to the other covering policies, but none of them ever lets a flow it accepts "
                        "be shared: whenever it applies, " + who +
                        (blockers.size() == 1 ? " decides" : " between them decide") + " refer or deny";
  Diagnostic d = finding(Code::deferral_gap, std::move(message), r.place);
  d.rules = {rule_name(p, rule)};
  for (std::uint32_t b : blockers) {
    d.rules.push_back(p.policies[b].name);
    d.notes.push_back({"policy " + quoted(p.policies[b].name) + " is declared here", location_of(p.policies[b].place)});
  }
  d.hint = "write the route in the sending side's policy, or narrow or remove this acceptance; `defers` keeps the "
           "missing route from showing as a cross-policy conflict";
  d.witness_json = scenario_to_json(p, witness);
  return d;
}

void add_others(Diagnostic& d, std::vector<std::string> others, std::size_t count, std::string_view same_way) {
  std::string list;
  for (std::size_t i = 0; i < others.size(); ++i) list += (i > 0 ? ", " : "") + quoted(others[i]);
  if (count > others.size()) list += ", and " + std::to_string(count - others.size()) + " more";
  d.message += "; " + std::to_string(count) + " other rule" + (count == 1 ? " " : "s ") + std::string(same_way) + ": " + list;
  d.others = std::move(others);
  d.others_count = count;
}

Diagnostic budget_finding(const Program&, std::size_t budget_s, std::size_t constraints, std::size_t rules,
                          std::size_t overflows, std::size_t pairs, std::size_t gaps, std::size_t cross, std::size_t other) {
  std::string what;
  auto count = [&](std::size_t n, std::string_view one, std::string_view many) {
    if (n == 0) return;
    if (!what.empty()) what += ", ";
    what += std::to_string(n) + " " + std::string(n == 1 ? one : many);
  };
  count(rules, "rule", "rules");
  count(overflows, "rule that may overflow", "rules that may overflow");
  count(pairs, "pair of rules that may conflict", "pairs of rules that may conflict");
  count(gaps, "policy's gaps", "policies' gaps");
  count(cross, "pair of policies", "pairs of policies");
  count(constraints, "constraint", "constraints");
  count(other, "other question", "other questions");
  std::string message = "analysis inconclusive: the analysis budget (" + std::to_string(budget_s) +
                        " s) ran out before it reached " + what + "; nothing is known about them";
  Diagnostic d = finding(Code::inconclusive, std::move(message), SourcePlace{});
  d.hint = "raise --analysis-budget, or analyse a smaller bundle";
  return d;
}

Diagnostic inconclusive_finding(const Program&, const SourcePlace& place, std::string what,
                                std::vector<std::string> rules, std::string_view reason) {
  std::string message = "analysis inconclusive: could not decide whether " + what;
  if (!reason.empty()) message += " (solver: " + std::string(reason) + ")";
  Diagnostic d = finding(Code::inconclusive, std::move(message), place);
  d.rules = std::move(rules);
  d.hint = "raise the solver's time limit, or simplify the conditions involved";
  return d;
}

}  // namespace proviso::analysis::internal
