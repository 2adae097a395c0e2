#pragma once
// Semantic diff of two versions of a bundle: for each kind of decision change (share
// -> deny, deny -> share, ..., and share -> share with obligations added or removed)
// one witness scenario, with the rules responsible in each version.
//
// Both programs are encoded in one solver context. Facts are matched by name: a bool or
// int fact in both versions is one variable (inside both versions' bounds), an enum or
// set fact is matched value by value (a value only one version knows is excluded, since
// the other version would reject the scenario). A fact only in one version, or whose
// kind changed, is free. Witnesses are fully specified for the facts that the covering
// policies of either version depend on, and are replayed through each version's runtime.
#include <string>
#include <vector>

#include "proviso/analysis/analysis.hpp"
#include "proviso/program/program.hpp"

namespace proviso {

// The solver's limits, with the static analysis' defaults.
struct DiffOptions {
  unsigned timeout_ms = AnalysisOptions{}.timeout_ms;          // per solver query; 0: no limit
  unsigned resource_limit = AnalysisOptions{}.resource_limit;  // Z3 resource units per query; 0: no limit
  unsigned budget_s = AnalysisOptions{}.budget_s;              // the whole diff, in seconds; 0: ask nothing
  // Each version as in force on its date (kNoDate: every policy and rule counts), so
  // one bundle can be compared with itself across a change of dates.
  Day old_on = kNoDate;
  Day new_on = kNoDate;
};

enum class ChangeKind : std::uint8_t { decision, obligations_added, obligations_removed };
std::string_view to_string(ChangeKind k);

// How one version decided the witness.
struct VersionOutcome {
  Outcome decision = Outcome::deny;
  bool no_covering_policy = false;
  // What decided: in the covering policies that decided the bundle's effect, the applied
  // (non-overridden) rules with that effect ("policy.rule"; under `first` combining,
  // the first applied rule), and the policies whose default decided.
  std::vector<std::string> rules;
  std::vector<std::string> rule_files;  // per rule: "file:line" where it is written (an amendment's file)
  std::vector<std::string> by_default;
  std::vector<std::string> obligations;  // by name, sorted
};

struct DecisionChange {
  ChangeKind kind = ChangeKind::decision;
  Outcome from = Outcome::share;  // the old version's decision
  Outcome to = Outcome::share;    // the new version's decision
  // The scenario in the old version's facts and the same scenario in the new version's,
  // keeping only the facts the change depends on (others are unknown: under every value
  // of them that both versions accept, the change is the same)...
  std::string old_witness_json;
  std::string new_witness_json;
  // ...and as the solver found it, every fact of the covering policies known.
  std::string old_witness_full_json;
  std::string new_witness_full_json;
  bool shortened = true;          // false: the budget ran out first, and the full witness is shown
  // Framework questions ("dpb.q7") cited by the rules responsible and the witness' facts.
  std::vector<std::string> cite;
  VersionOutcome old_outcome, new_outcome;
  std::vector<std::string> obligations_added, obligations_removed;
};

struct DiffResult {
  std::vector<DecisionChange> changes;
  std::vector<std::string> inconclusive;  // changes the solver could not settle, and why
  // The same questions counted by why: out of time (the query's limit or the budget's),
  // another reason the solver gave, or never asked because the budget had run out.
  // Any of them means the diff could not tell, which is never "no change".
  std::size_t undecided_timeout = 0, undecided_other = 0, not_reached = 0;
  std::size_t budget_s = 0;
  bool decided() const { return inconclusive.empty(); }
  // What the comparison could not cover: facts only one version has (free in the
  // other), facts whose kind changed, enum values only one version accepts.
  std::vector<std::string> notes;
  std::size_t queries = 0;
};

DiffResult diff_programs(const Program& old_program, const Program& new_program, const DiffOptions& options = {});

// Human-readable report, and the JSON shape:
// {"changed": bool, "decided": bool, "undecided": N, "changes": [{"kind", "from", "to", "witness", "old_witness",
//   "witness_full", "old_witness_full", "cite",
//   "old": {"decision", "rules", "defaults", "obligations"}, "new": {...},
//   "obligations_added", "obligations_removed"}], "inconclusive": [...], "notes": [...]}
std::string render_diff_text(const DiffResult& r, std::string_view old_name, std::string_view new_name);
std::string render_diff_json(const DiffResult& r);
// For a review board: the changes grouped by the policies responsible, each with both
// decisions, the witness as a table of questions and values, the rules and what they cite.
std::string render_diff_markdown(const DiffResult& r, const Program& old_program, const Program& new_program,
                                 std::string_view old_name, std::string_view new_name);

}  // namespace proviso
