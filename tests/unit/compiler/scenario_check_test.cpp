// `scenario` blocks: every bad-scenario check with its message and place, and unknown
// names as undefined-name.
#include <gtest/gtest.h>

#include "sema_test_util.hpp"

namespace proviso::test {
namespace {

constexpr std::uint32_t L = kFirstLine;

const char* const kFacts =
    "type category = enum { contact, health_record }\n"  // L
    "fact urgent: bool\n"                                 // L+1
    "fact cats: set of category\n"                        // L+2
    "policy p { rule r: share when urgent and consent == none and purpose == research and people > 1 "
    "and contact in cats require dpia }\n";                // L+3
constexpr std::uint32_t S = L + 4;  // the first scenario line

Compilation compile_scenario(const std::string& scenario) {
  return compile_with_prelude(std::string(kFacts) + scenario);
}

TEST(ScenarioCheck, AWellFormedScenarioHasNoDiagnostics) {
  Compilation c = compile_scenario(
      "scenario \"fine\" { from health to welfare consent = none purpose = research people = 1000 urgent = true "
      "cats = { contact } expect share require dpia }\n");
  EXPECT_EQ(error_count(c), 0u) << diagnostics_text(c);
  ASSERT_TRUE(c.program);
  EXPECT_EQ(c.program->scenarios.size(), 1u);
}

TEST(ScenarioCheck, FromAndToAreRequiredAndMustBeSectors) {
  Compilation c = compile_scenario(
      "scenario \"no flow\" { urgent = true }\n"
      "scenario \"half\" { from health }\n"
      "scenario \"typo\" { from helth to housing }\n");
  auto found = with_code(c, Code::bad_scenario);
  ASSERT_EQ(found.size(), 3u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "scenario 'no flow' must say 'from SECTOR to SECTOR'");
  EXPECT_EQ(found[0]->location.line, S);
  EXPECT_EQ(found[0]->location.column, 10u);
  EXPECT_EQ(found[1]->message, "scenario 'half' must say 'from SECTOR to SECTOR'");
  EXPECT_EQ(found[2]->message, "'helth' is not a sector");
  EXPECT_EQ(found[2]->hint, "did you mean 'health'?");
  EXPECT_EQ(found[2]->location.line, S + 2);
  EXPECT_EQ(found[2]->location.column, 24u);
  EXPECT_FALSE(c.program);
}

TEST(ScenarioCheck, ValuesMustFitTheirFacts) {
  Compilation c = compile_scenario(
      "scenario \"values\" {\n"
      "  from health to housing\n"
      "  consent = implyed\n"
      "  people = 1001\n"
      "  urgent = 1\n"
      "  cats = { contact, health }\n"
      "  purpose = { research }\n"
      "  people = -1\n"
      "}\n");
  auto found = with_code(c, Code::bad_scenario);
  ASSERT_EQ(found.size(), 6u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "'implyed' is not a value of 'consent_basis' (fact 'consent')");
  EXPECT_EQ(found[0]->hint, "did you mean 'implied'?");
  EXPECT_EQ(found[0]->location.line, S + 2);
  EXPECT_EQ(found[0]->location.column, 13u);
  EXPECT_EQ(found[1]->message, "value 1001 of fact 'people' is outside 0 .. 1000");
  EXPECT_EQ(found[2]->message, "wrong value for fact 'urgent': expected a value of 'bool', found a number");
  EXPECT_EQ(found[3]->message, "'health' is not a value of 'category' (fact 'cats')");
  EXPECT_EQ(found[4]->message, "wrong value for fact 'purpose': expected a value of 'purpose_kind', found a set");
  EXPECT_EQ(found[5]->message, "fact 'people' is assigned twice");
  ASSERT_EQ(found[5]->notes.size(), 1u);
  EXPECT_EQ(found[5]->notes[0].message, "first assigned here");
  EXPECT_EQ(found[5]->notes[0].location.line, S + 3);
}

TEST(ScenarioCheck, UnknownNamesAreUndefined) {
  Compilation c = compile_scenario(
      "scenario \"names\" {\n"
      "  from health to housing\n"
      "  urgnt = true\n"
      "  expect share require dpai\n"
      "}\n"
      "scenario \"missing\" { from health to housing expect undetermined missing peple, urgent }\n");
  auto found = with_code(c, Code::undefined_name);
  ASSERT_EQ(found.size(), 3u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "undefined fact 'urgnt'");
  EXPECT_EQ(found[0]->hint, "did you mean 'urgent'?");
  EXPECT_EQ(found[1]->message, "undefined obligation 'dpai'");
  EXPECT_EQ(found[1]->hint, "did you mean 'dpia'?");
  EXPECT_EQ(found[2]->message, "undefined fact 'peple'");
  EXPECT_TRUE(with_code(c, Code::bad_scenario).empty());
}

TEST(ScenarioCheck, ExpectationsFitTheirOutcome) {
  Compilation c = compile_scenario(
      "scenario \"deny with obligations\" { from health to housing expect deny require dpia }\n"
      "scenario \"deny with obligations\" { from health to housing expect refer }\n");
  auto found = with_code(c, Code::bad_scenario);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "only 'expect share' can list obligations with 'require'");
  EXPECT_EQ(found[0]->location.line, S);
  EXPECT_EQ(found[1]->message, "a scenario titled 'deny with obligations' is already declared");
  EXPECT_EQ(found[1]->location.line, S + 1);
  ASSERT_EQ(found[1]->notes.size(), 1u);
  EXPECT_EQ(found[1]->notes[0].location.line, S);
}

}  // namespace
}  // namespace proviso::test
