// The runtime and v1.1: the evaluation date (the scenario's, else the evaluation's
// default, else today in UTC), rules and policies not in force, constraints refused in
// evaluations and in the questionnaire, amendment rules in their policy, and the dates
// themselves (strict parsing, round trips).
#include <gtest/gtest.h>

#include <string>

#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/questionnaire.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso {
namespace {

constexpr const char* kBundle = R"(
sectors { health, housing }
fact consent: enum { given, refused }
fact route: enum { explicit_consent, statute }
constraint refusal_is_not_consent = not (consent == refused and route == explicit_consent) "No"
policy agreement {
  sector health
  effective from 2024-04-01 until 2026-03-31
  rule with_consent: share when route == explicit_consent
  rule pilot: share when route == statute
    effective from 2025-01-01
}
amend policy agreement {
  rule local_refusal: deny when consent == refused
}
)";

Day day(const char* text) { return *parse_date(text); }

struct Fixture {
  Compilation c = compile_text("dates.proviso", kBundle);
  std::shared_ptr<const Plan> plan = make_plan(*c.program);

  Scenario scenario(std::string json) const {
    Scenario s;
    Diagnostic error;
    ScenarioReader reader(*c.program);
    EXPECT_TRUE(reader.read(json, s, error, "t", 0)) << error.message;
    return s;
  }
  std::uint32_t rule(const char* name) const { return c.program->find_rule(name); }
};

TEST(Dates, StrictParsingAndRoundTrip) {
  EXPECT_EQ(format_date(day("2024-02-29")), "2024-02-29");
  EXPECT_EQ(day("1970-01-01"), 0);
  EXPECT_EQ(day("2000-03-01") - day("2000-02-28"), 2);  // 2000 is a leap year
  EXPECT_EQ(day("1900-03-01") - day("1900-02-28"), 1);  // 1900 is not
  for (const char* bad : {"2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "25-01-01", "2025-1-01",
                          "2025-01-01T00", " 2025-01-01", "0000-01-01", "2025/01/01", ""}) {
    EXPECT_FALSE(parse_date(bad).has_value()) << bad;
  }
  for (Day d = day("1999-12-25"); d < day("2001-01-10"); ++d) EXPECT_EQ(parse_date(format_date(d)), d);
}

TEST(Dates, TheScenarioDateWinsThenTheDefaultThenToday) {
  Fixture f;
  ASSERT_TRUE(f.c.program);
  Evaluation ev(f.plan);
  Scenario s = f.scenario(R"({"from":"health","to":"housing","facts":{"consent":"given","route":"statute"}})");
  EXPECT_EQ(ev.evaluate(s).on, today_utc());
  ev.set_default_date(day("2025-06-01"));
  EXPECT_EQ(ev.evaluate(s).on, day("2025-06-01"));
  EXPECT_EQ(ev.evaluate(s).decision, Outcome::share);
  s.on = day("2024-06-01");  // the pilot has not started
  const Result r = ev.evaluate(s);
  EXPECT_EQ(r.on, day("2024-06-01"));
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_EQ(r.rule_status[f.rule("agreement.pilot")], RuleStatus::not_in_force);
  EXPECT_EQ(ev.decide(s), Outcome::deny);
}

TEST(Dates, APolicyNotInForceCoversNoFlow) {
  Fixture f;
  Evaluation ev(f.plan);
  Scenario s = f.scenario(R"({"from":"health","to":"housing","on":"2026-04-01","facts":{"consent":"given","route":"explicit_consent"}})");
  const Result r = ev.evaluate(s);
  EXPECT_TRUE(r.no_covering_policy);
  EXPECT_EQ(r.decision, Outcome::deny);
  s.on = day("2026-03-31");  // until is inclusive
  EXPECT_EQ(ev.evaluate(s).decision, Outcome::share);
  s.on = day("2024-04-01");  // from is inclusive
  EXPECT_EQ(ev.evaluate(s).decision, Outcome::share);
  s.on = day("2024-03-31");
  EXPECT_TRUE(ev.evaluate(s).no_covering_policy);
}

TEST(Constraints, AScenarioThatBreaksOneIsMarkedInEveryPath) {
  Fixture f;
  Evaluation ev(f.plan);
  Scenario bad = f.scenario(
      R"({"from":"health","to":"housing","on":"2025-06-01","facts":{"consent":"refused","route":"explicit_consent"}})");
  EXPECT_EQ(ev.evaluate(bad).violated, std::vector<std::uint32_t>{0});
  std::uint32_t violated = kNone;
  ev.decide(bad, violated);
  EXPECT_EQ(violated, 0u);
  EXPECT_EQ(describe_violation(*f.c.program, 0), "the scenario makes constraint 'refusal_is_not_consent' false: No");
  // Unknown is accepted.
  Scenario partial = f.scenario(R"({"from":"health","to":"housing","facts":{"consent":"refused"}})");
  EXPECT_TRUE(ev.evaluate(partial).violated.empty());
  ev.decide(partial, violated);
  EXPECT_EQ(violated, kNone);
}

TEST(Constraints, TheQuestionnaireRefusesAnAnswerThatBreaksOne) {
  Fixture f;
  Scenario start = f.scenario(R"({"from":"health","to":"housing","on":"2025-06-01","facts":{"route":"explicit_consent"}})");
  Questionnaire q(f.plan, start);
  const std::uint32_t consent = f.c.program->find_fact("consent");
  ASSERT_EQ(q.next(), consent);
  EXPECT_EQ(q.answer(consent, 1), 0u);  // refused: breaks the constraint
  EXPECT_FALSE(q.scenario().known[consent]) << "a refused answer is not kept";
  EXPECT_EQ(q.answered(), 0u);
  EXPECT_EQ(q.next(), consent) << "asked again";
  EXPECT_EQ(q.answer(consent, 0), kNone);
  EXPECT_TRUE(q.done());
  EXPECT_EQ(q.result().decision, Outcome::share);
}

TEST(Amendments, RulesFollowTheirPolicysOwnAndKeepTheirFile) {
  Compilation c = compile_text("lib.proviso", kBundle);
  ASSERT_TRUE(c.program);
  const Policy& p = c.program->policies.at(0);
  ASSERT_EQ(p.rule_count, 3u);
  EXPECT_EQ(c.program->rules[p.first_rule + 2].name, "local_refusal");
  EXPECT_EQ(c.program->rules[p.first_rule + 2].policy, PolicyId(0));
}

}  // namespace
}  // namespace proviso
