#pragma once
// The steps of the forward sweep, shared by its compiler (evaluate.cpp) and its loop
// (sweep.cpp).
#include <cstdint>

namespace proviso::runtime::internal {

// The sweep's own operations: Program's, specialised by arity and by whether the right
// operand is a constant (then held in Instr::imm).
enum Step : std::uint8_t {
  bool_fact, and2, and4, and_n, or2, or4, or_n, not1, rule_cond,
  eq, ne, lt, le, gt, ge,
  eq_i, ne_i, lt_i, le_i, gt_i, ge_i,
  bool_eq, bool_ne,
  add, sub, mul, in_values, has, has_i,
};

}  // namespace proviso::runtime::internal
