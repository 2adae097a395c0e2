#pragma once
// Asking the solver: guard literals stand for rule applications and policy decisions,
// and each question is check(assumptions) over those literals.
//
// One solver (Z3's SMT core, which takes assumptions and gives unsat cores), holding the
// formulas in one of two ways; both give the same answers:
// - shared: literal definitions and background asserted once for the whole run, so
//   learned clauses carry over; but every check then pays for every rule (measured:
//   ~10 ms per query at 1,000 rules).
// - scoped: each question pushes a scope with only the definitions of the literals it
//   assumes and the background it names, and the next question pops it, so a question
//   costs what it mentions (~0.1 ms for a pair of small rules).
// Every check is timed, and written as a stand-alone .smt2 file when asked.
#include <z3++.h>

#include <chrono>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "proviso/analysis/analysis.hpp"
#include "watchdog.hpp"

namespace proviso::analysis::internal {

enum class Verdict { sat, unsat, unknown };

class QueryRunner {
 public:
  enum class Mode { shared, scoped };

  // `start`: when the run began, so the budget counts the encoding done before too.
  QueryRunner(z3::context& ctx, const AnalysisOptions& options, Mode mode,
              std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now());

  // A fresh literal `name` standing for name => body.
  z3::expr guard(const std::string& name, const z3::expr& body);

  // `background`: formulas the question needs besides the literals' definitions (the
  // ranges of the facts involved). `kind` and `subjects` name the .smt2 file:
  // "conflict__p.a__p.b.smt2".
  Verdict check(const std::vector<z3::expr>& assumptions, const std::vector<z3::expr>& background,
                std::string_view kind, const std::vector<std::string>& subjects);
  // Valid until the next check.
  z3::model model() const { return solver_.get_model(); }
  // The assumption literals of the last unsat check that the refutation used.
  std::vector<z3::expr> core() const;
  // Why the last check was unknown: the solver's reason, "timeout" when it ran out of
  // time (its limit or the budget's), or "not reached" when the budget had run out.
  std::string reason_unknown() const;
  // The run's budget (AnalysisOptions::budget_s) has run out: every further check is
  // unknown without asking the solver.
  bool exhausted() const;
  std::size_t budget_s() const { return budget_s_; }

  // Fills the query fields of `stats`.
  void fill(AnalysisStats& stats) const;

 private:
  void write_smtlib(const std::vector<z3::expr>& assumptions, std::string_view kind,
                    const std::vector<std::string>& subjects, Verdict verdict);

  void limit_time();

  z3::context& ctx_;
  Mode mode_;
  unsigned timeout_ms_;
  unsigned budget_s_;
  std::chrono::steady_clock::time_point deadline_;
  unsigned applied_timeout_ms_ = 0;  // the limit last given to the solver (0: none)
  bool not_reached_ = false;         // the last check was refused: the budget had run out
  z3::solver solver_;
  Watchdog watchdog_{ctx_};  // interrupts a query that outlives its limit
  bool scope_open_ = false;  // scoped mode: the last question's scope, popped by the next
  std::unordered_map<unsigned, z3::expr> definitions_;  // literal id -> (literal => body)
  std::unordered_set<unsigned> asserted_;               // shared mode: background already in
  std::string smtlib_dir_;
  std::size_t max_smtlib_stem_;
  std::vector<double> times_ms_;
  std::size_t sat_ = 0, unsat_ = 0, unknown_ = 0;
  std::set<std::string> files_;
  std::string smtlib_error_;
};

}  // namespace proviso::analysis::internal
