// proviso diff OLD NEW: which decisions change between two versions of a bundle, one
// witness scenario per kind of change, with the rules responsible in each version.
#include <algorithm>
#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/analysis/diff.hpp"

namespace proviso::cli {

int run_diff(const ParsedArgs& a) {
  if (a.positional.size() != 2) return usage_error("diff", "expected two paths, OLD and NEW");
  const std::string format = a.get("--format", "text");
  DiffOptions options;
  options.timeout_ms = static_cast<unsigned>(a.count("--timeout", options.timeout_ms));

  // Both bundles are compiled and their diagnostics shown before either is trusted.
  Compilation old_c = compile_bundle({a.positional[0]});
  if (a.has("--verbose")) print_stage_times(old_c, {a.positional[0]});
  Compilation new_c = compile_bundle({a.positional[1]});
  if (a.has("--verbose")) print_stage_times(new_c, {a.positional[1]});
  Diagnostics problems;
  problems.append(old_c.diagnostics);
  problems.append(new_c.diagnostics);
  if (problems.has_errors() || !old_c.program || !new_c.program) {
    print_diagnostics(problems);
    return std::max(exit_status(problems), 1);
  }

  DiffResult r = diff_programs(*old_c.program, *new_c.program, options);
  if (format == "json") {
    std::cout << render_diff_json(r);
  } else {
    std::cout << render_diff_text(r, a.positional[0], a.positional[1]);
  }
  return a.has("--fail-on-change") && !r.changes.empty() ? 1 : 0;
}

}  // namespace proviso::cli
