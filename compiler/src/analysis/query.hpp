#pragma once
// One solver for a whole analysis: permanent assertions plus guard literals, each
// question asked as check(assumptions) so learned clauses carry over between questions.
// It times every check, and writes each question as a stand-alone .smt2 file when asked.
#include <z3++.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/compiler/analysis.hpp"

namespace proviso::detail {

enum class Verdict { sat, unsat, unknown };

class QueryRunner {
 public:
  QueryRunner(z3::context& ctx, const AnalysisOptions& options);

  void add(const z3::expr& assertion) { solver_.add(assertion); }
  // A fresh literal `name` with name => body asserted once.
  z3::expr guard(const std::string& name, const z3::expr& body);

  // `kind` and `subjects` name the .smt2 file: "conflict__p.a__p.b.smt2".
  Verdict check(const std::vector<z3::expr>& assumptions, std::string_view kind,
                const std::vector<std::string>& subjects);
  z3::model model() const { return solver_.get_model(); }
  // The assumption literals of the last unsat check that the refutation used.
  std::vector<z3::expr> core() const;
  std::string reason_unknown() const { return solver_.reason_unknown(); }

  // Fills the query fields of `stats`.
  void fill(AnalysisStats& stats) const;

 private:
  void write_smtlib(const std::vector<z3::expr>& assumptions, std::string_view kind,
                    const std::vector<std::string>& subjects, Verdict verdict);

  z3::context& ctx_;
  z3::solver solver_;
  std::string smtlib_dir_;
  std::vector<double> times_ms_;
  std::size_t sat_ = 0, unsat_ = 0, unknown_ = 0;
  std::set<std::string> files_;
  std::string smtlib_error_;
};

}  // namespace proviso::detail
