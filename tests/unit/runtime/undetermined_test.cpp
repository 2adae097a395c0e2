// Decisions with missing facts (language.md section 6): the decision is undetermined
// exactly when two assignments of the undetermined rules give different decisions, and
// `missing` lists the relevant unknown facts of the rules that can change it.
// (undetermined_exact_test.cpp compares the computation with brute force.)
#include <gtest/gtest.h>

#include "proviso/runtime/evaluate.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

using test::ProgramBuilder;
using RS = RuleStatus;
using Ids = std::vector<std::uint32_t>;

struct World {
  ProgramBuilder b;
  std::uint32_t a, bf, c, d;
  World() {
    a = b.fact("a", b.bool_type(), "Is a so?");
    bf = b.fact("b", b.bool_type(), "Is b so?");
    c = b.fact("c", b.bool_type());
    d = b.fact("d", b.bool_type());
  }
  Scenario flow(const Program& p) {
    Scenario s;
    s.reset(p.facts.size());
    s.set(kFactFrom, 0);
    s.set(kFactTo, 1);
    return s;
  }
};

Result run(const Program& p, const Scenario& s) {
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s);
  EXPECT_EQ(ev.decide(s), r.decision);
  return r;
}

TEST(Undetermined, AnUnknownThatCouldChangeTheDecisionMakesItUndetermined) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("ok", Effect::share, w.b.f(w.a)).require({dpia});
  w.b.rule("stop", Effect::deny, w.b.f(w.bf));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);  // b unknown: stop would turn share into deny
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.bf}));
  EXPECT_TRUE(r.obligations.empty());  // never reported for undetermined
  EXPECT_EQ(r.policies[0].decision, Outcome::undetermined);
  EXPECT_TRUE(r.policies[0].obligations.empty());
  EXPECT_EQ(r.rule_status[0], RS::applied);
  EXPECT_EQ(r.rule_status[1], RS::undetermined);
}

TEST(Undetermined, UnknownsThatCannotMatterLeaveTheDecisionStanding) {
  World w;
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("ok", Effect::share, w.b.f(w.a));
  w.b.rule("stop", Effect::deny, w.b.f(w.bf));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.bf, 1);  // a unknown, but stop already denies and strictest keeps deny
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.policies[0].decision, Outcome::deny);
  EXPECT_EQ(r.rule_status[0], RS::undetermined);
}

TEST(Undetermined, AnUndeterminedRuleAlreadyBeatenCannotMatter) {
  World w;
  w.b.policy("p", -1, Effect::deny);
  auto maybe = w.b.rule("maybe", Effect::refer, w.b.f(w.a));
  w.b.rule("sure", Effect::share, w.b.f(w.bf)).beats({maybe});
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.bf, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_TRUE(r.missing.empty());
}

TEST(Undetermined, AnUndeterminedOverriderCanChangeTheDecision) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  w.b.policy("p", -1, Effect::deny, Combine::first);
  auto ok = w.b.rule("ok", Effect::share, w.b.f(w.a)).require({dpia});
  auto opted_out = w.b.rule("opted_out", Effect::refer, w.b.f(w.bf));
  w.b.overrides(opted_out, ok);
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.bf}));
  // The baseline treats the undetermined overrider as not applying.
  EXPECT_EQ(r.rule_status[ok], RS::applied);

  s.set(w.bf, 0);
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_EQ(r.obligations, (Ids{dpia}));
}

TEST(Undetermined, ASameEffectToggleIsNoChange) {
  World w;
  w.b.policy("p", -1, Effect::share);
  w.b.rule("also", Effect::share, w.b.f(w.a));  // unknown, but share either way
  Program p = w.b.build();
  Result r = run(p, w.flow(p));
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_TRUE(r.policies[0].by_default);
}

TEST(Undetermined, ADefaultThatARuleCouldReplaceIsUndetermined) {
  World w;
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("ok", Effect::share, w.b.all({w.b.f(w.c), w.b.f(w.a)}));
  Program p = w.b.build();
  Result r = run(p, w.flow(p));
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.a, w.c}));  // declaration order, not order of use
}

TEST(Undetermined, MissingListsOnlyUnknownFactsOfUndeterminedRules) {
  World w;
  w.b.policy("p", -1, Effect::deny);
  // a known true, d unknown: only d is missing
  w.b.rule("ok", Effect::share, w.b.all({w.b.f(w.a), w.b.f(w.d)}));
  // c is unknown but this rule is settled false by b
  w.b.rule("never", Effect::refer, w.b.all({w.b.f(w.bf), w.b.f(w.c)}));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);
  s.set(w.bf, 0);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.d}));
}

TEST(Undetermined, MissingListsOnlyTheFactsOfRulesThatCanChangeTheDecision) {
  // Only `stop` can change the decision; `extra`, also undetermined in a covering
  // policy, gives share whether it applies or not, so c is not asked.
  World w;
  w.b.policy("p", -1, Effect::share);
  w.b.rule("extra", Effect::share, w.b.f(w.c));
  w.b.rule("stop", Effect::deny, w.b.f(w.bf));
  Program p = w.b.build();
  Result r = run(p, w.flow(p));
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.bf}));
  EXPECT_EQ(r.next_question, w.bf);
}

