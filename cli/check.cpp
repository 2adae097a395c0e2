// proviso check: parse, type-check, graph and (unless --no-analysis) static analysis.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso::cli {

namespace {

// "analysis inconclusive: 12 questions undecided (2 timed out, 10 not reached within the
// 300 s analysis budget)", or nothing when every question was decided.
std::string undecided_headline(const AnalysisStats& s, unsigned budget_s) {
  const std::size_t n = s.undecided_timeout + s.undecided_other + s.not_reached;
  if (n == 0) return {};
  std::string why;
  auto add = [&](std::size_t k, const std::string& what) {
    if (k == 0) return;
    why += (why.empty() ? "" : ", ") + fmt::format("{} {}", k, what);
  };
  add(s.undecided_timeout, "timed out");
  add(s.not_reached, fmt::format("not reached within the {} s analysis budget", budget_s));
  add(s.undecided_other, "given up by the solver for other reasons");
  return fmt::format("analysis inconclusive: {} question{} could not be decided ({}); the findings above are "
                     "incomplete",
                     n, n == 1 ? "" : "s", why);
}

}  // namespace

int run_check(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("check", "no PATH given");
  const std::string format = a.get("--format", "text");

  AnalysisOptions analysis;
  analysis.smtlib_dir = a.get("--smtlib");
  analysis.timeout_ms = static_cast<unsigned>(a.count("--timeout", analysis.timeout_ms));
  analysis.budget_s = static_cast<unsigned>(a.count("--analysis-budget", analysis.budget_s));
  if (!evaluation_date("check", a, "--on", analysis.on)) return 2;
  const auto window = static_cast<unsigned>(a.count("--expiry-window", 90));
  if (a.has("--no-analysis") && a.has("--smtlib")) {
    return usage_error("check", "--smtlib writes the analysis' queries; it cannot go with --no-analysis");
  }

  Compilation c = compile_bundle(a);
  Diagnostics& ds = c.diagnostics;
  if (c.program) check_effective_dates(*c.program, analysis.on, window, ds);
  // Analysis reads the compiled program, so it runs only on a bundle without errors.
  std::string undecided;
  if (c.program && !a.has("--no-analysis")) {
    AnalysisStats stats = analyze(*c.program, analysis, ds);
    undecided = undecided_headline(stats, analysis.budget_s);
    if (a.has("--verbose")) {
      std::cerr << fmt::format("analysis: {:.3f} ms, {} solver quer{}\n", stats.total_ms, stats.queries,
                               stats.queries == 1 ? "y" : "ies");
    }
    if (!stats.smtlib_error.empty()) {
      std::cerr << "proviso check: error: " << stats.smtlib_error << '\n';
      return 2;
    }
  }
  if (c.program) fill_excerpts(ds, c);
  if (a.has("--strict")) {
    // Could not tell is never "no": under --strict an undecided question fails the run.
    for (Diagnostic& d : ds.items()) {
      if (d.severity == Severity::warning || d.code == Code::inconclusive) d.severity = Severity::error;
    }
  }
  ds.sort();
  if (format == "json") {
    std::cout << render_json(ds);
  } else if (format == "sarif") {
    std::cout << render_sarif(ds, PROVISO_VERSION);
  } else if (format == "markdown") {
    std::string title;
    for (const std::string& path : a.positional) title += (title.empty() ? "" : " ") + path;
    std::cout << render_findings_markdown(c.program ? *c.program : Program{}, ds, title);
    if (!undecided.empty()) std::cout << '\n' << undecided << '\n';
  } else {
    print_diagnostics(ds);
    if (!undecided.empty()) std::cerr << undecided << '\n';
    if (!ds.has_errors()) {
      std::cout << fmt::format("ok: {} file{} checked, {} polic{}, {} rule{}\n", c.sources.size(),
                               c.sources.size() == 1 ? "" : "s", c.program ? c.program->policies.size() : 0,
                               c.program && c.program->policies.size() == 1 ? "y" : "ies",
                               c.program ? c.program->rules.size() : 0,
                               c.program && c.program->rules.size() == 1 ? "" : "s");
      // The count names its files, so a file missing from the bundle can be seen.
      for (const SourceFile& f : c.sources) std::cout << "  " << f.name() << '\n';
    }
  }
  return exit_status(ds);
}

}  // namespace proviso::cli
