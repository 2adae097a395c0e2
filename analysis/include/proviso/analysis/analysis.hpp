#pragma once
// Static analysis of a compiled program with Z3: conflicts, dead and shadowed rules,
// gaps, conflicts between policies. It reads the same Program the runtime executes,
// and every finding that has a witness scenario carries it as JSON.
//
// What the analysis assumes (docs and findings rely on it):
// - Scenarios are fully specified: every fact known, every value inside its type. A
//   finding therefore speaks about complete scenarios; with missing facts the runtime
//   may answer `undetermined` instead.
// - An int operation that overflows 64 bits is unknown at run time; the encoding
//   follows that exactly (Kleene logic), and a finding about decisions only uses
//   scenarios where the rules involved are determined.
// - A conflict is two rules of one policy with different effects, neither beating
//   the other, that are both *applied* (applicable and not overridden) in one
//   scenario: the case the policy's `combine` has to resolve.
#include <cstddef>
#include <string>
#include <string_view>

#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"

namespace proviso {

// Limits and switches of the analysis stage: each limit is the one default of its
// number, with a test that exceeds it (tests/unit/analysis/limits_test.cpp).
struct AnalysisOptions {
  unsigned timeout_ms = 2000;    // per solver query; 0: no limit. Unknown -> `inconclusive`
  unsigned resource_limit = 0;   // Z3 resource units per query (deterministic); 0: no limit
  // Wall-clock seconds for the whole analysis: each query's time limit is cut to what
  // is left, and what the analysis has not reached when it runs out is reported as one
  // `inconclusive` finding that counts it. 0: nothing is analysed (every question is
  // left undecided, which tests use to stay independent of the machine's speed).
  unsigned budget_s = 300;
  std::string smtlib_dir;        // when set, every query is written there as an .smt2 file
  bool gaps = true;              // report `gap` findings
  bool cross_policy = true;      // report `cross-policy-conflict` findings
  // One solver for every query (learned clauses shared) instead of a small solver per
  // query. Same answers; slower on large programs, where each check pays for all rules.
  bool one_solver = false;
  // Solver queries spent per shadowed rule on dropping shadowing rules that are not
  // needed (Z3's unsat cores need not be minimal); past it the list may be longer.
  std::size_t max_core_tries = 16;
  // Constraints kept per rule by the syntactic pruning before the solver: dropping one
  // only weakens the approximation (fewer pairs settled without a query), and keeps
  // memory linear when conditions build on each other.
  std::size_t max_prune_items = 256;
  // Length of an --smtlib file name before `.smt2`: file systems cap a name at 255
  // bytes, so a longer one keeps this many characters and a hash that keeps names distinct.
  std::size_t max_smtlib_stem = 160;
  // The analysis date: policies and rules not in force on it are left out (kNoDate:
  // every policy and rule counts, whatever its dates).
  Day on = kNoDate;
};

// When policies and rules stop being in force, as seen on `on`: an `expired` warning
// for each whose `until` is before `on`, an `expiring` info for each that ends within
// `window_days` of it. No solver is needed, so `check --no-analysis` reports them too.
void check_effective_dates(const Program& program, Day on, unsigned window_days, Diagnostics& out);

// What the solver was asked, for benchmarks and `--stats`-style reports.
struct AnalysisStats {
  std::size_t queries = 0;
  std::size_t sat = 0, unsat = 0, unknown = 0;
  // Questions left undecided, by why: the solver ran out of time (its own limit or the
  // rest of the budget), gave up for another reason, or was never asked because the
  // budget had run out. A run with any of them could not tell, which is never "no".
  std::size_t undecided_timeout = 0, undecided_other = 0, not_reached = 0;
  std::size_t pairs = 0;           // conflict candidates (same policy, different effects)
  std::size_t pairs_pruned = 0;    // of those, settled without a solver call
  double encode_ms = 0;            // building the encoding
  double total_ms = 0;             // whole analysis
  double query_ms = 0;             // time inside solver checks
  double median_query_ms = 0;
  double max_query_ms = 0;
  std::size_t smtlib_files = 0;
  std::string smtlib_error;        // the first failure to write a query file, if any
};

// Appends the findings to `out` (locations carry file, line and column; the CLI fills
// in the source excerpts). Solver failures become `inconclusive` findings, never silence.
AnalysisStats analyze(const Program& program, const AnalysisOptions& options, Diagnostics& out);

// `check --format markdown`: a summary table (counts by code and severity), then each
// finding with its rules (file:line, `because`, citations), its witness as a table of
// each fact's question and value, and the framework questions cited. `ds` is sorted.
std::string render_findings_markdown(const Program& program, const Diagnostics& ds, std::string_view title);

}  // namespace proviso