TEST(Undetermined, AnotherPolicysDenyMasksAnUndeterminedPolicy) {
  World w;
  w.b.policy("open", -1, Effect::deny);
  w.b.rule("ok", Effect::share, w.b.f(w.a));
  w.b.policy("closed", -1, Effect::deny);
  w.b.rule("no", Effect::deny, w.b.f(w.bf));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.bf, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_TRUE(r.missing.empty());
  ASSERT_EQ(r.policies.size(), 2u);
  // The policy on its own could go either way.
  EXPECT_EQ(r.policies[0].decision, Outcome::undetermined);
  EXPECT_EQ(r.policies[1].decision, Outcome::deny);
}

TEST(Undetermined, ChangesAreComparedAgainstTheOtherPoliciesStrictest) {
  // Two policies share the strictest baseline (refer); one of them going to share
  // changes nothing, one going to deny changes the bundle.
  World w;
  w.b.policy("one", -1, Effect::refer);
  w.b.rule("fine", Effect::share, w.b.f(w.a));
  w.b.policy("two", -1, Effect::refer);
  w.b.rule("worse", Effect::deny, w.b.f(w.bf));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.bf, 0);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::refer);  // one -> share leaves two's refer
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.policies[0].decision, Outcome::undetermined);

  s = w.flow(p);
  s.set(w.a, 0);
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.bf}));
}

TEST(Undetermined, SoleStrictestPolicyFallingBackToTheNextIsAChange) {
  World w;
  w.b.policy("strict", -1, Effect::deny);
  w.b.rule("unless_ok", Effect::share, w.b.f(w.a));
  w.b.policy("lenient", -1, Effect::share);
  Program p = w.b.build();
  Result r = run(p, w.flow(p));
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.a}));
}

TEST(Undetermined, RulesOfUncoveredPoliciesNeitherToggleNorCountAsMissing) {
  World w;
  w.b.policy("covered", -1, Effect::share);
  w.b.policy("elsewhere", w.b.sector("education"), Effect::share);
  w.b.rule("stop", Effect::deny, w.b.f(w.a));
  Program p = w.b.build();
  Result r = run(p, w.flow(p));  // health -> housing
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.rule_status[0], RS::not_applicable);
}

TEST(Undetermined, UnlessWithAnUnknownBlocksOnlyWhenItCouldHold) {
  World w;
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("ok", Effect::share, w.b.f(w.a)).unless(w.b.f(w.bf));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.bf}));
  s.set(w.a, 0);  // when is false: unless cannot matter
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_EQ(r.rule_status[0], RS::not_applicable);
}

// ---------------------------------------------------------------- possible obligations
// A share stands when no assignment changes its effect, but an undetermined share rule could
// still add obligations (a DPIA behind an unanswered question): the result names them
// and the questions that settle them, so a share never hides them.

TEST(PossibleObligations, AnUndecidedShareNamesWhatItWouldAdd) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  auto log = w.b.obligation("log", "Log it");
  auto train = w.b.obligation("train", "Train the recipients");
  w.b.policy("p");
  w.b.rule("base", Effect::share, w.b.f(w.a)).require({log});
  w.b.rule("risky", Effect::share, w.b.f(w.bf)).require({dpia, log});
  w.b.rule("other", Effect::share, w.b.f(w.c)).require({train});
  w.b.rule("late", Effect::share, w.b.f(w.d)).require({train});
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);
  s.set(w.c, 0);  // b and d unknown
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.obligations, (Ids{log}));
  EXPECT_EQ(r.possible_obligations, (Ids{dpia, train}));  // by name, none of the decided
  EXPECT_EQ(r.obligation_questions, (Ids{w.bf, w.d}));
}

TEST(PossibleObligations, NothingWhenTheUndecidedRuleAddsNothingNew) {
  World w;
  auto log = w.b.obligation("log", "Log it");
  w.b.policy("p");
  w.b.rule("base", Effect::share, w.b.f(w.a)).require({log});
  w.b.rule("again", Effect::share, w.b.f(w.bf)).require({log});
  w.b.rule("bare", Effect::share, w.b.f(w.c));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_TRUE(r.possible_obligations.empty());
  EXPECT_TRUE(r.obligation_questions.empty());  // b and c cannot add anything
}

TEST(PossibleObligations, AnUndecidedShareBeatenByAnAppliedRuleAddsNothing) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  w.b.policy("p");
  std::uint32_t risky = w.b.rule("risky", Effect::share, w.b.f(w.bf)).require({dpia});
  w.b.rule("narrow", Effect::share, w.b.f(w.a)).beats({risky});
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::share);
  EXPECT_TRUE(r.possible_obligations.empty());
}

TEST(PossibleObligations, OnlyAShareHasThem) {
  World w;
  auto dpia = w.b.obligation("dpia", "Complete a DPIA");
  w.b.policy("p");
  w.b.rule("base", Effect::share, w.b.f(w.a));
  w.b.rule("risky", Effect::share, w.b.f(w.bf)).require({dpia});
  w.b.rule("stop", Effect::deny, w.b.f(w.c));
  Program p = w.b.build();
  Scenario s = w.flow(p);
  s.set(w.a, 1);
  s.set(w.c, 1);
  EXPECT_EQ(run(p, s).decision, Outcome::deny);
  EXPECT_TRUE(run(p, s).possible_obligations.empty());
  Scenario u = w.flow(p);
  u.set(w.a, 1);  // c unknown: undetermined, which carries no obligations at all
  Result r = run(p, u);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_TRUE(r.possible_obligations.empty());
  EXPECT_TRUE(r.obligation_questions.empty());
}

}  // namespace
}  // namespace proviso
