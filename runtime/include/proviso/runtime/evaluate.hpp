#pragma once
// Evaluation of a compiled program on a scenario: Kleene three-valued logic, rule
// statuses, policy and bundle decisions, and `missing` for undetermined decisions
// (language.md sections 5 and 6).
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso {

namespace runtime::internal {
class ExactState;  // decide/undetermined.hpp
}

enum class RuleStatus : std::uint8_t { applied, not_applicable, overridden, undetermined };
std::string_view to_string(RuleStatus s);

enum class Tri : std::uint8_t { false_ = 0, true_ = 1, unknown = 2 };

struct PolicyResult {
  std::uint32_t policy = 0;
  Outcome decision = Outcome::deny;  // undetermined when assignments of its own undetermined rules differ
  // The two flags describe the baseline, where undetermined rules do not apply.
  bool by_default = false;           // no applicable, non-overridden rule
  bool conflict = false;             // winners had different effects
  std::vector<std::uint32_t> obligations;  // ids ascending, when it decides share
};

struct Result {
  Outcome decision = Outcome::deny;
  bool no_covering_policy = false;
  std::vector<std::uint32_t> obligations;  // ids ascending (= by name); empty unless share
  // Undetermined: the relevant unknown facts of the pivotal rules (language.md section 6),
  // ids ascending, and the one relevant to the most pivotal rules (kNone when missing is
  // empty). Determined: empty and kNone.
  std::vector<std::uint32_t> missing;
  std::uint32_t next_question = kNone;
  // A share can stand while an undetermined share rule would add obligations: those
  // obligations (ids ascending, none of `obligations`) and the relevant unknown facts of
  // the rules that carry them (ids ascending). Empty unless share.
  std::vector<std::uint32_t> possible_obligations;
  std::vector<std::uint32_t> obligation_questions;
  std::vector<PolicyResult> policies;      // the covering policies, in source order
  std::vector<RuleStatus> rule_status;     // per rule of the program (uncovered policies: not_applicable)
};

// A policy's `share` that stands aside for the other covering policies: the policy
// defers, or it did not decide by default and every share rule that applied defers. Never changes a
// decision (the bundle takes the strictest); it tells readers and `check` that a deny
// elsewhere is expected.
bool share_defers(const Program& p, const Result& r, const PolicyResult& pr);

// Holds scratch space sized to one program, so evaluations allocate nothing on the
// fast path. Not thread-safe: use one Evaluator per thread.
class Evaluator {
 public:
  explicit Evaluator(const Program& program);

  // `s` holds a value and a known flag for every fact of the program (Scenario::reset);
  // a shorter scenario is a caller's error and throws std::invalid_argument.
  //
  // Decision only: the fast path (no trace, no per-rule details, no allocation).
  Outcome decide(const Scenario& s);
  // Decision with policies, rule statuses, obligations and missing facts; `out`'s
  // vectors are reused.
  void evaluate(const Scenario& s, Result& out);
  Result evaluate(const Scenario& s) {
    Result r;
    evaluate(s, r);
    return r;
  }

  // Values of the last decide() or evaluate(), for every node and rule of the program
  // (for the trace builder). A condition node reads as the value of its body; an int,
  // enum or set node reads as known-and-nonzero. node_int gives the number itself.
  Tri node_value(std::uint32_t node) const;
  std::int64_t node_int(std::uint32_t node) const;
  // Condition of a rule: `when` and not `unless`, in Kleene logic.
  Tri rule_condition(std::uint32_t rule) const;
  const Program& program() const { return program_; }

 private:
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
  struct PolicyDecision {
    Effect effect = Effect::deny;
    bool by_default = false;
    bool conflict = false;
  };
  // Policies of at most 64 rules decide on bitmasks of their rules (bit = local index).
  struct PolicyMasks {
    bool small = false;
    std::uint64_t share = 0, refer = 0, deny = 0;
  };

  void compile_sweep();
  void sweep(const Scenario& s);
  // Rules' conditions, in the sweep's encoding of truth values (see truth.hpp): the
  // sweep writes them to consecutive slots, one per rule.
  const std::uint8_t* rule_truth() const { return truth_.data() + rule_base_; }
  // Decides a large policy from applies_ (1 = the rule is taken as applying).
  PolicyDecision decide_policy(std::uint32_t policy) const;
  // Decides a small policy from a mask of applying rules.
  PolicyDecision decide_mask(std::uint32_t policy, std::uint64_t applies) const;
  // Everything decide() and evaluate() share: rule conditions, baseline policy
  // decisions, and when a rule is undetermined what assignments can make of each policy.
  // `per_policy` settles every covering policy's own decision instead of stopping once
  // the bundle's is known.
  Outcome run(const Scenario& s, bool per_policy);
  bool rule_beaten(std::uint32_t rule) const;
  void missing_facts(Result& out);
  void possible_obligations(Result& out);

  const Program& program_;
  std::vector<Instr> code_;
  std::vector<Batch> batches_;
  std::vector<std::uint32_t> operands_;  // n-ary children, as slots
  std::vector<std::uint32_t> alias_;     // node -> the slot that holds its value
  std::uint32_t fact_base_ = 0;          // the slot of fact 0
  std::uint32_t slot_true_ = 0, slot_false_ = 0;  // constant slots
  std::uint32_t rule_base_ = 0;          // the slot of rule 0's condition
  std::vector<std::int64_t> values_;  // int, enum and set slots
  std::vector<std::uint8_t> known_;
  std::vector<std::uint8_t> truth_;   // bool slots: 1 true, 2 false, 3 unknown
  std::vector<std::uint8_t> is_bool_;

  // Per rule, flattened out of Program::rules so the decision loops stay in cache.
  std::vector<Effect> effect_;
  std::vector<std::uint32_t> beaten_begin_;  // size rules + 1, into beaten_
  std::vector<std::uint32_t> beaten_;
  std::vector<std::uint64_t> beaten_mask_;   // small policies: local bits of beaten_by
  std::vector<std::uint8_t> applies_;     // scratch for large policies

  // Per policy, for the flow of the last run.
  std::vector<PolicyMasks> masks_;
  std::vector<std::uint64_t> applies_mask_, unknown_mask_;  // small policies
  std::vector<std::uint32_t> covering_;   // covering policy ids, in source order
  std::vector<PolicyDecision> decision_;  // baseline decision, indexed by policy id
  std::vector<std::uint8_t> undetermined_rules_;  // policy has an undetermined rule
  std::vector<std::uint8_t> policy_open_;  // assignments of its own rules change its decision
  bool no_cover_ = false;

  std::vector<std::uint8_t> obligation_mark_;  // scratch for obligation unions

  // The exact undetermined computation's tables and scratch (decide/undetermined.hpp).
  std::unique_ptr<runtime::internal::ExactState, void (*)(runtime::internal::ExactState*)> exact_;
};

}  // namespace proviso
