#pragma once
// Explanations of one decision (`proviso explain`): the smallest sets of fact changes
// that give another decision, found with Z3 over the compiled program and each one
// replayed through the runtime, whose answer is the ground truth.
//
// What an alternative is (docs/language.md, "proviso explain"):
// - A set of facts given new known values; every other fact stays as the scenario has
//   it, an unknown one stays unknown. `from` and `to` change only when allowed; facts
//   the caller keeps never change.
// - Applying it to the scenario and deciding with the runtime gives exactly the target
//   decision (never `undetermined`), and no constraint is false (one that facts left
//   unknown leave unknown is accepted, as the runtime accepts it).
// - Minimal: no alternative with fewer changes exists. Alternatives are distinct as
//   sets of facts, and none contains another (a superset of an alternative is never
//   listed), smallest first.
//
// The encoding is three-valued as the runtime is: a fact the scenario leaves unknown is
// known exactly when the alternative sets it. The runtime's `undetermined` is exact
// over assignments of the undetermined rules; the solver asks for three kinds of
// assignment (none of them applies, all apply, each alone applies), all of which must
// give the target: a necessary condition. Each candidate is then replayed, one that
// fails replay is blocked (those fact values only) and the search goes on at the same
// size, so minimality holds. A search that runs out of budget or time says so
// (`complete` false) rather than claim minimality.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso {

struct ExplainOptions {
  // The decision wanted; none: `share` for a scenario that does not share, `deny` for one that does.
  std::optional<Effect> target;
  std::vector<std::uint32_t> keep;   // fact ids that may not change
  bool allow_flow = false;           // `from` and `to` may change
  std::size_t max_alternatives = 3;
  unsigned timeout_ms = 2000;        // per solver query; 0: none
  // Candidates that fail replay (they leave facts unknown that matter) blocked before
  // the search gives up and says it is incomplete.
  std::size_t max_replay_failures = 256;
  // The evaluation date for scenarios that give none (kNoDate: today, UTC).
  Day on = kNoDate;
  // Skip the solver: only the closest route, from the scenario's own values.
  bool no_solver = false;
};

struct FactChange {
  std::uint32_t fact = 0;
  bool was_known = false;
  std::int64_t from = 0;  // meaningful when was_known
  std::int64_t to = 0;
};

struct Alternative {
  std::vector<FactChange> changes;  // by fact id
  Outcome decision = Outcome::share;  // the runtime's decision on the changed scenario
  std::vector<std::uint32_t> rules;   // rules applied in the changed scenario with the target effect
  std::vector<std::uint32_t> defaults;  // covering policies whose default gave the target there
};

// A share rule that did not apply, with what stopped it: the named conditions (or, for
// a rule without them, the `when`/`unless` expressions) that were false or unknown.
struct RouteStep {
  std::uint32_t node = 0;
  Tri value = Tri::false_;  // as the scenario left it
  bool in_unless = false;   // an `unless` that held (or may hold)
};
struct RouteRule {
  std::uint32_t rule = 0;
  std::vector<RouteStep> failed;
};

struct Explanation {
  Outcome decision = Outcome::deny;  // the scenario's own
  Effect target = Effect::share;
  std::vector<Alternative> alternatives;
  // false: the solver timed out or the replay budget ran out before the search ended;
  // `incomplete` says why. The alternatives listed still replay to their decisions.
  bool complete = true;
  std::string incomplete;
  // No alternative exists: the rules (ids) that apply whatever may change, and the
  // covering policies that can never give the target; both may be empty.
  std::vector<std::uint32_t> blocking_rules;
  std::vector<std::uint32_t> blocking_policies;
  // The closest route to `share` (for a decision other than share): the share rules
  // nearest to applying, those of the smallest alternatives first.
  std::vector<RouteRule> closest;
  // Framework questions cited by the facts changed and the rules involved, sorted.
  std::vector<std::string> cites;
  std::size_t queries = 0;
  double solver_ms = 0;
};

// The evaluation of `scenario` and its explanation. Throws std::invalid_argument when
// `from` or `to` is unknown (the flow must be named) or the scenario makes a constraint
// false (callers refuse such scenarios first, as eval does).
Explanation explain(const std::shared_ptr<const Plan>& plan, const Scenario& scenario, const ExplainOptions& options);

// Renderers: text (for people), JSON (one line, the contract of docs/language.md) and Markdown.
std::string render_explanation_text(const Program& p, const Scenario& s, const Explanation& e);
std::string render_explanation_json(const Program& p, const Scenario& s, const Explanation& e);
std::string render_explanation_markdown(const Program& p, const Scenario& s, const Explanation& e);

// The closest-route section alone, as eval's text and Markdown show it ("" when empty).
std::string render_closest_route_text(const Program& p, const Explanation& e);
std::string render_closest_route_markdown(const Program& p, const Explanation& e);

}  // namespace proviso
