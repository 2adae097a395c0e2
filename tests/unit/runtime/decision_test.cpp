// Rule statuses, policy decisions and bundle decisions (language.md section 5).
#include <gtest/gtest.h>

#include "proviso/runtime/evaluate.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

using test::ProgramBuilder;
using RS = RuleStatus;

// Four bool facts a..d and sectors health, housing, education.
struct World {
  ProgramBuilder b;
  std::uint32_t a, bf, c, d;
  World() {
    a = b.fact("a", b.bool_type());
    bf = b.fact("b", b.bool_type());
    c = b.fact("c", b.bool_type());
    d = b.fact("d", b.bool_type());
  }
};

// Evaluates and checks that the fast path agrees with the full evaluation.
Result run(const Program& p, const Scenario& s) {
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s);
  EXPECT_EQ(ev.decide(s), r.decision);
  return r;
}

Scenario flow(const Program& p, const std::string& from, const std::string& to) {
  Scenario s;
  s.reset(p.facts.size());
  const Type& sector = p.types[p.sector_type];
  if (!from.empty()) s.set(kFactFrom, sector.value_index(from));
  if (!to.empty()) s.set(kFactTo, sector.value_index(to));
  return s;
}

TEST(Decision, NoRuleAppliesGivesTheDefault) {
  for (Effect def : {Effect::share, Effect::refer, Effect::deny}) {
    World w;
    w.b.policy("p", -1, def);
    w.b.rule("r", Effect::share, w.b.f(w.a));
    Program p = w.b.build();
    Scenario s = flow(p, "health", "housing");
    s.set(w.a, 0);
    Result r = run(p, s);
    EXPECT_EQ(r.decision, static_cast<Outcome>(def));
    ASSERT_EQ(r.policies.size(), 1u);
    EXPECT_TRUE(r.policies[0].by_default);
    EXPECT_FALSE(r.policies[0].conflict);
    EXPECT_EQ(r.rule_status[0], RS::not_applicable);
  }
}

TEST(Decision, OneApplyingRuleDecides) {
  World w;
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("r", Effect::refer, w.b.f(w.a));
  Program p = w.b.build();
  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::refer);
  EXPECT_FALSE(r.policies[0].by_default);
  EXPECT_EQ(r.rule_status[0], RS::applied);
}

struct CombineCase {
  Combine combine;
  bool a, b, c;
  Outcome expect;
  bool conflict;
};

TEST(Decision, StrictestAndFirstResolveConflicts) {
  // r1 share when a, r2 deny when b, r3 refer when c, in this source order.
  const CombineCase table[] = {
      {Combine::strictest, true, true, false, Outcome::deny, true},
      {Combine::first, true, true, false, Outcome::share, true},
      {Combine::strictest, true, false, true, Outcome::refer, true},
      {Combine::first, false, true, true, Outcome::deny, true},
      {Combine::first, false, false, true, Outcome::refer, false},
      {Combine::strictest, true, true, true, Outcome::deny, true},
      {Combine::first, true, true, true, Outcome::share, true},
  };
  for (const CombineCase& row : table) {
    World w;
    w.b.policy("p", -1, Effect::deny, row.combine);
    w.b.rule("r1", Effect::share, w.b.f(w.a));
    w.b.rule("r2", Effect::deny, w.b.f(w.bf));
    w.b.rule("r3", Effect::refer, w.b.f(w.c));
    Program p = w.b.build();
    Scenario s = flow(p, "health", "housing");
    s.set(w.a, row.a);
    s.set(w.bf, row.b);
    s.set(w.c, row.c);
    Result r = run(p, s);
    EXPECT_EQ(r.decision, row.expect) << to_string(row.combine) << row.a << row.b << row.c;
    EXPECT_EQ(r.policies[0].conflict, row.conflict);
  }
}

