// proviso explain: for one scenario, the smallest fact changes that give another
// decision, each replayed through the runtime (proviso/analysis/explain.hpp).
#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "cli/cli_common.hpp"
#include "proviso/analysis/explain.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/base/suggest.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::cli {

namespace {

bool parse_effect(std::string_view word, Effect& out) {
  for (Effect e : {Effect::share, Effect::refer, Effect::deny}) {
    if (to_string(e) == word) {
      out = e;
      return true;
    }
  }
  return false;
}

// "a,b,c" as fact ids; false with `error` set for a name that is not a fact.
bool parse_keep(const Program& p, const std::vector<std::string>& lists, std::vector<std::uint32_t>& out,
                std::string& error) {
  std::vector<std::string_view> names;
  for (const Fact& f : p.facts) names.push_back(f.name);
  for (const std::string& list : lists) {
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      const std::string name = list.substr(start, comma - start);
      start = comma + 1;
      if (name.empty()) {
        error = "an empty fact name in the list";
        return false;
      }
      const FactId f = p.find_fact(name);
      if (f == kNone) {
        const std::string hint = did_you_mean(name, names);
        error = fmt::format("'{}' is not a fact of the bundle{}{}", name, hint.empty() ? "" : "; ", hint);
        return false;
      }
      out.push_back(f);
    }
  }
  return true;
}

}  // namespace

int run_explain(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("explain", "no PATH given");
  const std::string format = a.get("--format", "text");
  ExplainOptions options;
  if (a.has("--why-not")) {
    Effect e = Effect::share;
    if (!parse_effect(a.get("--why-not"), e)) {
      return usage_error("explain", fmt::format("--why-not: '{}' is not a decision", a.get("--why-not")),
                         "give share, refer or deny");
    }
    options.target = e;
  }
  options.allow_flow = a.has("--allow-flow");
  options.max_alternatives = a.count("--max", options.max_alternatives);
  options.timeout_ms = static_cast<unsigned>(a.count("--timeout", options.timeout_ms));

  LoadedProgram loaded = load_program("explain", a);
  if (!loaded.program) return loaded.status;
  const std::shared_ptr<const Plan> plan = make_plan(std::shared_ptr<const Program>(std::move(loaded.program)));
  const Program& p = plan->program();

  std::string error;
  if (!parse_keep(p, a.all("--keep"), options.keep, error)) return usage_error("explain", "--keep: " + error);
  if (!evaluation_date("explain", a, "--on", options.on)) return 2;

  Scenario scenario;
  scenario.reset(p.facts.size());
  Location where;
  if (a.has("--scenario")) {
    where.file = a.get("--scenario") == "-" ? "<stdin>" : a.get("--scenario");
    // The flow may come from --from and --to instead of the file.
    std::string text;
    ScenarioLimits limits;
    limits.require_flow = !a.has("--from") && !a.has("--to");
    if (!read_input(a.get("--scenario"), limits.max_bytes, text, error)) {
      std::cerr << fmt::format("proviso explain: error: {}\n", error);
      return 2;
    }
    ScenarioReader reader(p, limits);
    Diagnostic bad;
    if (!reader.read(text, scenario, bad, where.file, 0)) {
      Diagnostics ds;
      ds.add(std::move(bad));
      print_diagnostics(ds);
      return 1;
    }
  } else {
    const std::string title = a.get("--name");
    const NamedScenario* found = find_named_scenario("explain", p, title);
    if (found == nullptr) return 1;
    scenario = found->facts;
    where.file = found->place.file + ":" + std::to_string(found->place.line) + ":" + std::to_string(found->place.column);
  }
  const Type& sectors = p.types[p.sector_type];
  for (auto [option, fact] : {std::pair{"--from", kFactFrom}, std::pair{"--to", kFactTo}}) {
    if (!a.has(option)) continue;
    const std::uint32_t v = sectors.value_index(a.get(option));
    if (v == kNone) {
      return usage_error("explain", fmt::format("{}: '{}' is not a sector; the sectors are {}", option, a.get(option),
                                                fmt::join(sectors.values, ", ")));
    }
    scenario.set(fact, v);
  }
  if (!scenario.known[kFactFrom] || !scenario.known[kFactTo]) {
    return usage_error("explain", "the scenario does not name the flow", "give --from SECTOR --to SECTOR");
  }

  Evaluation evaluation(plan);
  evaluation.set_default_date(options.on);
  const Result result = evaluation.evaluate(scenario);
  if (!result.violated.empty()) {
    Diagnostics ds;
    add_violations(ds, p, result.violated, where);
    print_diagnostics(ds);
    return 1;
  }

  Explanation e;
  try {
    e = explain(plan, scenario, options);
  } catch (const std::exception& ex) {  // z3::exception included: a solver failure, said plainly
    std::cerr << fmt::format("proviso explain: error: {}\n", ex.what());
    return 1;
  }
  if (format == "json") {
    std::cout << render_explanation_json(p, scenario, e) << '\n';
  } else if (format == "markdown") {
    std::cout << render_explanation_markdown(p, scenario, e);
  } else {
    std::cout << render_explanation_text(p, scenario, e);
  }
  return 0;
}

}  // namespace proviso::cli
