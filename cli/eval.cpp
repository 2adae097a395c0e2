// proviso eval: decide one scenario and say why.
#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "cli/cli_common.hpp"
#include "proviso/analysis/explain.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::cli {

int run_eval(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("eval", "no PATH given");
  const std::string format = a.get("--format", "text");
  const TraceMode trace_mode = *parse_trace_mode(a.get("--trace", "full"));
  if (a.has("--trace") && format != "json") {
    return usage_error("eval", "--trace is for --format json", "text and Markdown lay out the whole justification their own way");
  }

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
    const NamedScenario* found = find_named_scenario("eval", p, title);
    if (found == nullptr) return 1;  // the bundle lacks what was asked for: an input error, like a bad scenario
    scenario = found->facts;
    where.file = found->place.file + ":" + std::to_string(found->place.line) + ":" + std::to_string(found->place.column);
  }

  // The plan takes the program over; `p` still refers to it.
  const std::shared_ptr<const Plan> plan = make_plan(std::shared_ptr<const Program>(std::move(loaded.program)));
  Evaluation evaluation(plan);
  evaluation.set_default_date(today);
  Result result = evaluation.evaluate(scenario, EvaluateOptions{.keep_values = trace_mode != TraceMode::none});
  if (!result.violated.empty()) {
    Diagnostics ds;
    add_violations(ds, p, result.violated, where);
    print_diagnostics(ds);
    return 1;
  }
  Trace trace;
  if (trace_mode == TraceMode::full) trace = build_trace(p, scenario, result);
  RenderContext context{p, scenario, result, &trace, title, now_iso8601()};
  context.json_trace = trace_mode;
  // A deny or refer ends with the closest route to share (proviso explain), from the
  // solver's smallest alternatives, or the cheap bound with --no-solver.
  std::string route;
  if (format != "json" && (result.decision == Outcome::deny || result.decision == Outcome::refer)) {
    ExplainOptions options;
    options.on = today;
    options.no_solver = a.has("--no-solver") || !scenario.known[kFactFrom] || !scenario.known[kFactTo];
    Explanation e;
    try {
      e = explain(plan, scenario, options);
    } catch (const std::exception&) {  // the solver failed: the cheap route still helps
      options.no_solver = true;
      e = explain(plan, scenario, options);
    }
    route = format == "markdown" ? render_closest_route_markdown(p, e) : render_closest_route_text(p, e);
    if (!route.empty()) route = "\n" + route;
  }
  if (format == "json") {
    std::cout << render_result_json(context) << '\n';
  } else if (format == "markdown") {
    std::cout << render_result_markdown(context) << route;
  } else {
    std::cout << render_result_text(context) << route;
  }
  return 0;
}

}  // namespace proviso::cli
