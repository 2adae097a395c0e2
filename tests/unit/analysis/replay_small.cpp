#include <functional>

#include "analysis/brute_force.hpp"
#include "analysis/replay.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::test {

namespace {

bool read(const Program& p, const std::string& json, Scenario& s) {
  ScenarioReader reader(p);
  Diagnostic error;
  return reader.read(json, s, error);
}

// The first completion of `partial` (facts it knows fixed, the rest every value in
// range, constraints kept) whose replay fails, or empty.
std::string first_failure(const Program& p, const Diagnostic& d, const Scenario& partial, std::size_t* completions) {
  Evaluation ev(make_plan(p));
  std::string failure;
  for_each_scenario(p, [&](const Scenario& c) {
    if (!failure.empty()) return;
    for (std::uint32_t f = 0; f < partial.known.size(); ++f) {
      if (partial.known[f] && c.values[f] != partial.values[f]) return;
    }
    Scenario x = c;
    x.on = partial.on;
    if (!ev.evaluate(x).violated.empty()) return;  // no real scenario
    Diagnostic copy = d;
    copy.witness_json = scenario_to_json(p, x);
    copy.witness_full_json.clear();
    failure = replay(p, copy);
    if (failure.empty() && d.code == Code::deferral_gap) {
      // The witness shows a flow the rule accepts: its own policy lets it be shared.
      const std::uint32_t rule = p.find_rule(d.rules.front());
      Result r = ev.evaluate(x);
      for (const PolicyResult& pr : r.policies) {
        if (pr.policy == p.rules[rule].policy && pr.decision != Outcome::share) failure = "its own policy does not share";
      }
    }
    if (completions != nullptr) ++*completions;
  });
  return failure;
}

}  // namespace

std::string replay_every_value(const Program& p, const Diagnostic& d, std::size_t* completions) {
  if (d.witness_json.empty()) return "";
  if (d.witness_full_json.empty()) return "no witness_full beside the witness";
  Scenario small, full;
  if (!read(p, d.witness_json, small)) return "witness rejected: " + d.witness_json;
  if (!read(p, d.witness_full_json, full)) return "witness_full rejected: " + d.witness_full_json;
  for (std::uint32_t f = 0; f < small.known.size(); ++f) {
    if (small.known[f] && (!full.known[f] || full.values[f] != small.values[f])) {
      return "the witness has a fact the full witness has not: " + p.facts[f].name;
    }
  }
  std::string e = first_failure(p, d, small, completions);
  return e.empty() ? "" : e + " (shortened witness " + d.witness_json + ")";
}

std::string check_minimal(const Program& p, const Diagnostic& d) {
  if (d.witness_json.empty()) return "";
  Scenario small;
  if (!read(p, d.witness_json, small)) return "witness rejected: " + d.witness_json;
  for (std::uint32_t f = kBuiltinFactCount; f < small.known.size(); ++f) {  // the flow always stays
    if (!small.known[f]) continue;
    Scenario without = small;
    without.known[f] = 0;
    if (first_failure(p, d, without, nullptr).empty()) return p.facts[f].name + " could be left out too";
  }
  return "";
}

std::string replay_unknowns_consistently(const Program& p, const Diagnostic& d) {
  if (d.witness_json.empty()) return "";
  Scenario s;
  if (!read(p, d.witness_json, s)) return "witness rejected: " + d.witness_json;
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s);
  auto status = [&](std::size_t i) {
    std::uint32_t rule = i < d.rules.size() ? p.find_rule(d.rules[i]) : kNone;
    return rule == kNone ? RuleStatus::undetermined : r.rule_status[rule];
  };
  auto named = [&](std::size_t i) { return d.rules[i] + " is " + std::string(to_string(status(i))); };
  switch (d.code) {
    case Code::conflict:
      for (std::size_t i = 0; i < 2; ++i) {
        if (status(i) != RuleStatus::applied && status(i) != RuleStatus::undetermined) return named(i);
      }
      return "";
    case Code::shadowed_rule:
      // It applies; which rule overrides it may take every value to see (Kleene's `or`
      // of two unknowns is unknown), so `applied` is no contradiction.
      if (status(0) == RuleStatus::not_applicable) return named(0);
      return "";
    case Code::deferral_gap:
      if (status(0) != RuleStatus::applied && status(0) != RuleStatus::undetermined) return named(0);
      if (r.decision == Outcome::share) return "the bundle shares";
      return "";
    default:
      return "";
  }
}

}  // namespace proviso::test
