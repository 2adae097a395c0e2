// Small witnesses on random programs: each finding's shortened witness shows the
// finding under every value of the facts it leaves out (enumerated through the
// runtime), no fact it keeps could go, and the runtime on the witness as it is
// (facts left out unknown) never contradicts the finding.
#include <gtest/gtest.h>

#include "analysis/brute_force.hpp"
#include "analysis/random_program.hpp"
#include "analysis/replay.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "shrink.hpp"

namespace proviso::test {
namespace {

std::size_t known_facts(const Program& p, const std::string& json) {
  ScenarioReader reader(p);
  Scenario s;
  Diagnostic error;
  if (!reader.read(json, s, error)) return 0;
  std::size_t n = 0;
  for (std::uint8_t k : s.known) n += k;
  return n;
}

struct Totals {
  std::size_t witnesses = 0, full_facts = 0, small_facts = 0, completions = 0;
};

void check_seeds(std::uint32_t first, std::uint32_t count, const RandomShape& shape, Totals& t) {
  for (std::uint32_t seed = first; seed < first + count; ++seed) {
    Program p = random_program(seed, shape);
    Diagnostics ds;
    analyze(p, {}, ds);
    for (const Diagnostic& d : ds.items()) {
      if (d.witness_json.empty()) continue;
      ++t.witnesses;
      t.full_facts += known_facts(p, d.witness_full_json);
      t.small_facts += known_facts(p, d.witness_json);
      EXPECT_EQ(replay(p, d), "") << "seed " << seed << " " << d.message << "\n" << describe(p);
      EXPECT_EQ(replay_every_value(p, d, &t.completions), "") << "seed " << seed << " " << d.message << "\n"
                                                               << describe(p);
      // Unbounded ints are enumerated at a few edge values only, so "could go" is not proof there.
      if (!shape.unbounded_ints) {
        EXPECT_EQ(check_minimal(p, d), "") << "seed " << seed << " " << d.message << " " << d.witness_json << "\n"
                                           << describe(p);
      }
      EXPECT_EQ(replay_unknowns_consistently(p, d), "") << "seed " << seed << " " << d.message << "\n" << describe(p);
    }
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(SmallWitness, ShowTheFindingForEveryValueLeftOut) {
  Totals t;
  check_seeds(1, 120, {}, t);
  RandomShape deeper;
  deeper.depth = 3;
  deeper.min_rules = 4;
  deeper.max_rules = 7;
  check_seeds(1001, 40, deeper, t);
  // The check has something to check: findings with witnesses, facts left out of them,
  // and completions that filled them back in.
  EXPECT_GT(t.witnesses, 50u);
  EXPECT_LT(t.small_facts, t.full_facts);
  EXPECT_GT(t.completions, t.witnesses);
  std::printf("small witnesses: %zu findings, %zu facts before, %zu after, %zu completions replayed\n", t.witnesses,
              t.full_facts, t.small_facts, t.completions);
}

TEST(SmallWitness, CrossPolicyAndDeferringShares) {
  Totals t;
  RandomShape shape;
  shape.defers = 50;
  shape.max_policies = 3;
  check_seeds(5001, 80, shape, t);
  EXPECT_GT(t.witnesses, 20u);
}

TEST(SmallWitness, OverflowingArithmetic) {
  Totals t;
  RandomShape shape;
  shape.unbounded_ints = true;
  check_seeds(7001, 40, shape, t);
  EXPECT_GT(t.witnesses, 3u);
}

// The deletion itself, on a formula: `x or y` with x = true, y = false, z = true needs
// only x; with no budget left nothing is tried and the caller keeps the whole witness.
TEST(SmallWitness, GreedyDeletionAndTheBudget) {
  using namespace analysis::internal;
  z3::context ctx;
  z3::expr x = ctx.bool_const("x"), y = ctx.bool_const("y"), z = ctx.bool_const("z");
  std::vector<Pin> pins{{"x", x == ctx.bool_val(true)}, {"y", y == ctx.bool_val(false)}, {"z", z == ctx.bool_val(true)}};
  AnalysisOptions options;
  QueryRunner q(ctx, options, QueryRunner::Mode::scoped);
  std::optional<std::vector<bool>> needed = needed_pins(q, pins, x || y, {}, "test");
  ASSERT_TRUE(needed.has_value());
  EXPECT_EQ(*needed, (std::vector<bool>{true, false, false}));
  // `x and (y or z)`: x and one of y, z (the first tried goes, the second stays).
  std::vector<Pin> both{{"x", x == ctx.bool_val(true)}, {"y", y == ctx.bool_val(true)}, {"z", z == ctx.bool_val(true)}};
  needed = needed_pins(q, both, x && (y || z), {}, "test2");
  ASSERT_TRUE(needed.has_value());
  EXPECT_EQ(*needed, (std::vector<bool>{true, false, true}));
  options.budget_s = 0;
  QueryRunner spent(ctx, options, QueryRunner::Mode::scoped);
  EXPECT_FALSE(needed_pins(spent, pins, x || y, {}, "test3").has_value());
}

}  // namespace
}  // namespace proviso::test
