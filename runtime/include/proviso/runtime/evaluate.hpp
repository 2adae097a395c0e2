#pragma once
// Evaluation of a compiled program on a scenario: Kleene three-valued logic, rule
// statuses, policy and bundle decisions, and `missing` for undetermined decisions
// (language.md sections 5 and 6).
#include <cstdint>
#include <string_view>
#include <vector>

#include "proviso/runtime/program.hpp"

namespace proviso {

enum class RuleStatus : std::uint8_t { applied, not_applicable, overridden, undetermined };
std::string_view to_string(RuleStatus s);

enum class Tri : std::uint8_t { false_ = 0, true_ = 1, unknown = 2 };

struct PolicyResult {
  std::uint32_t policy = 0;
  Outcome decision = Outcome::deny;  // undetermined when its own undetermined rules could change it
  bool by_default = false;           // no applicable, non-overridden rule
  bool conflict = false;             // winners had different effects
  std::vector<std::uint32_t> obligations;  // when it decides share
};

struct Result {
  Outcome decision = Outcome::deny;
  bool no_covering_policy = false;
  std::vector<std::uint32_t> obligations;  // ids ascending (= by name); empty unless share
  std::vector<std::uint32_t> missing;      // fact ids ascending; empty unless undetermined
  std::vector<PolicyResult> policies;      // the covering policies, in source order
  std::vector<RuleStatus> rule_status;     // per rule of the program (uncovered policies: not_applicable)
};

// Holds scratch space sized to one program, so evaluations allocate nothing on the
// fast path. Not thread-safe: use one Evaluator per thread.
class Evaluator {
 public:
  explicit Evaluator(const Program& program);

  // Decision only: the fast path (no trace, no per-rule details).
  Outcome decide(const Scenario& s);
  // Decision with policies, rule statuses, obligations and missing facts.
  void evaluate(const Scenario& s, Result& out);
  Result evaluate(const Scenario& s) {
    Result r;
    evaluate(s, r);
    return r;
  }

  // Node values of the last evaluation (for the trace builder). A condition node reads
  // as the value of its body.
  Tri node_value(std::uint32_t node) const;
  std::int64_t node_int(std::uint32_t node) const { return values_[alias_[node]]; }
  // Condition of a rule in the last evaluation: `when` and not `unless`, in Kleene logic.
  Tri rule_condition(std::uint32_t rule) const { return static_cast<Tri>(rule_tri_[rule]); }
  const Program& program() const { return program_; }

 private:
  // One step of the forward sweep: writes node `dst`. Operands are already resolved
  // through condition nodes, which therefore need no step of their own.
  struct Instr {
    std::int64_t imm;
    std::uint32_t dst, a, b;
    Op op;
  };
  struct PolicyDecision {
    Effect effect = Effect::deny;
    bool by_default = false;
    bool conflict = false;
  };

  void sweep(const Scenario& s);
  Tri condition_of(std::uint32_t rule) const;
  // Decides one policy from applies_ (1 = the rule is taken as applying).
  PolicyDecision decide_policy(std::uint32_t policy) const;
  // Everything decide() and evaluate() share: statuses, baseline policy decisions, the
  // toggling of undetermined rules. `per_policy` also settles each policy's own
  // undetermined flag instead of stopping at the first toggle that changes the bundle.
  Outcome run(const Scenario& s, bool per_policy);

  const Program& program_;
  std::vector<Instr> code_;
  std::vector<std::uint32_t> operands_;  // n-ary children, resolved through conditions
  std::vector<std::uint32_t> alias_;     // node -> the node that holds its value
  std::vector<std::int64_t> values_;
  std::vector<std::uint8_t> known_;

  // Per rule, flattened out of Program::rules so the decision loops stay in cache.
  std::vector<std::uint32_t> when_, unless_;
  std::vector<Effect> effect_;
  std::vector<std::uint32_t> beaten_begin_;  // size rules + 1, into beaten_
  std::vector<std::uint32_t> beaten_;
  std::vector<std::uint8_t> rule_tri_;    // Tri per rule
  std::vector<std::uint8_t> applies_;     // scratch for policy decisions

  // Per policy, for the flow of the last run.
  std::vector<std::uint32_t> covering_;   // covering policy ids, in source order
  std::vector<PolicyDecision> decision_;  // baseline decision, indexed by policy id
  std::vector<std::uint8_t> undetermined_rules_;  // policy has an undetermined rule
  std::vector<std::uint8_t> policy_open_;  // toggling its own rules changes its decision
  Effect baseline_ = Effect::deny;
  bool no_cover_ = false;

  std::vector<std::uint8_t> fact_mark_;        // scratch for `missing`
  std::vector<std::uint8_t> obligation_mark_;  // scratch for obligation unions
};

}  // namespace proviso
