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

int run_eval(const Args& args) {
  ParsedArgs a;
  std::string error;
  if (!parse_args(args, {{"--scenario", "--name", "--format", "--root"}, {}}, a, error)) return usage_error("eval", error);
  if (a.paths.empty()) return usage_error("eval", "no PATH given");
  if (a.has_value("--scenario") == a.has_value("--name")) {
    return usage_error("eval", "give exactly one of --scenario FILE.json and --name TITLE");
  }
  std::string format = a.value("--format", "text");
  if (!check_format("eval", format, {"text", "json", "markdown"})) return 2;

  LoadedProgram loaded = load_program("eval", a);
  if (!loaded.program) return loaded.status;
  const Program& p = *loaded.program;

  Scenario scenario;
  std::string title;
  if (a.has_value("--scenario")) {
    std::string path = a.value("--scenario"), text;
    if (!read_input(path, text, error)) {
      std::cerr << "proviso eval: error: " << error << '\n';
      return 2;
    }
    ScenarioReader reader(p);
    Diagnostic bad;
    if (!reader.read(text, scenario, bad, path == "-" ? "<stdin>" : path, 0)) {
      Diagnostics ds;
      ds.add(std::move(bad));
      print_diagnostics(ds);
      return 1;
    }
  } else {
    title = a.value("--name");
    const NamedScenario* found = nullptr;
    for (const NamedScenario& s : p.scenarios) {
      if (s.title == title) found = &s;
    }
    if (found == nullptr) {
      std::string known;
      for (const NamedScenario& s : p.scenarios) known += fmt::format("\n  \"{}\"", s.title);
      std::cerr << fmt::format("proviso eval: error: no scenario titled \"{}\" in the bundle{}{}\n", title,
                               p.scenarios.empty() ? "" : "; the scenarios are:", known);
      return 2;
    }
    scenario = found->facts;
  }

  Evaluator evaluator(p);
  Result result = evaluator.evaluate(scenario);
  Trace trace = build_trace(evaluator, scenario, result);
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
