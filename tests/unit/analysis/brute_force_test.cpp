// The analysis must find exactly what enumerating every scenario through the runtime
// finds, on hundreds of small random programs, and every witness must replay.
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/brute_force.hpp"
#include "analysis/random_program.hpp"
#include "analysis/replay.hpp"
#include "proviso/analysis/analysis.hpp"

namespace proviso::test {
namespace {

void check_seeds(std::uint32_t first, std::uint32_t count, const RandomShape& shape = {},
                 const AnalysisOptions& options = {}) {
  for (std::uint32_t seed = first; seed < first + count; ++seed) {
    Program p = random_program(seed, shape);
    Diagnostics ds;
    analyze(p, options, ds);
    Findings expected = brute_force(p);
    Findings got = collect(p, ds);
    EXPECT_EQ(to_text(p, got), to_text(p, expected)) << "seed " << seed << "\n" << describe(p);
    for (const Diagnostic& d : ds.items()) {
      EXPECT_EQ(replay(p, d), "") << "seed " << seed << " " << d.message << "\n" << describe(p);
      if (d.code == Code::shadowed_rule) {
        std::vector<std::uint32_t> shadowers;
        for (std::size_t i = 1; i < d.rules.size(); ++i) shadowers.push_back(p.find_rule(d.rules[i]));
        EXPECT_TRUE(always_overridden_by(p, p.find_rule(d.rules[0]), shadowers))
            << "seed " << seed << ": the named rules do not cover " << d.rules[0] << "\n" << describe(p);
      }
      EXPECT_EQ(d.severity, default_severity(d.code));
      EXPECT_TRUE(d.location.has_place()) << d.message;
    }
    if (::testing::Test::HasFailure()) return;  // one failing program is enough to read
  }
}

TEST(AnalysisBruteForce, SmallProgramsSeeds1To100) { check_seeds(1, 100); }
TEST(AnalysisBruteForce, SmallProgramsSeeds101To200) { check_seeds(101, 100); }

TEST(AnalysisBruteForce, OneSharedSolverGivesTheSameFindings) {
  AnalysisOptions options;
  options.one_solver = true;
  check_seeds(301, 60, {}, options);
}

TEST(AnalysisBruteForce, DeeperConditionsAndMoreRules) {
  RandomShape shape;
  shape.depth = 3;
  shape.min_rules = 4;
  shape.max_rules = 7;
  check_seeds(1001, 80, shape);
}

TEST(AnalysisBruteForce, ManyPoliciesFewRules) {
  RandomShape shape;
  shape.max_policies = 4;
  shape.min_rules = 1;
  shape.max_rules = 3;
  check_seeds(2001, 80, shape);
}

// `defers` on random policies and share rules: a cross-policy conflict is reported
// exactly when, in some scenario, one policy decides deny and the other a share that
// does not defer (the runtime's share_defers), and every witness replays.
TEST(AnalysisBruteForce, DeferringShares) {
  RandomShape shape;
  shape.defers = 50;
  shape.max_policies = 3;
  shape.combine_first = false;
  check_seeds(5001, 150, shape);
}

// Under `combine first` a deferring share can win while a refer or deny rule of the same
// policy also applied; only the applied shares say whether it stands on its own, in the
// runtime and in the analysis alike (seed 5013 once found them disagreeing).
TEST(AnalysisBruteForce, DeferringSharesUnderCombineFirst) {
  RandomShape shape;
  shape.defers = 50;
  shape.max_policies = 3;
  check_seeds(5001, 150, shape);
}

// Unbounded ints: overflow makes a value unknown at run time, which the encoding follows.
// Scenarios cannot all be enumerated, so the comparison runs one way on the values
// around zero and the 64-bit edges: what they show, the analysis must report, and what
// the analysis claims never happens must not happen there.
TEST(AnalysisBruteForce, OverflowFollowsTheRuntimeOnEdgeValues) {
  RandomShape shape;
  shape.unbounded_ints = true;
  shape.min_facts = 2;
  shape.max_facts = 3;
  auto subset = [](const auto& small, const auto& big) {
    return std::includes(big.begin(), big.end(), small.begin(), small.end());
  };
  for (std::uint32_t seed = 4001; seed < 4101; ++seed) {
    Program p = random_program(seed, shape);
    Diagnostics ds;
    analyze(p, {}, ds);
    Findings got = collect(p, ds);
    Findings grid = brute_force(p);
    EXPECT_EQ(got.inconclusive, 0u) << "seed " << seed;
    EXPECT_TRUE(subset(got.dead, grid.dead)) << "seed " << seed << "\n" << to_text(p, got) << "--\n" << to_text(p, grid) << describe(p);
    EXPECT_TRUE(subset(grid.conflicts, got.conflicts)) << "seed " << seed << "\n" << to_text(p, got) << "--\n" << to_text(p, grid) << describe(p);
    EXPECT_TRUE(subset(grid.gaps, got.gaps)) << "seed " << seed << "\n" << to_text(p, got) << "--\n" << to_text(p, grid) << describe(p);
    EXPECT_TRUE(subset(grid.cross, got.cross)) << "seed " << seed << "\n" << to_text(p, got) << "--\n" << to_text(p, grid) << describe(p);
    for (std::uint32_t r : got.shadowed) {
      EXPECT_TRUE(grid.shadowed.count(r) || grid.dead.count(r)) << "seed " << seed << " " << p.rule_qualified_name(r);
    }
    for (const Diagnostic& d : ds.items()) EXPECT_EQ(replay(p, d), "") << "seed " << seed << " " << d.message << "\n" << describe(p);
    if (::testing::Test::HasFailure()) return;
  }
}

}  // namespace
}  // namespace proviso::test
