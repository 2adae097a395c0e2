// proviso check: parse, type-check, graph and (unless --no-analysis) static analysis.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso::cli {

int run_check(const Args& args) {
  ParsedArgs a;
  std::string error;
  if (!parse_args(args, {{"--format", "--smtlib", "--timeout", "--root"}, {"--strict", "--no-analysis"}}, a, error)) {
    return usage_error("check", error);
  }
  if (a.paths.empty()) return usage_error("check", "no PATH given");
  std::string format = a.value("--format", "text");
  if (!check_format("check", format, {"text", "json", "sarif"})) return 2;

  AnalysisOptions analysis;
  analysis.smtlib_dir = a.value("--smtlib");
  if (a.has_value("--timeout")) {
    try {
      analysis.timeout_ms = static_cast<unsigned>(std::stoul(a.value("--timeout")));
    } catch (const std::exception&) {
      return usage_error("check", "--timeout takes a number of milliseconds");
    }
  }
  if (a.has("--no-analysis") && !analysis.smtlib_dir.empty()) {
    return usage_error("check", "--smtlib writes the analysis' queries; it cannot go with --no-analysis");
  }

  Compilation c = compile_bundle(a);
  Diagnostics& ds = c.diagnostics;
  // Analysis reads the compiled program, so it runs only on a bundle without errors.
  if (c.program && !a.has("--no-analysis")) {
    AnalysisStats stats = analyze(*c.program, analysis, ds);
    if (!stats.smtlib_error.empty()) {
      std::cerr << "proviso check: error: " << stats.smtlib_error << '\n';
      return 2;
    }
    fill_excerpts(ds, c);
  }
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
    }
  }
  return exit_status(ds);
}

}  // namespace proviso::cli
