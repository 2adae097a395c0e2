// proviso check: parse, type-check, graph and (unless --no-analysis) static analysis.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso::cli {

int run_check(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("check", "no PATH given");
  const std::string format = a.get("--format", "text");

  AnalysisOptions analysis;
  analysis.smtlib_dir = a.get("--smtlib");
  analysis.timeout_ms = static_cast<unsigned>(a.count("--timeout", analysis.timeout_ms));
  if (!evaluation_date("check", a, "--on", analysis.on)) return 2;
  const auto window = static_cast<unsigned>(a.count("--expiry-window", 90));
  if (a.has("--no-analysis") && a.has("--smtlib")) {
    return usage_error("check", "--smtlib writes the analysis' queries; it cannot go with --no-analysis");
  }

  Compilation c = compile_bundle(a);
  Diagnostics& ds = c.diagnostics;
  if (c.program) check_effective_dates(*c.program, analysis.on, window, ds);
  // Analysis reads the compiled program, so it runs only on a bundle without errors.
  if (c.program && !a.has("--no-analysis")) {
    AnalysisStats stats = analyze(*c.program, analysis, ds);
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
    for (Diagnostic& d : ds.items()) {
      if (d.severity == Severity::warning) d.severity = Severity::error;
    }
  }
  ds.sort();
  if (format == "json") {
    std::cout << render_json(ds);
  } else if (format == "sarif") {
    std::cout << render_sarif(ds, PROVISO_VERSION);
  } else {
    print_diagnostics(ds);
    if (!ds.has_errors()) {
      std::cout << fmt::format("ok: {} file{} checked, {} polic{}, {} rule{}\n", c.sources.size(),
                               c.sources.size() == 1 ? "" : "s", c.program ? c.program->policies.size() : 0,
                               c.program && c.program->policies.size() == 1 ? "y" : "ies",
                               c.program ? c.program->rules.size() : 0,
                               c.program && c.program->rules.size() == 1 ? "" : "s");
      // The count names its files, so a file missing from the bundle can be seen.
      if (a.has("--verbose")) {
        for (const SourceFile& f : c.sources) std::cout << "  " << f.name() << '\n';
      }
    }
  }
  return exit_status(ds);
}

}  // namespace proviso::cli
