// The fuzz generator's bundles, run here with a fixed seed so that every CI run checks
// what `eval_fuzz` checks: constraints, effective dates and amendments included, the
// runtime agrees with the reference evaluator on every field it compares (violated
// constraints and not_in_force statuses among them), and every generated bundle compiles.
#include <gtest/gtest.h>

#include <string>

#include "policy_generator.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "runtime/reference_evaluator.hpp"

namespace proviso {
namespace {

TEST(GeneratedBundles, V11ConstructsAgreeWithTheReference) {
  gen::PrngChoices choices(20261206);
  gen::GeneratorOptions options;
  options.max_facts_per_kind = 2;
  options.max_conditions = 3;
  options.max_rules = 5;
  std::size_t with_constraints = 0, with_dates = 0, with_amendments = 0, violated = 0, not_in_force = 0;
  for (int bundle = 0; bundle < 300; ++bundle) {
    const std::string text = gen::PolicyGenerator(choices, options).generate();
    Compilation c = compile_text("generated.proviso", text);
    ASSERT_TRUE(c.program) << text << render_text(c.diagnostics);
    const Program& p = *c.program;
    with_constraints += !p.constraints.empty();
    with_dates += p.has_dates();
    with_amendments += text.find("amend policy") != std::string::npos;
    reference::ReferenceEvaluator ref(c.files);
    Evaluation ev(make_plan(p));
    Scenario s;
    for (int k = 0; k < 20; ++k) {
      gen::generate_scenario(choices, p, s, 60);
      const Result r = ev.evaluate(s);
      violated += !r.violated.empty();
      for (RuleStatus st : r.rule_status) not_in_force += st == RuleStatus::not_in_force;
      const std::string diff = reference::compare(p, r, ref.evaluate(reference::facts_of(p, s), r.on));
      ASSERT_EQ(diff, "") << text << "\n" << scenario_to_json(p, s);
    }
  }
  // The generator reaches every construct (a drift to none would make this test hollow).
  EXPECT_GT(with_constraints, 30u);
  EXPECT_GT(with_dates, 30u);
  EXPECT_GT(with_amendments, 30u);
  EXPECT_GT(violated, 50u);
  EXPECT_GT(not_in_force, 50u);
}

}  // namespace
}  // namespace proviso
