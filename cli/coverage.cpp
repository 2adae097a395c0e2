// proviso coverage: which framework questions the bundle cites, where, and which
// scenario blocks exercise the rules that use them.
#include <iostream>

#include "cli/cli_common.hpp"
#include "cli/report_common.hpp"
#include "proviso/report/coverage.hpp"
#include "proviso/runtime/evaluate.hpp"

namespace proviso::cli {

namespace {

// Each scenario block's rule statuses; empty for one that makes a constraint false.
ScenarioStatuses run_scenarios(Evaluation& evaluation) {
  ScenarioStatuses out;
  for (const NamedScenario& s : evaluation.program().scenarios) {
    Result r = evaluation.evaluate(s.facts);
    out.push_back(r.violated.empty() ? std::move(r.rule_status) : std::vector<RuleStatus>{});
  }
  return out;
}

}  // namespace

int run_coverage(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("coverage", "no PATH given");
  if (refuse_program_file("coverage", a.positional)) return 2;
  const std::string format = a.get("--format", "text");
  Day today = kNoDate;
  if (!evaluation_date("coverage", a, "--on", today)) return 2;

  Compilation c;
  if (const int status = compile_for_report(a, c)) return status;
  const std::vector<FrameworkInfo> frameworks = frameworks_of(c);
  std::vector<const FrameworkInfo*> chosen;
  if (a.has("--framework")) {
    const FrameworkInfo* f = pick_framework("coverage", frameworks, a.get("--framework"));
    if (f == nullptr) return 1;
    chosen.push_back(f);
  } else {
    for (const FrameworkInfo& f : frameworks) chosen.push_back(&f);
  }
  const Program& p = *c.program;
  Evaluation evaluation(make_plan(std::shared_ptr<const Program>(std::move(c.program))));
  evaluation.set_default_date(today);
  const ScenarioStatuses statuses = run_scenarios(evaluation);
  const CoverageReport report = framework_coverage(p, chosen, statuses);
  if (format == "json") std::cout << render_coverage_json(report) << '\n';
  else if (format == "markdown") std::cout << render_coverage_markdown(report);
  else std::cout << render_coverage_text(report);
  return 0;
}

}  // namespace proviso::cli
