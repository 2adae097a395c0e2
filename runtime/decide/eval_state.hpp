#pragma once
// The per-thread half of evaluation: the sweep's slots and the decisions' scratch,
// sized to one plan. The plan's data is read, never written, so any number of states
// may run one plan at once.
#include <cstdint>
#include <memory>
#include <vector>

#include "decide/undetermined.hpp"
#include "plan/plan_data.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso::runtime::internal {

class EvalState {
 public:
  explicit EvalState(const PlanData& plan);

  // Evaluation::decide and Evaluation::evaluate.
  Outcome decide(const Scenario& s) { return run(s, false); }
  Outcome decide(const Scenario& s, std::uint32_t& violated) {
    const Outcome o = run(s, false);
    violated = first_violated();
    return o;
  }
  void evaluate(const Scenario& s, Result& out, bool keep_values);
  // EvaluateOptions::decision_only: the decision, obligations and missing facts without
  // the per-rule and per-policy details.
  void evaluate_decision(const Scenario& s, Result& out);
  void set_default_date(Day day) { default_date_ = day; }
  Day default_date() const { return default_date_; }

 private:
  struct PolicyDecision {
    Effect effect = Effect::deny;
    bool by_default = false;
    bool conflict = false;
  };

  void sweep(const Scenario& s);
  // After the sweep: the first constraint that is false, or kNone.
  std::uint32_t first_violated() const;
  // Effective dates: rules and policies not in force on the run's date stop applying.
  void apply_dates(const Scenario& s);
  // The scenario's date, else the default, else today in UTC.
  Day date_of(const Scenario& s) const {
    return s.on != kNoDate ? s.on : default_date_ != kNoDate ? default_date_ : today_utc();
  }
  bool policy_in_force(std::uint32_t policy) const {
    return !has_dates_ || program_.policies[policy].effective.in_force(date_);
  }
  // Rules' conditions, in the sweep's encoding of truth values (see truth.hpp): the
  // sweep writes them to consecutive slots, one per rule.
  const std::uint8_t* rule_truth() const { return truth_.data() + plan_.rule_base; }
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
  // The constraints the sweep found false, into out.violated.
  void violated_constraints(Result& out) const;
  void possible_obligations(Result& out);
  // A node's value after the sweep: a condition reads as its body, an int, enum or set
  // as known-and-nonzero.
  Tri node_value(std::uint32_t node) const;
  // The sweep's slots read back per node and rule, for the trace.
  void store_values(proviso::NodeValues& out) const;

  const PlanData& plan_;
  const Program& program_;

  // The sweep's slots (see PlanData), starting as the plan's copy.
  std::vector<std::int64_t> values_;
  std::vector<std::uint8_t> known_;
  std::vector<std::uint8_t> truth_;

  std::vector<std::uint8_t> applies_;  // scratch for large policies

  // Per policy, for the flow of the current run.
  std::vector<std::uint64_t> applies_mask_, unknown_mask_;  // small policies
  std::vector<std::uint32_t> covering_;   // covering policy ids, in source order
  std::vector<PolicyDecision> decision_;  // baseline decision, indexed by policy id
  std::vector<std::uint8_t> undetermined_rules_;  // policy has an undetermined rule
  std::vector<std::uint8_t> policy_open_;  // assignments of its own rules change its decision
  bool no_cover_ = false;

  std::vector<std::uint8_t> obligation_mark_;  // scratch for obligation unions

  bool has_dates_ = false;               // some policy or rule has an effective period
  Day default_date_ = kNoDate;           // set_default_date; kNoDate: today
  Day date_ = kNoDate;                   // the current run's date (only read when has_dates_)
  std::vector<std::uint32_t> constraint_slots_;  // per constraint: the slot of its node

  // The exact undetermined computation's tables and scratch (decide/undetermined.hpp).
  std::unique_ptr<ExactState> exact_;
};

}  // namespace proviso::runtime::internal