TEST(Decision, SameEffectsAreNoConflict) {
  World w;
  w.b.policy("p", -1, Effect::share, Combine::first);
  w.b.rule("r1", Effect::deny, w.b.f(w.a));
  w.b.rule("r2", Effect::deny, w.b.f(w.bf));
  Program p = w.b.build();
  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  s.set(w.bf, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_FALSE(r.policies[0].conflict);
  EXPECT_EQ(r.rule_status[0], RS::applied);
  EXPECT_EQ(r.rule_status[1], RS::applied);
}

TEST(Decision, OverridesAreTransitiveThroughANonApplyingMiddleRule) {
  // top (deny) overrides middle (refer), middle overrides bottom (share).
  World w;
  w.b.policy("p", -1, Effect::refer);
  auto top = w.b.rule("top", Effect::deny, w.b.f(w.a));
  auto middle = w.b.rule("middle", Effect::refer, w.b.f(w.bf));
  auto bottom = w.b.rule("bottom", Effect::share, w.b.f(w.c));
  w.b.overrides(top, middle);
  w.b.overrides(middle, bottom);
  Program p = w.b.build();

  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  s.set(w.bf, 0);
  s.set(w.c, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_EQ(r.rule_status[top], RS::applied);
  EXPECT_EQ(r.rule_status[middle], RS::not_applicable);
  EXPECT_EQ(r.rule_status[bottom], RS::overridden);
  EXPECT_FALSE(r.policies[0].conflict);  // the overridden rule is not a winner

  s.set(w.a, 0);  // nothing beats bottom now
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_EQ(r.rule_status[bottom], RS::applied);

  s.set(w.bf, 1);  // middle beats bottom
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::refer);
  EXPECT_EQ(r.rule_status[middle], RS::applied);
  EXPECT_EQ(r.rule_status[bottom], RS::overridden);
}

TEST(Decision, AllRulesOverriddenButTheWinnerIsNoDefault) {
  World w;
  w.b.policy("p", -1, Effect::deny);
  auto lenient = w.b.rule("lenient", Effect::share, w.b.f(w.a));
  auto careful = w.b.rule("careful", Effect::share, w.b.f(w.a)).beats({lenient});
  Program p = w.b.build();
  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_FALSE(r.policies[0].by_default);
  EXPECT_EQ(r.rule_status[lenient], RS::overridden);
  EXPECT_EQ(r.rule_status[careful], RS::applied);
}

TEST(Decision, ObligationsAreTheSortedUnionOfWinningShareRules) {
  World w;
  auto audit = w.b.obligation("audit", "Keep an audit log");
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  auto pseudo = w.b.obligation("pseudonymise", "Pseudonymise the records");
  auto zz = w.b.obligation("zz_retention", "Delete after a year");
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("r1", Effect::share, w.b.f(w.a)).require({pseudo, audit});
  auto r2 = w.b.rule("r2", Effect::share, w.b.f(w.bf)).require({dpia, audit});
  w.b.rule("r3", Effect::share, w.b.f(w.c)).require({zz}).beats({r2});
  Program p = w.b.build();

  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  s.set(w.bf, 1);
  s.set(w.c, 0);
  Result r = run(p, s);
  EXPECT_EQ(r.obligations, (std::vector<std::uint32_t>{audit, dpia, pseudo}));
  EXPECT_EQ(r.policies[0].obligations, r.obligations);

  s.set(w.c, 1);  // r3 overrides r2: r2's obligations go
  r = run(p, s);
  EXPECT_EQ(r.obligations, (std::vector<std::uint32_t>{audit, pseudo, zz}));
}

TEST(Decision, ObligationsVanishWhenTheDecisionIsNotShare) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("r1", Effect::share, w.b.f(w.a)).require({dpia});
  w.b.rule("r2", Effect::refer, w.b.f(w.bf));
  Program p = w.b.build();
  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  s.set(w.bf, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::refer);
  EXPECT_TRUE(r.obligations.empty());
  EXPECT_TRUE(r.policies[0].obligations.empty());
}

