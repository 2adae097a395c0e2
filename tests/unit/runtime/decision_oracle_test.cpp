// The evaluator's decision logic (bitmasks for policies of up to 64 rules, lists beyond,
// the toggling of undetermined rules) against a direct transcription of language.md
// sections 5 and 6, on random programs and scenarios with unknown facts.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "proviso/runtime/evaluate.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

constexpr int kFacts = 8;

struct Generated {
  Program program;
  std::vector<std::uint32_t> facts;
};

Generated generate(std::mt19937& rng, std::uint32_t max_rules) {
  test::ProgramBuilder b;
  Generated g;
  for (int i = 0; i < kFacts; ++i) g.facts.push_back(b.fact("f" + std::to_string(i), b.bool_type()));
  std::vector<std::uint32_t> obligations;
  for (int i = 0; i < 4; ++i) obligations.push_back(b.obligation("o" + std::to_string(i), "Obligation"));
  auto atom = [&]() -> std::uint32_t {
    const auto f = b.f(g.facts[rng() % kFacts]);
    return rng() % 3 == 0 ? b.neg(f) : f;
  };
  const int policies = 1 + static_cast<int>(rng() % 3);
  for (int pi = 0; pi < policies; ++pi) {
    const std::int32_t sector = static_cast<std::int32_t>(rng() % 4) - 1;  // -1: every flow
    b.policy("p" + std::to_string(pi), sector, static_cast<Effect>(rng() % 3),
             rng() % 2 ? Combine::strictest : Combine::first);
    const std::uint32_t count = 1 + rng() % max_rules;
    std::vector<std::uint32_t> ids;
    for (std::uint32_t r = 0; r < count; ++r) {
      std::uint32_t when = atom();
      if (rng() % 2) when = rng() % 2 ? b.all({when, atom()}) : b.any({when, atom()});
      const auto effect = static_cast<Effect>(rng() % 3);
      auto rule = b.rule("r" + std::to_string(r), effect, when);
      if (rng() % 4 == 0) rule.unless(atom());
      if (effect == Effect::share && rng() % 2) rule.require({obligations[rng() % 4]});
      // Overrides point at earlier rules only, so the relation is acyclic.
      if (!ids.empty() && rng() % 3 == 0) rule.beats({ids[rng() % ids.size()]});
      ids.push_back(rule);
    }
  }
  g.program = b.build();
  return g;
}

// --- the oracle: the language reference, read literally ---

struct Oracle {
  const Program& p;
  std::vector<Tri> rule;  // each rule's condition

