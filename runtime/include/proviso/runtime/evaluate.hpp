#pragma once
// Evaluation of a compiled program on a scenario: Kleene three-valued logic, rule
// statuses, policy and bundle decisions, and `missing` for undetermined decisions
// (language.md sections 5 and 6).
//
// A Plan (plan.hpp) is immutable and shared; an Evaluation is the small per-thread
// state that runs it. Everything an evaluation produces is returned in the Result:
// nothing of one call is read by a later one.
#include <memory>

#include "proviso/program/program.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso {

namespace runtime::internal {
class EvalState;
}

struct EvaluateOptions {
  // Keep every node's value in Result::values, for build_trace (trace.hpp). Costs one
  // pass over the program's nodes; without it Result::values is left empty.
  bool keep_values = false;
  // Only what a decision line needs (`batch --fields decision`): Result::decision, on,
  // violated, no_covering_policy, obligations, missing and next_question, as a full
  // evaluation gives them. Everything else (policies, rule statuses, overflow, possible
  // obligations, values) is left empty. Ignores keep_values.
  bool decision_only = false;
};

// Scratch space sized to one plan, so evaluations allocate nothing on the fast path
// (evaluate() reuses the Result's vectors). Not thread-safe: one Evaluation per thread,
// any number of them sharing one plan.
class Evaluation {
 public:
  // Throws std::invalid_argument when `plan` is null.
  explicit Evaluation(std::shared_ptr<const Plan> plan);
  ~Evaluation();
  Evaluation(Evaluation&&) noexcept;
  Evaluation& operator=(Evaluation&&) noexcept;
  Evaluation(const Evaluation&) = delete;
  Evaluation& operator=(const Evaluation&) = delete;

  // `s` holds a value and a known flag for every fact of the program (Scenario::reset);
  // a shorter scenario is a caller's error and throws std::invalid_argument.
  //
  // Decision only: the fast path (no trace, no per-rule details, no allocation). The
  // first form does not check constraints; the second sets `violated` to the first
  // constraint the scenario makes false, or kNone.
  Outcome decide(const Scenario& s);
  Outcome decide(const Scenario& s, std::uint32_t& violated);
  // Decision with policies, rule statuses, obligations and missing facts; `out`'s
  // vectors are reused.
  void evaluate(const Scenario& s, Result& out, const EvaluateOptions& options = {});
  Result evaluate(const Scenario& s, const EvaluateOptions& options = {}) {
    Result r;
    evaluate(s, r, options);
    return r;
  }

  // The date of scenarios that give none (Scenario::on); kNoDate, the default, means
  // today in UTC, read at each evaluation.
  void set_default_date(Day day);
  Day default_date() const;

  const Plan& plan() const { return *plan_; }
  const Program& program() const { return plan_->program(); }

 private:
  std::shared_ptr<const Plan> plan_;
  std::unique_ptr<runtime::internal::EvalState> state_;
};

}  // namespace proviso
