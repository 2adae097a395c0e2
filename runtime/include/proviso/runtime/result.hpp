#pragma once
// What an evaluation produces: the decision, the covering policies' decisions, rule
// statuses, obligations and missing facts (language.md sections 5 and 6), and, when
// asked for, the value of every node that the justification trace reads.
#include <cstdint>
#include <string_view>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso {

// not_in_force: the rule (or its policy) is not in force on the evaluation date, and
// counts as not applying.
enum class RuleStatus : std::uint8_t { applied, not_applicable, overridden, undetermined, not_in_force };
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

// The value of every node and rule condition of one evaluation, in Kleene logic: what
// build_trace reads. A condition node reads as the value of its body; an int, enum or
// set node reads as known-and-nonzero. Filled only when EvaluateOptions::keep_values
// is set; otherwise both vectors are empty.
struct NodeValues {
  std::vector<Tri> nodes;  // indexed by node id
  std::vector<Tri> rules;  // indexed by rule id: `when` and not `unless`

  bool empty() const { return nodes.empty() && rules.empty(); }
};

struct Result {
  Outcome decision = Outcome::deny;
  Day on = kNoDate;  // the evaluation date: the scenario's, else the evaluation's default, else today (UTC)
  // Constraints the scenario makes false (ids ascending). Not empty: the scenario is not
  // a real one, and callers refuse it (a bad-scenario error) rather than use the decision.
  std::vector<std::uint32_t> violated;
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
  // Rules that are undetermined although every fact they read is known: their int
  // arithmetic overflowed 64 bits, the one other source of unknown (ids ascending). An
  // undetermined decision with no `missing` fact is explained by these.
  std::vector<std::uint32_t> overflow;
  std::vector<PolicyResult> policies;      // the covering policies, in source order
  std::vector<RuleStatus> rule_status;     // per rule of the program (uncovered policies: not_applicable)
  NodeValues values;                       // empty unless EvaluateOptions::keep_values
};

// A policy's `share` that stands aside for the other covering policies: the policy
// defers, or it did not decide by default and every share rule that applied defers. Never changes a
// decision (the bundle takes the strictest); it tells readers and `check` that a deny
// elsewhere is expected.
bool share_defers(const Program& p, const Result& r, const PolicyResult& pr);

// "the scenario makes constraint 'x' false: its text", for a Result::violated entry.
std::string describe_violation(const Program& p, std::uint32_t constraint);

}  // namespace proviso
