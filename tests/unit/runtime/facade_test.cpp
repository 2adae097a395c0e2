// The facade headers are enough on their own: the usage shown at the top of
// proviso/runtime.hpp and proviso/compiler.hpp, compiled and run with nothing else
// included.
#include <gtest/gtest.h>

#include "proviso/compiler.hpp"
#include "proviso/runtime.hpp"

namespace {

constexpr const char* kBundle = R"(sectors { health, housing }
fact consent: bool "Has the person consented?"
obligation dpia "Do a DPIA"
policy care {
  rule with_consent: share when consent require dpia
}
)";

TEST(Facade, CompileThenDecideExplainAndRender) {
  proviso::Compilation compilation = proviso::compile_text("care.proviso", kBundle);
  ASSERT_FALSE(compilation.diagnostics.has_errors()) << proviso::render_text(compilation.diagnostics);
  std::shared_ptr<const proviso::Plan> plan = proviso::make_plan(std::move(compilation.program));
  const proviso::Program& program = plan->program();

  proviso::ScenarioReader reader(program);
  proviso::Evaluation evaluation(plan);
  proviso::Scenario scenario;
  proviso::Diagnostic error;
  ASSERT_TRUE(reader.read(R"({"from": "health", "to": "housing", "facts": {"consent": true}})", scenario, error))
      << error.message;
  EXPECT_EQ(evaluation.decide(scenario), proviso::Outcome::share);
  proviso::Result result = evaluation.evaluate(scenario, {.keep_values = true});
  ASSERT_EQ(result.obligations.size(), 1u);
  EXPECT_EQ(program.obligations[result.obligations[0]].name, "dpia");
  proviso::Trace trace = proviso::build_trace(program, scenario, result);
  ASSERT_EQ(trace.policies.size(), 1u);
  EXPECT_EQ(trace.policies[0].children.at(0).status, proviso::RuleStatus::applied);
  const std::string record = proviso::render_result_json({program, scenario, result, &trace, {}, {}});
  EXPECT_NE(record.find(R"("decision":"share")"), std::string::npos) << record;
  EXPECT_NE(record.find(R"("trace")"), std::string::npos) << record;

  ASSERT_TRUE(reader.read(R"({"from": "health", "to": "housing"})", scenario, error)) << error.message;
  result = evaluation.evaluate(scenario);
  EXPECT_EQ(result.decision, proviso::Outcome::undetermined);
  EXPECT_EQ(result.missing, std::vector<std::uint32_t>{program.find_fact("consent")});
  EXPECT_FALSE(reader.read(R"({"from": "health", "to": "housing", "facts": {"consent": 3}})", scenario, error));
  EXPECT_EQ(error.code, proviso::Code::bad_scenario);
}

}  // namespace
