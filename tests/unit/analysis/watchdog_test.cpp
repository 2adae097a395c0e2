// The watchdog stops a query that Z3's own timer does not: here Z3 has no time limit at
// all, on a query it cannot finish (x^3 + y^3 = z^3 in positive integers), so only the
// watchdog can end it. Without it this test runs until ctest's timeout.
#include <gtest/gtest.h>
#include <z3++.h>

#include "watchdog.hpp"

namespace proviso::analysis::internal {
namespace {

z3::expr fermat_cubes(z3::context& ctx) {
  z3::expr x = ctx.int_const("x"), y = ctx.int_const("y"), z = ctx.int_const("z");
  return x > 0 && y > 0 && z > 0 && x * x * x + y * y * y == z * z * z;
}

TEST(Watchdog, InterruptsAQueryThatOutlivesItsLimit) {
  z3::context ctx;
  Watchdog watchdog(ctx);
  z3::solver solver(ctx);
  solver.add(fermat_cubes(ctx));
  for (int i = 0; i < 3; ++i) {
    z3::check_result r = z3::sat;
    {
      Watchdog::Guard guard(watchdog, std::chrono::milliseconds(30));
      r = solver.check();
    }
    EXPECT_EQ(r, z3::unknown) << "attempt " << i;
    EXPECT_EQ(solver.reason_unknown(), "interrupted");
  }
}

// After an interrupted query the context is usable again: the next queries, under a
// limit far above what they need (no test here depends on the machine's speed), answer.
TEST(Watchdog, AQueryAfterAnInterruptedOneRunsWhole) {
  z3::context ctx;
  Watchdog watchdog(ctx);
  z3::solver solver(ctx);
  z3::expr a = ctx.int_const("a");
  {
    z3::solver hard(ctx);
    hard.add(fermat_cubes(ctx));
    Watchdog::Guard guard(watchdog, std::chrono::milliseconds(30));
    ASSERT_EQ(hard.check(), z3::unknown);
  }
  solver.add(a > 3 && a < 5);
  for (int i = 0; i < 20; ++i) {
    Watchdog::Guard guard(watchdog, std::chrono::seconds(30));
    EXPECT_EQ(solver.check(), z3::sat) << "query " << i;
  }
  // A guard with no limit never interrupts.
  Watchdog::Guard none(watchdog, std::chrono::milliseconds(0));
  EXPECT_EQ(solver.check(), z3::sat);
}

}  // namespace
}  // namespace proviso::analysis::internal
