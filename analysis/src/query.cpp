#include "query.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>

namespace proviso::analysis::internal {

namespace {

std::string file_stem(std::string_view kind, const std::vector<std::string>& subjects, std::size_t max_stem) {
  std::string stem(kind);
  for (const auto& s : subjects) stem += "__" + s;
  for (char& c : stem) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) c = '_';
  }
  // A long list of rules keeps a readable prefix and a hash that keeps names distinct.
  if (stem.size() > max_stem) {
    char hash[20];
    std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(stem));
    stem = stem.substr(0, max_stem) + "__" + hash;
  }
  return stem;
}

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::sat: return "sat";
    case Verdict::unsat: return "unsat";
    case Verdict::unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace

QueryRunner::QueryRunner(z3::context& ctx, const AnalysisOptions& options, Mode mode,
                         std::chrono::steady_clock::time_point start)
    : ctx_(ctx), mode_(mode), timeout_ms_(options.timeout_ms), budget_s_(options.budget_s),
      deadline_(start + std::chrono::seconds(options.budget_s)),
      solver_(ctx, z3::solver::simple()), smtlib_dir_(options.smtlib_dir), max_smtlib_stem_(options.max_smtlib_stem) {
  z3::params params(ctx);
  if (options.timeout_ms > 0) params.set("timeout", options.timeout_ms);
  applied_timeout_ms_ = options.timeout_ms;
  if (options.resource_limit > 0) params.set("rlimit", options.resource_limit);
  solver_.set(params);
  if (!smtlib_dir_.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(smtlib_dir_, ec);
    if (ec) smtlib_error_ = "cannot create " + smtlib_dir_ + ": " + ec.message();
  }
}

z3::expr QueryRunner::guard(const std::string& name, const z3::expr& body) {
  z3::expr g = ctx_.bool_const(name.c_str());
  z3::expr definition = z3::implies(g, body);
  definitions_.emplace(g.id(), definition);
  if (mode_ == Mode::shared) solver_.add(definition);
  return g;
}

bool QueryRunner::exhausted() const { return budget_s_ == 0 || std::chrono::steady_clock::now() >= deadline_; }

std::string QueryRunner::reason_unknown() const {
  if (not_reached_) return "not reached";
  std::string r = solver_.reason_unknown();
  // Z3 says "canceled" when its timer wins a race with the search, and "interrupted"
  // when the watchdog stopped it: a timeout all the same.
  if (r == "canceled" || r == "interrupted" || r.find("timeout") != std::string::npos) return "timeout";
  return r;
}

// Each query may take its own limit or what is left of the budget, whichever is less
// (within a second: the solver's parameters are not reset for every query).
void QueryRunner::limit_time() {
  const long long left = std::max<long long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now()).count(), 1);
  unsigned ms = timeout_ms_;
  if (ms == 0 || ms > left) {
    if (applied_timeout_ms_ != 0 && applied_timeout_ms_ <= left + 1000) return;
    ms = static_cast<unsigned>(std::min<long long>(left, std::numeric_limits<unsigned>::max()));
  } else if (ms == applied_timeout_ms_) {
    return;
  }
  z3::params params(ctx_);
  params.set("timeout", ms);
  solver_.set(params);
  applied_timeout_ms_ = ms;
}

Verdict QueryRunner::check(const std::vector<z3::expr>& assumptions, const std::vector<z3::expr>& background,
                           std::string_view kind, const std::vector<std::string>& subjects) {
  not_reached_ = exhausted();
  if (not_reached_) {
    ++unknown_;
    return Verdict::unknown;
  }
  limit_time();
  auto start = std::chrono::steady_clock::now();
  if (mode_ == Mode::scoped) {
    if (scope_open_) solver_.pop();
    solver_.push();
    scope_open_ = true;
    for (const auto& b : background) solver_.add(b);
    for (const auto& a : assumptions) {
      auto it = definitions_.find(a.id());
      if (it != definitions_.end()) solver_.add(it->second);
    }
  } else {
    for (const auto& b : background) {
      if (asserted_.insert(b.id()).second) solver_.add(b);
    }
  }
  z3::expr_vector asms(ctx_);
  for (const auto& a : assumptions) asms.push_back(a);
  z3::check_result r = z3::unknown;
  {
    Watchdog::Guard guard(watchdog_, std::chrono::milliseconds(applied_timeout_ms_));
    r = solver_.check(asms);
  }
  auto stop = std::chrono::steady_clock::now();
  times_ms_.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  Verdict v = r == z3::sat ? Verdict::sat : r == z3::unsat ? Verdict::unsat : Verdict::unknown;
  (v == Verdict::sat ? sat_ : v == Verdict::unsat ? unsat_ : unknown_)++;
  if (!smtlib_dir_.empty() && smtlib_error_.empty()) write_smtlib(assumptions, kind, subjects, v);
  return v;
}

std::vector<z3::expr> QueryRunner::core() const {
  std::vector<z3::expr> out;
  z3::expr_vector c = solver_.unsat_core();
  for (unsigned i = 0; i < c.size(); ++i) out.push_back(c[i]);
  return out;
}

void QueryRunner::write_smtlib(const std::vector<z3::expr>& assumptions, std::string_view kind,
                               const std::vector<std::string>& subjects, Verdict verdict) {
  std::string stem = file_stem(kind, subjects, max_smtlib_stem_);
  std::string name = stem;
  for (int n = 2; files_.count(name) > 0; ++n) name = stem + "__" + std::to_string(n);
  files_.insert(name);

  // The solver's assertions and the question's assumptions, all as plain asserts:
  // `z3 FILE` then answers what this query answered.
  z3::expr_vector assertions = solver_.assertions();
  std::vector<Z3_ast> all;
  for (unsigned i = 0; i < assertions.size(); ++i) all.push_back(assertions[i]);
  for (const auto& a : assumptions) all.push_back(a);
  std::string body = Z3_benchmark_to_smtlib_string(ctx_, "", "", std::string(verdict_name(verdict)).c_str(), "",
                                                   static_cast<unsigned>(all.size()), all.data(), ctx_.bool_val(true));
  std::string header = "; proviso analysis query: " + std::string(kind);
  for (const auto& s : subjects) header += " " + s;
  header += "\n; answer when proviso asked: " + std::string(verdict_name(verdict)) + "\n; re-run with: z3 " + name + ".smt2\n";

  std::filesystem::path path = std::filesystem::path(smtlib_dir_) / (name + ".smt2");
  std::ofstream out(path, std::ios::binary);
  out << header << body;
  out.close();  // the bytes are written on close: a full disk shows only then
  if (!out) smtlib_error_ = "cannot write " + path.string() + ": " + std::strerror(errno);
}

void QueryRunner::fill(AnalysisStats& stats) const {
  stats.queries = times_ms_.size();
  stats.sat = sat_;
  stats.unsat = unsat_;
  stats.unknown = unknown_;
  stats.query_ms = 0;
  stats.max_query_ms = 0;
  for (double t : times_ms_) {
    stats.query_ms += t;
    stats.max_query_ms = std::max(stats.max_query_ms, t);
  }
  if (!times_ms_.empty()) {
    std::vector<double> sorted = times_ms_;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    stats.median_query_ms = sorted[sorted.size() / 2];
  }
  stats.smtlib_files = files_.size();
  stats.smtlib_error = smtlib_error_;
}

}  // namespace proviso::analysis::internal
