// The compiled program's indexes, names and value formatting.
#include <gtest/gtest.h>

#include <limits>

#include "support/program_builder.hpp"

namespace proviso {
namespace {

TEST(Program, IndexesFindByName) {
  test::ProgramBuilder b;
  auto consent = b.fact("consent", b.enum_type("basis", {"explicit", "implied"}));
  auto measurable = b.fact("benefit.measurable", b.bool_type());
  auto dpia = b.obligation("dpia", "Complete a DPIA");
  auto pseudo = b.obligation("pseudonymise", "Pseudonymise");
  b.policy("health");
  b.rule("care", Effect::share, b.f(measurable));
  b.policy("housing");
  auto refer = b.rule("care", Effect::refer, b.f(measurable));
  Program p = b.build();

  EXPECT_EQ(p.find_fact("consent"), consent);
  EXPECT_EQ(p.find_fact("benefit.measurable"), measurable);
  EXPECT_EQ(p.find_fact("from"), kFactFrom);
  EXPECT_EQ(p.find_fact("benefit"), kNone);
  EXPECT_EQ(p.find_obligation("dpia"), dpia);
  EXPECT_EQ(p.find_obligation("pseudonymise"), pseudo);
  EXPECT_EQ(p.find_obligation("audit"), kNone);
  EXPECT_EQ(p.find_policy("housing"), 1u);
  EXPECT_EQ(p.find_policy("welfare"), kNone);
  // Rule names are local to their policy: the qualified name tells them apart.
  EXPECT_EQ(p.find_rule("housing.care"), refer);
  EXPECT_EQ(p.find_rule("health.care"), 0u);
  EXPECT_EQ(p.find_rule("care"), kNone);
  EXPECT_EQ(p.rule_qualified_name(refer), "housing.care");
  EXPECT_EQ(p.types[p.facts[consent].type].value_index("implied"), 1u);
  EXPECT_EQ(p.types[p.facts[consent].type].value_index("none"), kNone);
}

TEST(Program, FormatsValuesAsTheLanguageWritesThem) {
  test::ProgramBuilder b;
  auto basis = b.enum_type("basis", {"explicit", "implied", "none"});
  auto set = b.set_type(basis);
  Program p = b.build();
  EXPECT_EQ(format_value(p, p.bool_type, 1), "true");
  EXPECT_EQ(format_value(p, p.bool_type, 0), "false");
  EXPECT_EQ(format_value(p, p.int_type, 42), "42");
  EXPECT_EQ(format_value(p, p.int_type, std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(format_value(p, basis, 1), "implied");
  EXPECT_EQ(format_value(p, set, 0b101), "{explicit, none}");  // members in enum order
  EXPECT_EQ(format_value(p, set, 0), "{}");
  EXPECT_EQ(format_value(p, p.sector_type, 1), "housing");
}

TEST(Program, NamesOfEnumerations) {
  EXPECT_EQ(to_string(Effect::refer), "refer");
  EXPECT_EQ(to_string(Combine::first), "first");
  EXPECT_EQ(to_string(Outcome::undetermined), "undetermined");
  EXPECT_EQ(to_string(Op::and_), "and");
  EXPECT_EQ(to_string(Op::le), "<=");
  // Strictness is the numeric order of effects, which decisions rely on.
  EXPECT_LT(Effect::share, Effect::refer);
  EXPECT_LT(Effect::refer, Effect::deny);
}

}  // namespace
}  // namespace proviso
