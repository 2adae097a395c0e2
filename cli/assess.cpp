// proviso assess: a framework's assessment of one scenario, with a radar picture.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_common.hpp"
#include "cli/report_common.hpp"
#include "proviso/report/assess.hpp"
#include "proviso/runtime/evaluate.hpp"

namespace proviso::cli {

int run_assess(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("assess", "no PATH given");
  if (refuse_program_file("assess", a.positional)) return 2;
  const std::string format = a.get("--format", "text");
  Day today = kNoDate;
  if (!evaluation_date("assess", a, "--on", today)) return 2;

  Compilation c;
  if (const int status = compile_for_report(a, c)) return status;
  const std::vector<FrameworkInfo> frameworks = frameworks_of(c);
  const FrameworkInfo* framework = pick_framework("assess", frameworks, a.get("--framework"));
  if (framework == nullptr) return 1;
  const Program& p = *c.program;

  Scenario scenario;
  std::string title;
  Location where;
  if (a.has("--scenario")) {
    where.file = a.get("--scenario") == "-" ? "<stdin>" : a.get("--scenario");
    if (const int status = read_scenario_file("assess", p, a.get("--scenario"), scenario)) return status;
  } else {
    title = a.get("--name");
    const NamedScenario* found = find_named_scenario("assess", p, title);
    if (found == nullptr) return 1;
    scenario = found->facts;
    where.file = fmt::format("{}:{}:{}", found->place.file, found->place.line, found->place.column);
  }

  // The plan takes the program over; `p` still refers to it.
  Evaluation evaluation(make_plan(std::shared_ptr<const Program>(std::move(c.program))));
  evaluation.set_default_date(today);
  const Result result = evaluation.evaluate(scenario, EvaluateOptions{.keep_values = true});
  if (!result.violated.empty()) {
    Diagnostics ds;
    add_violations(ds, p, result.violated, where);
    print_diagnostics(ds);
    return 1;
  }
  const Assessment assessment = assess(p, *framework, scenario, result, title);
  if (a.has("--radar") && !write_report("assess", a.get("--radar"), render_radar_svg(assessment))) return 2;
  std::string text;
  if (format == "json") text = render_assessment_json(assessment) + "\n";
  else if (format == "markdown") text = render_assessment_markdown(assessment);
  else if (format == "html") text = render_assessment_html(assessment);
  else text = render_assessment_text(assessment);
  return write_report("assess", a.get("--output"), text) ? 0 : 2;
}

}  // namespace proviso::cli
