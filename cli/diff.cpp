// proviso diff OLD NEW: which decisions change between two versions of a bundle, one
// witness scenario per kind of change, with the rules responsible in each version.
#include <algorithm>
#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/analysis/diff.hpp"

namespace proviso::cli {

int run_diff(const Args& args) {
  ParsedArgs a;
  std::string error;
  if (!parse_args(args, {{"--format", "--timeout"}, {"--fail-on-change"}}, a, error)) return usage_error("diff", error);
  if (a.paths.size() != 2) return usage_error("diff", "expected two paths, OLD and NEW");
  std::string format = a.value("--format", "text");
  if (!check_format("diff", format, {"text", "json"})) return 2;
  DiffOptions options;
  if (a.has_value("--timeout")) {
    const std::string t = a.value("--timeout");
    if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos) {
      return usage_error("diff", "--timeout takes a number of milliseconds");
    }
    options.timeout_ms = static_cast<unsigned>(std::stoul(t));
  }

  // Both bundles are compiled and their diagnostics shown before either is trusted.
  Compilation old_c = compile_bundle({a.paths[0]});
  Compilation new_c = compile_bundle({a.paths[1]});
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
    std::cout << render_diff_text(r, a.paths[0], a.paths[1]);
  }
  return a.has("--fail-on-change") && !r.changes.empty() ? 1 : 0;
}

}  // namespace proviso::cli
