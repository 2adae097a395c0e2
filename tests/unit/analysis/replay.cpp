#include "analysis/replay.hpp"

#include <algorithm>

#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::test {

namespace {

const PolicyResult* policy_result(const Result& r, std::uint32_t policy) {
  for (const PolicyResult& pr : r.policies) {
    if (pr.policy == policy) return &pr;
  }
  return nullptr;
}

std::string status_text(const Program& p, const Result& r, std::uint32_t rule) {
  return p.rule_qualified_name(rule) + " is " + std::string(to_string(r.rule_status[rule]));
}

// A cross-policy entry: "policy.rule" that decided its policy, or "policy" by default.
// A share must stand on its own: neither the policy's share nor the named rule defers.
std::string check_decider(const Program& p, const Result& r, const std::string& name, Outcome& decision) {
  std::uint32_t rule = p.find_rule(name);
  std::uint32_t policy = rule != kNone ? p.rules[rule].policy : p.find_policy(name);
  if (policy == kNone) return "names no rule or policy: " + name;
  const PolicyResult* pr = policy_result(r, policy);
  if (pr == nullptr) return "policy " + p.policies[policy].name + " does not cover the witness flow";
  decision = pr->decision;
  if (share_defers(p, r, *pr)) return "the share of policy " + p.policies[policy].name + " defers";
  if (rule == kNone) return pr->by_default ? "" : "policy " + name + " was not decided by its default";
  if (r.rule_status[rule] != RuleStatus::applied) return status_text(p, r, rule);
  if (static_cast<Outcome>(p.rules[rule].effect) != pr->decision) return name + " has not the policy's effect";
  if (p.rules[rule].defers) return name + " defers";
  return "";
}

}  // namespace

std::string replay(const Program& p, const Diagnostic& d) {
  if (d.code == Code::dead_rule || d.code == Code::inconclusive) {
    return d.witness_json.empty() ? "" : "a " + std::string(to_string(d.code)) + " finding carries a witness";
  }
  if (d.witness_json.empty()) return "no witness";
  // The full witness knows every fact involved, so the runtime decides it outright
  // (the shortened one is checked value by value: replay_every_value).
  const std::string& json = d.witness_full_json.empty() ? d.witness_json : d.witness_full_json;
  ScenarioReader reader(p);
  Scenario s;
  Diagnostic error;
  if (!reader.read(json, s, error)) return "witness rejected: " + error.message + " in " + json;
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s);
  auto rule = [&](std::size_t i) { return i < d.rules.size() ? p.find_rule(d.rules[i]) : kNone; };
  std::string where = " (witness " + json + ")";
  switch (d.code) {
    case Code::conflict: {
      std::uint32_t a = rule(0), b = rule(1);
      if (a == kNone || b == kNone) return "conflict names unknown rules";
      if (r.rule_status[a] != RuleStatus::applied) return status_text(p, r, a) + where;
      if (r.rule_status[b] != RuleStatus::applied) return status_text(p, r, b) + where;
      const PolicyResult* pr = policy_result(r, p.rules[a].policy);
      if (pr == nullptr || !pr->conflict) return "the policy does not report a conflict" + where;
      return "";
    }
    case Code::shadowed_rule: {
      std::uint32_t a = rule(0);
      if (a == kNone || d.rules.size() < 2) return "shadowed-rule names no shadowing rule";
      if (r.rule_status[a] != RuleStatus::overridden) return status_text(p, r, a) + where;
      for (std::size_t i = 1; i < d.rules.size(); ++i) {
        std::uint32_t x = rule(i);
        if (x == kNone) return "unknown rule " + d.rules[i];
        bool beats = false;
        for (std::uint32_t b : p.rules[a].beaten_by) beats = beats || b == x;
        if (!beats) return d.rules[i] + " does not beat " + d.rules[0];
      }
      return "";
    }
    case Code::gap: {
      std::uint32_t policy = d.rules.empty() ? kNone : p.find_policy(d.rules[0]);
      if (policy == kNone) return "gap names no policy";
      const PolicyResult* pr = policy_result(r, policy);
      if (pr == nullptr) return "the policy does not cover the witness flow" + where;
      if (!pr->by_default || pr->decision != static_cast<Outcome>(p.policies[policy].default_effect)) {
        return "the policy's default did not decide" + where;
      }
      return "";
    }
    case Code::cross_policy_conflict: {
      if (d.rules.size() != 2) return "cross-policy-conflict needs two entries";
      Outcome x = Outcome::undetermined, y = Outcome::undetermined;
      if (auto e = check_decider(p, r, d.rules[0], x); !e.empty()) return e + where;
      if (auto e = check_decider(p, r, d.rules[1], y); !e.empty()) return e + where;
      bool disagree = (x == Outcome::share && y == Outcome::deny) || (x == Outcome::deny && y == Outcome::share);
      return disagree ? "" : "the policies decide " + std::string(to_string(x)) + " and " + std::string(to_string(y)) + where;
    }
    case Code::deferral_gap: {
      std::uint32_t a = rule(0);
      if (a == kNone || d.rules.size() < 2) return "deferral-gap names no rule or no blocking policy";
      if (r.rule_status[a] != RuleStatus::applied) return status_text(p, r, a) + where;
      if (r.decision == Outcome::share) return "the bundle shares" + where;
      for (std::size_t i = 1; i < d.rules.size(); ++i) {
        std::uint32_t policy = p.find_policy(d.rules[i]);
        if (policy == kNone) return "unknown policy " + d.rules[i];
        const PolicyResult* pr = policy_result(r, policy);
        if (pr != nullptr && pr->decision != Outcome::share) return "";
      }
      return "no named policy stands in the share's way" + where;
    }
    case Code::overflow: {
      std::uint32_t a = rule(0);
      if (a == kNone) return "overflow names no rule";
      if (r.rule_status[a] != RuleStatus::undetermined) return status_text(p, r, a) + where;
      if (!std::binary_search(r.overflow.begin(), r.overflow.end(), a)) return "the result does not list the overflow" + where;
      return "";
    }
    default:
      return "";
  }
}

}  // namespace proviso::test
