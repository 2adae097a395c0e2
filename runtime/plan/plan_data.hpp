#pragma once
// What a Plan holds: the program compiled into the batched steps of the forward sweep
// (sweep.cpp runs them), and the per-rule and per-policy tables the decisions read
// (decide/decision.cpp). Written once by the constructor, read-only afterwards.
#include <cstdint>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::runtime::internal {

// One step of the forward sweep: writes slot `dst` from slots `a` and `b` (or the
// operand list at a .. a+b). Slots are node ids, plus one slot per fact after the
// nodes; condition and fact nodes are resolved to the slot holding their value, so
// they need no step of their own.
struct Instr {
  std::int64_t imm;
  std::uint32_t dst, a, b;
};

// A run of steps with the same operation. The sweep is grouped by dependency level,
// then by operation, so each run is a tight loop with no dispatch per node.
struct Batch {
  std::uint8_t code;
  std::uint32_t begin, end;
};

// Policies of at most 64 rules decide on bitmasks of their rules (bit = local index).
struct PolicyMasks {
  bool small = false;
  std::uint64_t share = 0, refer = 0, deny = 0;
};

struct PlanData {
  // `program` must outlive the data (the Plan that owns both sees to it).
  explicit PlanData(const Program& program);

  const Program& program;

  // The sweep.
  std::vector<Instr> code;
  std::vector<Batch> batches;
  std::vector<std::uint32_t> operands;  // n-ary children, as slots
  std::vector<std::uint32_t> alias;     // node -> the slot that holds its value
  std::uint32_t fact_base = 0;          // the slot of fact 0
  std::uint32_t slot_true = 0, slot_false = 0;  // constant slots
  std::uint32_t rule_base = 0;          // the slot of rule 0's condition
  // The slots as every sweep starts: constants are written here once and never swept,
  // so each evaluation state starts from a copy.
  std::vector<std::int64_t> values;     // int, enum and set slots
  std::vector<std::uint8_t> known;
  std::vector<std::uint8_t> truth;      // bool slots: 1 true, 2 false, 3 unknown
  std::vector<std::uint8_t> is_bool;

  // Per rule, flattened out of Program::rules so the decision loops stay in cache.
  std::vector<Effect> effect;
  std::vector<std::uint32_t> beaten_begin;  // size rules + 1, into beaten
  std::vector<std::uint32_t> beaten;
  std::vector<std::uint64_t> beaten_mask;   // small policies: local bits of beaten_by

  std::vector<PolicyMasks> masks;  // per policy

 private:
  void compile_sweep();
};

}  // namespace proviso::runtime::internal
