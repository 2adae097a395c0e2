// proviso eval: decide one scenario and say why.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::cli {

int run_eval(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("eval", "no PATH given");
  const std::string format = a.get("--format", "text");

  LoadedProgram loaded = load_program("eval", a);
  if (!loaded.program) return loaded.status;
  const Program& p = *loaded.program;

  Day today = kNoDate;
  if (!evaluation_date("eval", a, "--on", today)) return 2;
  Scenario scenario;
  std::string title;
  Location where;
  if (a.has("--scenario")) {
    // The whole scenario is at fault, not one place in it: the file alone is named.
    where.file = a.get("--scenario") == "-" ? "<stdin>" : a.get("--scenario");
    if (const int status = read_scenario_file("eval", p, a.get("--scenario"), scenario)) return status;
  } else {
    title = a.get("--name");
    const NamedScenario* found = nullptr;
    for (const NamedScenario& s : p.scenarios) {
      if (s.title == title) found = &s;
    }
    if (found == nullptr) {
      std::string known;
      for (const NamedScenario& s : p.scenarios) known += fmt::format("\n  \"{}\"", s.title);
      std::cerr << fmt::format("proviso eval: error: no scenario titled \"{}\" in the bundle{}{}\n", title,
                               p.scenarios.empty() ? "" : "; the scenarios are:", known);
      return 1;  // the bundle lacks what was asked for: an input error, like a bad scenario
    }
    scenario = found->facts;
    where.file = found->place.file + ":" + std::to_string(found->place.line) + ":" + std::to_string(found->place.column);
  }

  // The plan takes the program over; `p` still refers to it.
  Evaluation evaluation(make_plan(std::shared_ptr<const Program>(std::move(loaded.program))));
  evaluation.set_default_date(today);
  Result result = evaluation.evaluate(scenario, EvaluateOptions{.keep_values = true});
  if (!result.violated.empty()) {
    Diagnostics ds;
    add_violations(ds, p, result.violated, where);
    print_diagnostics(ds);
    return 1;
  }
  Trace trace = build_trace(p, scenario, result);
  RenderContext context{p, scenario, result, &trace, title, now_iso8601()};
  if (format == "json") {
    std::cout << render_result_json(context) << '\n';
  } else if (format == "markdown") {
    std::cout << render_result_markdown(context);
  } else {
    std::cout << render_result_text(context);
  }
  return 0;
}

}  // namespace proviso::cli