  bool covers(const Policy& pol, const Scenario& s) const {
    if (pol.sector < 0) return true;
    return (s.known[kFactFrom] && s.values[kFactFrom] == pol.sector) ||
           (s.known[kFactTo] && s.values[kFactTo] == pol.sector);
  }
  bool applies(std::uint32_t r, std::uint32_t toggled) const { return rule[r] == Tri::true_ || r == toggled; }
  bool beaten(std::uint32_t r, std::uint32_t toggled) const {
    for (std::uint32_t b : p.rules[r].beaten_by) {
      if (applies(b, toggled)) return true;
    }
    return false;
  }
  Effect policy(std::uint32_t pi, std::uint32_t toggled) const {
    const Policy& pol = p.policies[pi];
    std::vector<std::uint32_t> winners;
    for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
      if (applies(r, toggled) && !beaten(r, toggled)) winners.push_back(r);
    }
    if (winners.empty()) return pol.default_effect;
    if (pol.combine == Combine::first) return p.rules[winners.front()].effect;
    Effect e = Effect::share;
    for (std::uint32_t r : winners) e = std::max(e, p.rules[r].effect);
    return e;
  }
  Result expected(const Scenario& s) const {
    Result out;
    out.rule_status.assign(p.rules.size(), RuleStatus::not_applicable);
    std::vector<std::uint32_t> covering;
    for (std::uint32_t pi = 0; pi < p.policies.size(); ++pi) {
      if (covers(p.policies[pi], s)) covering.push_back(pi);
    }
    if (covering.empty()) {
      out.decision = Outcome::deny;
      out.no_covering_policy = true;
      return out;
    }
    auto bundle = [&](std::uint32_t toggled) {
      Effect e = Effect::share;
      for (std::uint32_t pi : covering) e = std::max(e, policy(pi, toggled));
      return e;
    };
    const Effect base = bundle(kNone);
    bool open = false;
    for (std::uint32_t pi : covering) {
      const Policy& pol = p.policies[pi];
      PolicyResult pr;
      pr.policy = pi;
      const Effect own = policy(pi, kNone);
      pr.decision = static_cast<Outcome>(own);
      for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
        if (rule[r] != Tri::unknown) continue;
        if (policy(pi, r) != own) pr.decision = Outcome::undetermined;
        if (bundle(r) != base) open = true;
      }
      for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
        if (rule[r] == Tri::unknown) out.rule_status[r] = RuleStatus::undetermined;
        if (rule[r] == Tri::true_) out.rule_status[r] = beaten(r, kNone) ? RuleStatus::overridden : RuleStatus::applied;
        if (out.rule_status[r] == RuleStatus::applied && pr.decision == Outcome::share &&
            p.rules[r].effect == Effect::share) {
          for (std::uint32_t o : p.rules[r].requires_) pr.obligations.push_back(o);
        }
      }
      std::sort(pr.obligations.begin(), pr.obligations.end());
      pr.obligations.erase(std::unique(pr.obligations.begin(), pr.obligations.end()), pr.obligations.end());
      out.policies.push_back(pr);
    }
    out.decision = open ? Outcome::undetermined : static_cast<Outcome>(base);
    if (out.decision == Outcome::share) {
      for (const PolicyResult& pr : out.policies) {
        out.obligations.insert(out.obligations.end(), pr.obligations.begin(), pr.obligations.end());
      }
      std::sort(out.obligations.begin(), out.obligations.end());
      out.obligations.erase(std::unique(out.obligations.begin(), out.obligations.end()), out.obligations.end());
    }
    if (out.decision == Outcome::undetermined) {
      for (std::uint32_t pi : covering) {
        const Policy& pol = p.policies[pi];
        for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
          if (rule[r] != Tri::unknown) continue;
          for (std::uint32_t f : p.rules[r].facts) {
            if (!s.known[f]) out.missing.push_back(f);
          }
        }
      }
      std::sort(out.missing.begin(), out.missing.end());
      out.missing.erase(std::unique(out.missing.begin(), out.missing.end()), out.missing.end());
    }
    return out;
  }
};

void compare(std::uint32_t max_rules, int programs, int scenarios, unsigned seed) {
  std::mt19937 rng(seed);
  for (int i = 0; i < programs; ++i) {
    Generated g = generate(rng, max_rules);
    const Program& p = g.program;
    Evaluation ev(make_plan(p));
    Result got;
    for (int k = 0; k < scenarios; ++k) {
      Scenario s;
      s.reset(p.facts.size());
      if (rng() % 8) s.set(kFactFrom, rng() % 3);
      if (rng() % 8) s.set(kFactTo, rng() % 3);
      for (std::uint32_t f : g.facts) {
        if (rng() % 5) s.set(f, rng() % 2);  // about one fact in five unknown
      }
      const Outcome fast = ev.decide(s);
      ev.evaluate(s, got, EvaluateOptions{.keep_values = true});
      Oracle oracle{p, got.values.rules};
      const Result want = oracle.expected(s);
      SCOPED_TRACE("program " + std::to_string(i) + " scenario " + std::to_string(k));
      ASSERT_EQ(fast, want.decision);
      ASSERT_EQ(got.decision, want.decision);
      ASSERT_EQ(got.no_covering_policy, want.no_covering_policy);
      ASSERT_EQ(got.obligations, want.obligations);
      ASSERT_EQ(got.missing, want.missing);
      ASSERT_EQ(got.rule_status, want.rule_status);
      ASSERT_EQ(got.policies.size(), want.policies.size());
      for (std::size_t j = 0; j < want.policies.size(); ++j) {
        EXPECT_EQ(got.policies[j].policy, want.policies[j].policy);
        EXPECT_EQ(got.policies[j].decision, want.policies[j].decision);
        EXPECT_EQ(got.policies[j].obligations, want.policies[j].obligations);
      }
    }
  }
}

TEST(DecisionOracle, SmallPoliciesUseMasksAndAgree) { compare(12, 300, 40, 1); }
TEST(DecisionOracle, PoliciesAroundTheMaskWidthAgree) { compare(70, 120, 30, 2); }
TEST(DecisionOracle, LargePoliciesUseListsAndAgree) { compare(200, 40, 30, 3); }

}  // namespace
}  // namespace proviso
