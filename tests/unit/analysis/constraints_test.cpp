// Constraints in the analysis: every finding's witness satisfies them (replayed through
// the runtime, which refuses a scenario that makes one false), findings that only an
// impossible scenario could show disappear, clashing sets are named smallest-first, and
// dates leave rules not in force out.
#include <gtest/gtest.h>

#include <string>

#include "proviso/analysis/analysis.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "replay.hpp"

namespace proviso {
namespace {

constexpr const char* kBundle = R"(
sectors { health, housing }
fact consent: enum { given, refused, not_asked }
fact route: enum { explicit_consent, statute, none }
fact age: int (0 .. 120)
fact adult: bool
CONSTRAINTS
policy consent_policy {
  rule with_consent: share when route == explicit_consent
  rule refused: deny when consent == refused
}
policy age_policy {
  rule grown_up: share when adult and age < 30
  rule young: deny when age < 18
}
)";

std::string bundle(const std::string& constraints) {
  std::string text = kBundle;
  text.replace(text.find("CONSTRAINTS"), 11, constraints);
  return text;
}

struct Analysed {
  Compilation c;
  Diagnostics findings;
};

Analysed analyse(const std::string& constraints, AnalysisOptions options = {}) {
  Analysed a{compile_text("c.proviso", bundle(constraints)), {}};
  EXPECT_TRUE(a.c.program) << "the test bundle compiles";
  if (a.c.program) analyze(*a.c.program, options, a.findings);
  return a;
}

std::size_t count(const Diagnostics& ds, Code code) {
  std::size_t n = 0;
  for (const Diagnostic& d : ds.items()) n += d.code == code;
  return n;
}

// Every witness read back and evaluated breaks no constraint, and shows its finding.
void expect_real_witnesses(const Analysed& a) {
  ScenarioReader reader(*a.c.program);
  Evaluation ev(make_plan(*a.c.program));
  std::size_t replayed = 0;
  for (const Diagnostic& d : a.findings.items()) {
    if (d.witness_json.empty()) continue;
    Scenario s;
    Diagnostic error;
    ASSERT_TRUE(reader.read(d.witness_json, s, error, "witness", 0)) << error.message;
    EXPECT_TRUE(ev.evaluate(s).violated.empty()) << d.message << "\n" << d.witness_json;
    EXPECT_EQ(test::replay(*a.c.program, d), "") << d.message;
    ++replayed;
  }
  EXPECT_GT(replayed, 0u) << "the bundle has findings with witnesses to replay";
}

TEST(AnalysisConstraints, WithoutConstraintsTheImpossibleConflictsAreFound) {
  Analysed a = analyse("");
  EXPECT_EQ(count(a.findings, Code::conflict), 2u);  // with_consent/refused, grown_up/young
  for (const Diagnostic& d : a.findings.items()) EXPECT_NE(d.code, Code::constraint) << d.message;
}

TEST(AnalysisConstraints, ConflictsNoRealScenarioShowsAreGoneAndWitnessesAreReal) {
  Analysed a = analyse(
      "constraint refusal_is_not_consent = not (consent == refused and route == explicit_consent)\n"
      "constraint adult_means_18 = adult == (age >= 18)\n");
  EXPECT_EQ(count(a.findings, Code::conflict), 0u) << render_text(a.findings);
  expect_real_witnesses(a);
}

TEST(AnalysisConstraints, OneConstraintRemovesOnlyItsConflict) {
  Analysed a = analyse("constraint adult_means_18 = adult == (age >= 18)\n");
  ASSERT_EQ(count(a.findings, Code::conflict), 1u);
  for (const Diagnostic& d : a.findings.items()) {
    if (d.code == Code::conflict) {
      EXPECT_NE(d.message.find("with_consent"), std::string::npos) << d.message;
    }
  }
  expect_real_witnesses(a);
}

TEST(AnalysisConstraints, AClashNamesASmallestSetAndStops) {
  Analysed a = analyse(
      "constraint adult_means_18 = adult == (age >= 18)\n"
      "constraint unrelated = route != none\n"
      "constraint a_child = age < 10\n"
      "constraint grown = adult\n");
  ASSERT_EQ(a.findings.items().size(), 1u) << render_text(a.findings);
  const Diagnostic& d = a.findings.items().front();
  EXPECT_EQ(d.code, Code::constraint);
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.rules, (std::vector<std::string>{"adult_means_18", "a_child", "grown"}));
}

TEST(AnalysisConstraints, OneUnsatisfiableConstraintAlone) {
  Analysed a = analyse("constraint never = age > 200\n");
  ASSERT_EQ(a.findings.items().size(), 1u) << render_text(a.findings);
  EXPECT_EQ(a.findings.items().front().rules, (std::vector<std::string>{"never"}));
}

TEST(AnalysisConstraints, AConstraintThatAlwaysHoldsIsAnInfo) {
  Analysed a = analyse("constraint ages = age >= 0\nconstraint adult_means_18 = adult == (age >= 18)\n");
  std::size_t infos = 0;
  for (const Diagnostic& d : a.findings.items()) {
    if (d.code != Code::constraint) continue;
    EXPECT_EQ(d.severity, Severity::info);
    EXPECT_EQ(d.rules, (std::vector<std::string>{"ages"}));
    ++infos;
  }
  EXPECT_EQ(infos, 1u);
}

TEST(AnalysisDates, RulesNotInForceAreLeftOutNotCalledDead) {
  const std::string text = R"(
sectors { health }
fact x: bool
policy p {
  rule old: share when x
    effective until 2024-12-31
  rule current: deny when x
}
)";
  Compilation c = compile_text("d.proviso", text);
  ASSERT_TRUE(c.program);
  AnalysisOptions before;
  before.on = *parse_date("2024-06-01");
  Diagnostics on_before;
  analyze(*c.program, before, on_before);
  EXPECT_EQ(count(on_before, Code::conflict), 1u) << render_text(on_before);
  AnalysisOptions after;
  after.on = *parse_date("2025-06-01");
  Diagnostics on_after;
  analyze(*c.program, after, on_after);
  EXPECT_EQ(count(on_after, Code::conflict), 0u) << render_text(on_after);
  EXPECT_EQ(count(on_after, Code::dead_rule), 0u) << render_text(on_after);
  Diagnostics dates;
  check_effective_dates(*c.program, after.on, 90, dates);
  ASSERT_EQ(dates.items().size(), 1u);
  EXPECT_EQ(dates.items().front().code, Code::expired);
}

}  // namespace
}  // namespace proviso
