// The questionnaire reaches the full scenario's decision, asking only questions whose
// answers can matter: on every scenario block of the standard library, and on
// questions and answers typed as a person would.
#include <gtest/gtest.h>

#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/question.hpp"
#include "proviso/runtime/questionnaire.hpp"
#include "support/program_builder.hpp"
#include "support/test_support.hpp"

namespace proviso {
namespace {

// Answers every question from `full` (declining what `full` leaves unknown), starting
// from the flow alone.
Questionnaire answer_from(const std::shared_ptr<const Plan>& plan, const Scenario& full) {
  const Program& p = plan->program();
  Scenario start;
  start.reset(p.facts.size());
  start.set(kFactFrom, full.values[kFactFrom]);
  start.set(kFactTo, full.values[kFactTo]);
  Questionnaire q(plan, std::move(start));
  while (!q.done()) {
    const std::uint32_t fact = q.next();
    EXPECT_FALSE(q.scenario().known[fact]) << "asked a known fact " << p.facts[fact].name;
    if (full.known[fact]) {
      EXPECT_EQ(q.answer(fact, full.values[fact]), kNone);
    } else {
      q.decline(fact);
    }
    if (q.asked().size() > p.facts.size()) {
      ADD_FAILURE() << "the questionnaire asks more questions than there are facts";
      break;
    }
  }
  return q;
}

TEST(Questionnaire, ReachesEveryStandardLibraryScenarioDecision) {
  Compilation c = compile_paths({test::source_path("policies")});
  ASSERT_TRUE(c.program) << test::diagnostics_text(c);
  const auto plan = make_plan(std::move(c.program));
  const Program& p = plan->program();
  ASSERT_GE(p.scenarios.size(), 50u);
  Evaluation full_evaluator(plan);
  std::size_t asked = 0, given = 0;
  for (const NamedScenario& s : p.scenarios) {
    const Result full = full_evaluator.evaluate(s.facts);
    Questionnaire q = answer_from(plan, s.facts);
    EXPECT_EQ(q.result().decision, full.decision) << s.title;
    if (full.decision == Outcome::share) {
      EXPECT_EQ(q.result().obligations, full.obligations) << s.title;
    }
    std::size_t known = 0;
    for (std::size_t f = 2; f < p.facts.size(); ++f) known += s.facts.known[f];
    asked += q.asked().size();
    given += known;
  }
  // The point of asking: fewer questions than the scenarios answer.
  EXPECT_LT(asked, given);
}

TEST(Questionnaire, DeclinedQuestionsAreNotAskedAgain) {
  Compilation c = test::compile_ok(R"(
sectors { health, housing }
fact a: bool "A?"
fact b: bool "B?"
policy p {
  rule r: share when a and b
}
)");
  ASSERT_TRUE(c.program);
  const auto plan = make_plan(std::move(c.program));
  const Program& p = plan->program();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  Questionnaire q(plan, s);
  ASSERT_EQ(q.next(), p.find_fact("a"));
  q.decline(p.find_fact("a"));
  ASSERT_EQ(q.next(), p.find_fact("b"));
  q.decline(p.find_fact("b"));
  EXPECT_TRUE(q.done());
  EXPECT_EQ(q.result().decision, Outcome::undetermined);
  EXPECT_EQ(q.asked().size(), 2u);
  EXPECT_EQ(q.answered(), 0u);
}

TEST(Questionnaire, StopsAsSoonAsTheDecisionIsSettled) {
  Compilation c = test::compile_ok(R"(
sectors { health, housing }
fact a: bool "A?"
fact b: bool "B?"
policy p {
  rule r: share when a and b
}
)");
  ASSERT_TRUE(c.program);
  const auto plan = make_plan(std::move(c.program));
  const Program& p = plan->program();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  Questionnaire q(plan, s);
  ASSERT_EQ(q.answer(p.find_fact("a"), 0), kNone);  // a is false: b cannot matter
  EXPECT_TRUE(q.done());
  EXPECT_EQ(q.result().decision, Outcome::deny);
}

TEST(Answers, ReadAsAPersonTypesThem) {
  Compilation c = test::compile_ok(R"(
sectors { health, housing }
type kind = enum { contact, housing_need, clinical_notes }
fact ok: bool "OK?"
fact n: int (0 .. 10) "How many?"
fact k: kind "Which kind?"
fact ks: set of kind "Which kinds?"
policy p { rule r: share when ok and n > 1 and k == contact and contact in ks }
)");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  auto read = [&](std::string_view fact, std::string_view text, Answer& a, std::string& error) {
    return parse_answer(p, describe_question(p, p.find_fact(fact)), text, a, error);
  };
  Answer a;
  std::string error;
  EXPECT_TRUE(read("ok", " Yes ", a, error));
  EXPECT_EQ(a.value, 1);
  EXPECT_TRUE(read("ok", "2", a, error));
  EXPECT_EQ(a.value, 0);
  EXPECT_FALSE(read("ok", "maybe", a, error));
  EXPECT_NE(error.find("yes or no"), std::string::npos);
  EXPECT_TRUE(read("n", "10", a, error));
  EXPECT_EQ(a.value, 10);
  EXPECT_FALSE(read("n", "11", a, error));
  EXPECT_NE(error.find("0 .. 10"), std::string::npos);
  EXPECT_FALSE(read("n", "-1", a, error));
  EXPECT_FALSE(read("n", "3x", a, error));
  EXPECT_TRUE(read("k", "clinical_notes", a, error));
  EXPECT_EQ(a.value, 2);
  EXPECT_TRUE(read("k", "1", a, error));
  EXPECT_EQ(a.value, 0);
  EXPECT_FALSE(read("k", "4", a, error));
  EXPECT_FALSE(read("k", "0", a, error));
  EXPECT_TRUE(read("ks", "contact, 3", a, error));
  EXPECT_EQ(a.value, 0b101);
  EXPECT_TRUE(read("ks", "none", a, error));
  EXPECT_EQ(a.value, 0);
  EXPECT_FALSE(read("ks", "contact, contact", a, error));
  EXPECT_NE(error.find("twice"), std::string::npos);
  EXPECT_FALSE(read("ks", "contact,,", a, error));
  EXPECT_TRUE(read("ks", "?", a, error));
  EXPECT_TRUE(a.unknown);
  EXPECT_FALSE(read("n", "", a, error));
}

// The stateless form /v1/ask uses: declined facts are skipped, a settled share still
// asks what could add an obligation, and nothing is asked once both are settled.
TEST(NextOpenQuestion, SkipsDeclinedFactsAndAsksForObligations) {
  test::ProgramBuilder b;
  auto a = b.fact("a", b.bool_type(), "A?");
  auto c = b.fact("c", b.bool_type(), "C?");
  auto risky = b.fact("high_risk", b.bool_type(), "High risk?");
  auto dpia = b.obligation("dpia", "Complete a DPIA");
  b.policy("care", b.sector("health"));
  b.rule("both", Effect::share, b.all({b.f(a), b.f(c)}));
  b.rule("assess", Effect::share, b.all({b.f(risky), b.f(a)})).require({dpia});
  Program p = b.build();
  Evaluation ev(make_plan(p));
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  Result r = ev.evaluate(s);
  ASSERT_EQ(r.decision, Outcome::undetermined);
  ASSERT_NE(r.next_question, kNone);
  EXPECT_EQ(next_open_question(r, s, {}), r.next_question);
  std::vector<std::uint8_t> declined(p.facts.size(), 0);
  declined[r.next_question] = 1;
  const std::uint32_t other = next_open_question(r, s, declined);
  EXPECT_NE(other, r.next_question);
  EXPECT_NE(other, kNone);
  for (std::uint32_t f : {std::uint32_t(a), std::uint32_t(c), std::uint32_t(risky)}) declined[f] = 1;
  EXPECT_EQ(next_open_question(r, s, declined), kNone);

  s.set(a, 1);
  s.set(c, 1);
  r = ev.evaluate(s);
  ASSERT_EQ(r.decision, Outcome::share);
  EXPECT_EQ(next_open_question(r, s, {}), std::uint32_t(risky));
  s.set(risky, 0);
  r = ev.evaluate(s);
  EXPECT_EQ(next_open_question(r, s, {}), kNone);
}

}  // namespace
}  // namespace proviso