TEST(Decision, CoveringPoliciesCombineStrictestWithObligationsUnited) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  auto pseudo = w.b.obligation("pseudonymise", "Pseudonymise the records");
  w.b.policy("everywhere", -1, Effect::deny);
  w.b.rule("ok", Effect::share, w.b.f(w.a)).require({pseudo});
  w.b.policy("health", w.b.sector("health"), Effect::deny);
  w.b.rule("care", Effect::share, w.b.f(w.a)).require({dpia});
  w.b.rule("careful", Effect::refer, w.b.f(w.bf));
  w.b.policy("education", w.b.sector("education"), Effect::deny);
  w.b.rule("school", Effect::deny, w.b.f(w.a));
  Program p = w.b.build();

  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  s.set(w.bf, 0);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_EQ(r.obligations, (std::vector<std::uint32_t>{dpia, pseudo}));
  ASSERT_EQ(r.policies.size(), 2u);
  EXPECT_EQ(r.policies[0].policy, 0u);
  EXPECT_EQ(r.policies[1].policy, 1u);
  EXPECT_EQ(r.rule_status[3], RS::not_applicable);  // education's rule: not covering

  // `to` covers as well as `from`.
  s = flow(p, "housing", "health");
  s.set(w.a, 1);
  s.set(w.bf, 1);
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::refer);
  EXPECT_TRUE(r.obligations.empty());

  s = flow(p, "housing", "education");
  s.set(w.a, 1);
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  ASSERT_EQ(r.policies.size(), 2u);
  EXPECT_EQ(r.policies[1].policy, 2u);

  s = flow(p, "housing", "housing");  // only the policy without a sector
  s.set(w.a, 1);
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_EQ(r.obligations, (std::vector<std::uint32_t>{pseudo}));
  EXPECT_EQ(r.policies.size(), 1u);
}

TEST(Decision, NoCoveringPolicyDenies) {
  World w;
  w.b.policy("health", w.b.sector("health"), Effect::share);
  w.b.rule("r", Effect::share, w.b.f(w.a));
  Program p = w.b.build();
  Scenario s = flow(p, "housing", "education");
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_TRUE(r.no_covering_policy);
  EXPECT_TRUE(r.policies.empty());
  EXPECT_EQ(r.rule_status[0], RS::not_applicable);

  s = flow(p, "housing", "health");
  s.set(w.a, 1);
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_FALSE(r.no_covering_policy);
}

TEST(Decision, UnknownFlowIsCoveredOnlyByPoliciesWithoutASector) {
  World w;
  w.b.policy("health", w.b.sector("health"), Effect::deny);
  w.b.rule("r", Effect::deny, w.b.f(w.a));
  Program p = w.b.build();
  Scenario s = flow(p, "", "");
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_TRUE(r.no_covering_policy);
  EXPECT_EQ(r.decision, Outcome::deny);

  World v;
  v.b.policy("health", v.b.sector("health"), Effect::deny);
  v.b.rule("r", Effect::deny, v.b.f(v.a));
  v.b.policy("all", -1, Effect::deny);
  v.b.rule("ok", Effect::share, v.b.f(v.a));
  Program q = v.b.build();
  Scenario t = flow(q, "", "health");  // from unknown, to health
  t.set(v.a, 1);
  r = run(q, t);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_EQ(r.policies.size(), 2u);
  t = flow(q, "", "");
  t.set(v.a, 1);
  r = run(q, t);
  EXPECT_EQ(r.decision, Outcome::share);
  ASSERT_EQ(r.policies.size(), 1u);
  EXPECT_EQ(r.policies[0].policy, 1u);
}

TEST(Decision, ResultVectorsAreReusedAcrossEvaluations) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("r", Effect::share, w.b.f(w.a)).require({dpia});
  Program p = w.b.build();
  Evaluation ev(make_plan(p));
  Result r;
  Scenario s = flow(p, "health", "housing");
  s.set(w.a, 1);
  ev.evaluate(s, r);
  EXPECT_EQ(r.obligations.size(), 1u);
  s.set(w.a, 0);
  ev.evaluate(s, r);  // stale obligations must not survive
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_TRUE(r.obligations.empty());
  EXPECT_TRUE(r.policies[0].obligations.empty());
  EXPECT_EQ(r.rule_status[0], RS::not_applicable);
}

}  // namespace
}  // namespace proviso
