#pragma once
// Evaluation of a compiled program on a scenario: Kleene three-valued logic, rule
// statuses, policy and bundle decisions, and `missing` for undetermined decisions
// (language.md sections 5 and 6).
#include <cstdint>
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

  // Node values of the last evaluation (for the trace builder).
  Tri node_value(std::uint32_t node) const;
  std::int64_t node_int(std::uint32_t node) const { return values_[node]; }
  const Program& program() const { return program_; }

 private:
  void sweep(const Scenario& s);
  Tri rule_condition(const Rule& r) const;

  const Program& program_;
  std::vector<std::int64_t> values_;
  std::vector<std::uint8_t> known_;
  std::vector<std::uint8_t> rule_tri_;    // Tri per rule
  std::vector<std::uint8_t> applies_;     // scratch for policy decisions
};

}  // namespace proviso
