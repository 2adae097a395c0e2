// proviso ask: a questionnaire. It asks only the questions whose answers can still
// change the decision, one at a time, and stops as soon as the decision is settled.
// Questions go to standard error and the final decision to standard output, so
// `proviso ask ... --format json < answers.txt > result.json` works from a pipe.
#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h>

#include "cli/cli_common.hpp"
#include "cli/output.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/question.hpp"
#include "proviso/runtime/questionnaire.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::cli {

namespace {

struct Style {
  bool colour = false;
  std::string bold(std::string_view s) const { return colour ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s); }
  std::string dim(std::string_view s) const { return colour ? fmt::format("\x1b[2m{}\x1b[0m", s) : std::string(s); }
  std::string red(std::string_view s) const { return colour ? fmt::format("\x1b[31m{}\x1b[0m", s) : std::string(s); }
};

// The flow's sector by name, or an error listing the sectors.
bool sector_value(const Program& p, const std::string& name, std::int64_t& out, std::string& error) {
  const Type& sectors = p.types[p.sector_type];
  const std::uint32_t i = sectors.value_index(name);
  if (i == kNone) {
    error = fmt::format("'{}' is not a sector; the sectors are {}", name, fmt::join(sectors.values, ", "));
    return false;
  }
  out = i;
  return true;
}

void show_question(std::ostream& out, const Question& q, std::size_t number, std::size_t answered,
                   bool interactive, const Style& style) {
  out << '\n' << style.bold(fmt::format("Question {}", number));
  if (interactive) out << style.dim(fmt::format("  ({} answered so far)", answered));
  out << '\n' << q.text << style.dim(fmt::format("  [{}]", q.name)) << '\n';
  for (const Citation& c : q.cites) out << style.dim("  cites " + citation_text(c)) << '\n';
  switch (q.kind) {
    case TypeKind::boolean:
      out << "  1) yes   2) no\n";
      break;
    case TypeKind::integer:
      out << fmt::format("  a whole number ({})\n", q.type);
      break;
    case TypeKind::enumeration:
    case TypeKind::set:
      for (std::size_t i = 0; i < q.values.size(); ++i) out << fmt::format("  {}) {}\n", i + 1, q.values[i]);
      if (q.kind == TypeKind::set) out << "  several: separate them with commas; none: the empty set\n";
      break;
  }
  out << style.dim("  ? if you do not know") << '\n';
}

// `"asked"` and `"scenario"` join the eval result object.
std::string json_with_answers(const Program& p, const Questionnaire& q, std::string result) {
  std::string asked = "[";
  for (std::size_t i = 0; i < q.asked().size(); ++i) {
    asked += fmt::format("{}\"{}\"", i == 0 ? "" : ",", p.facts[q.asked()[i]].name);
  }
  asked += "]";
  while (!result.empty() && result.back() != '}') result.pop_back();
  if (!result.empty()) result.pop_back();
  return fmt::format("{},\"asked\":{},\"scenario\":{}}}", result, asked, scenario_to_json(p, q.scenario()));
}

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  int reason = 0;
  if (write_file_checked(path, text, reason)) return true;
  error = fmt::format("cannot write {}: {}", path, std::strerror(reason));
  return false;
}

}  // namespace

int run_ask(const ParsedArgs& a) {
  std::string error;
  if (a.positional.empty()) return usage_error("ask", "no PATH given");
  if (!a.has("--scenario") && (!a.has("--from") || !a.has("--to"))) {
    return usage_error("ask", "give the flow: --from SECTOR --to SECTOR (or a --scenario that names it)");
  }
  const std::string format = a.get("--format", "text");

  LoadedProgram loaded = load_program("ask", a);
  if (!loaded.program) return loaded.status;
  const std::shared_ptr<const Plan> plan = make_plan(std::shared_ptr<const Program>(std::move(loaded.program)));
  const Program& p = plan->program();

  Scenario start;
  start.reset(p.facts.size());
  if (a.has("--scenario")) {
    if (const int status = read_scenario_file("ask", p, a.get("--scenario"), start)) return status;
  }
  for (auto [option, fact] : {std::pair{"--from", kFactFrom}, std::pair{"--to", kFactTo}}) {
    if (!a.has(option)) continue;
    std::int64_t v = 0;
    if (!sector_value(p, a.get(option), v, error)) return usage_error("ask", fmt::format("{}: {}", option, error));
    start.set(fact, v);
  }

  Day today = kNoDate;
  if (!evaluation_date("ask", a, "--on", today)) return 2;
  if (start.on == kNoDate) start.on = today;
  const bool interactive = isatty(fileno(stdin)) != 0;
  const Style style{colour_for(stderr)};
  Questionnaire q(plan, std::move(start));
  if (!q.result().violated.empty()) {
    Diagnostics ds;
    Location where;
    where.file = a.has("--scenario") ? a.get("--scenario") : "--from/--to";
    add_violations(ds, p, q.result().violated, where);
    print_diagnostics(ds);
    return 1;
  }
  std::string line;
  bool ended = false;
  while (!q.done() && !ended) {
    const Question question = describe_question(p, q.next());
    show_question(std::cerr, question, q.asked().size() + 1, q.answered(), interactive, style);
    while (true) {
      std::cerr << "> " << std::flush;
      if (!std::getline(std::cin, line)) {
        ended = true;  // Ctrl-D or the end of the piped answers: decide with what is known
        std::cerr << '\n';
        break;
      }
      Answer answer;
      if (!parse_answer(p, question, line, answer, error)) {
        std::cerr << style.red(error) << '\n';
        continue;
      }
      if (answer.unknown) {
        q.decline(question.fact);
      } else if (const std::uint32_t refused = q.answer(question.fact, answer.value); refused != kNone) {
        const Constraint& k = p.constraints[refused];
        std::cerr << style.red(fmt::format("That answer contradicts constraint '{}'{}; answer again.", k.name,
                                           k.text.empty() ? "" : ": " + k.text))
                  << '\n';
        continue;
      }
      break;
    }
  }

  Evaluation evaluation(plan);
  const Result result = evaluation.evaluate(q.scenario(), EvaluateOptions{.keep_values = true});
  const Trace trace = build_trace(p, q.scenario(), result);
  RenderContext context{p, q.scenario(), result, &trace, "", now_iso8601()};
  if (!interactive) {
    std::cerr << fmt::format("\n{} question(s) asked, {} answered.\n", q.asked().size(), q.answered());
  }
  if (format == "json") {
    std::cout << json_with_answers(p, q, render_result_json(context)) << '\n';
  } else if (format == "markdown") {
    std::cout << render_result_markdown(context);
  } else {
    std::cout << render_result_text(context);
  }
  std::cout.flush();
  if (a.has("--save") && !write_file(a.get("--save"), scenario_to_json(p, q.scenario()) + "\n", error)) {
    std::cerr << "proviso ask: error: " << error << '\n';
    return 2;
  }
  if (a.has("--record") && !write_file(a.get("--record"), render_result_markdown(context), error)) {
    std::cerr << "proviso ask: error: " << error << '\n';
    return 2;
  }
  return std::cout ? 0 : 2;
}

}  // namespace proviso::cli
