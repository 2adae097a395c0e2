// proviso diff OLD NEW: which decisions change between two versions of a bundle, one
// witness scenario per kind of change, with the rules responsible in each version.
#include <algorithm>
#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/analysis/diff.hpp"

namespace proviso::cli {

int run_diff(const ParsedArgs& a) {
  // One path compares a bundle with itself on two dates.
  const bool across_dates = a.has("--on-old") || a.has("--on-new");
  if (a.positional.size() == 1 && !across_dates) {
    return usage_error("diff", "expected two paths, OLD and NEW", "one path compares a bundle with itself: give --on-old and --on-new");
  }
  if (a.positional.empty() || a.positional.size() > 2) return usage_error("diff", "expected two paths, OLD and NEW");
  const std::string old_path = a.positional[0], new_path = a.positional.size() == 2 ? a.positional[1] : old_path;
  const std::string format = a.get("--format", "text");
  DiffOptions options;
  options.timeout_ms = static_cast<unsigned>(a.count("--timeout", options.timeout_ms));
  options.budget_s = static_cast<unsigned>(a.count("--analysis-budget", options.budget_s));
  Day today = kNoDate;
  if (!evaluation_date("diff", a, "", today)) return 2;
  options.old_on = a.has("--on-old") ? a.date("--on-old") : today;
  options.new_on = a.has("--on-new") ? a.date("--on-new") : today;

  // Both bundles are compiled and their diagnostics shown before either is trusted.
  Compilation old_c = compile_bundle({old_path});
  if (a.has("--verbose")) print_stage_times(old_c, {old_path});
  Compilation new_c = compile_bundle({new_path});
  if (a.has("--verbose")) print_stage_times(new_c, {new_path});
  Diagnostics problems;
  problems.append(old_c.diagnostics);
  problems.append(new_c.diagnostics);
  if (problems.has_errors() || !old_c.program || !new_c.program) {
    print_diagnostics(problems);
    return std::max(exit_status(problems), 1);
  }

  DiffResult r = diff_programs(*old_c.program, *new_c.program, options);
  const std::string old_name = across_dates ? old_path + " on " + format_date(options.old_on) : old_path;
  const std::string new_name = across_dates ? new_path + " on " + format_date(options.new_on) : new_path;
  if (format == "json") {
    std::cout << render_diff_json(r);
  } else if (format == "markdown") {
    std::cout << render_diff_markdown(r, *old_c.program, *new_c.program, old_name, new_name);
  } else {
    std::cout << render_diff_text(r, old_name, new_name);
  }
  // Could not tell is never "no change".
  return a.has("--fail-on-change") && (!r.changes.empty() || !r.decided()) ? 1 : 0;
}

}  // namespace proviso::cli
