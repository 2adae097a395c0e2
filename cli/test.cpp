// proviso test: run every scenario block that has an `expect`, print pass/fail with the
// difference and the trace of each failure, then rule coverage.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "cli/cli_common.hpp"
#include "cli/report_common.hpp"
#include "proviso/report/coverage.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::cli {
namespace {

std::string names(const Program& p, const std::vector<std::uint32_t>& ids, bool facts) {
  std::string out;
  for (std::uint32_t id : ids) {
    out += out.empty() ? "" : ", ";
    out += facts ? p.facts[id].name : p.obligations[id].name;
  }
  return out;
}

std::string describe_expectation(const Program& p, const Expectation& e) {
  std::string out(to_string(e.outcome));
  if (e.outcome == Outcome::share && !e.obligations.empty()) out += " require " + names(p, e.obligations, false);
  if (e.outcome == Outcome::undetermined && e.check_missing) out += " missing " + names(p, e.missing, true);
  return out;
}

std::string describe_result(const Program& p, const Result& r) {
  std::string out(to_string(r.decision));
  if (r.decision == Outcome::share && !r.obligations.empty()) out += " require " + names(p, r.obligations, false);
  if (r.decision == Outcome::undetermined && !r.missing.empty()) out += " missing " + names(p, r.missing, true);
  return out;
}

// `expect share` with no `require` means "share with no obligations": obligations are
// part of the decision a governance team signs off, so they are always compared.
bool meets(const Expectation& e, const Result& r) {
  if (e.outcome != r.decision) return false;
  if (e.outcome == Outcome::share && e.obligations != r.obligations) return false;
  if (e.outcome == Outcome::undetermined && e.check_missing && e.missing != r.missing) return false;
  return true;
}

std::string indent(const std::string& text, std::string_view pad) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string::npos ? text.size() : nl;
    out += std::string(pad) + text.substr(start, end - start) + '\n';
    start = end + 1;
  }
  return out;
}

std::string place(const SourcePlace& s) { return fmt::format("{}:{}:{}", s.file, s.line, s.column); }

}  // namespace

int run_test(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("test", "no PATH given");
  Day today = kNoDate;
  if (!evaluation_date("test", a, "--on", today)) return 2;

  Compilation c = compile_bundle(a);
  if (c.diagnostics.has_errors() || !c.program) {
    print_diagnostics(c.diagnostics);
    int status = exit_status(c.diagnostics);
    return status == 0 ? 1 : status;
  }
  const std::vector<FrameworkInfo> frameworks = frameworks_of(c);
  const Program& p = *c.program;
  // The plan takes the program over; `p` still refers to it.
  Evaluation evaluation(make_plan(std::move(c.program)));
  evaluation.set_default_date(today);
  std::vector<std::uint8_t> applied(p.rules.size(), 0);
  std::set<std::pair<std::uint32_t, std::uint32_t>> exercised;  // (winner, overridden) direct edges
  std::size_t passed = 0, failed = 0, unchecked = 0;
  ScenarioStatuses statuses;  // for --coverage-json

  for (const NamedScenario& s : p.scenarios) {
    Result r = evaluation.evaluate(s.facts, EvaluateOptions{.keep_values = true});
    statuses.push_back(r.violated.empty() ? r.rule_status : std::vector<RuleStatus>{});
    // A scenario no real case could produce tests nothing: it fails, expect or not.
    if (!r.violated.empty()) {
      ++failed;
      std::cout << fmt::format("FAIL  {}  ({})\n", s.title, place(s.place));
      for (std::uint32_t v : r.violated) {
        const Constraint& k = p.constraints[v];
        std::cout << fmt::format("      the scenario makes constraint '{}' false{}  ({})\n", k.name,
                                 k.text.empty() ? "" : ": " + k.text, place(k.place));
      }
      continue;
    }
    for (std::uint32_t i = 0; i < p.rules.size(); ++i) {
      if (r.rule_status[i] == RuleStatus::applied) applied[i] = 1;
    }
    // An override edge is exercised when both of its rules held and the winner beat the loser.
    for (std::uint32_t i = 0; i < p.rules.size(); ++i) {
      if (r.rule_status[i] != RuleStatus::applied && r.rule_status[i] != RuleStatus::overridden) continue;
      for (std::uint32_t loser : p.rules[i].overrides) {
        if (r.rule_status[loser] == RuleStatus::overridden) exercised.insert({i, loser});
      }
    }
    if (!s.expect) {
      ++unchecked;
      if (a.has("--verbose")) std::cout << fmt::format("RUN   {} -> {}\n", s.title, describe_result(p, r));
      continue;
    }
    if (meets(*s.expect, r)) {
      ++passed;
      std::cout << fmt::format("PASS  {}\n", s.title);
      continue;
    }
    ++failed;
    std::cout << fmt::format("FAIL  {}  ({})\n", s.title, place(s.place));
    std::cout << fmt::format("      expected: {}\n      got:      {}\n", describe_expectation(p, *s.expect),
                             describe_result(p, r));
    Trace trace = build_trace(p, s.facts, r);
    RenderContext context{p, s.facts, r, &trace, s.title, {}};
    std::cout << indent(render_result_text(context), "      | ");
  }

  std::size_t used = 0;
  std::string never;
  for (std::uint32_t i = 0; i < p.rules.size(); ++i) {
    if (applied[i]) {
      ++used;
    } else {
      never += fmt::format("    {}  ({})\n", p.rule_qualified_name(i), place(p.rules[i].place));
    }
  }
  std::string unexercised;
  std::size_t edges = 0;
  for (std::uint32_t i = 0; i < p.rules.size(); ++i) {
    for (std::uint32_t loser : p.rules[i].overrides) {
      ++edges;
      if (!exercised.count({i, loser})) {
        unexercised += fmt::format("    {} overrides {}\n", p.rule_qualified_name(i), p.rule_qualified_name(loser));
      }
    }
  }
  std::cout << fmt::format("\ncoverage: {} of {} rules applied in some scenario; {} of {} override edges exercised\n",
                           used, p.rules.size(), edges - std::count(unexercised.begin(), unexercised.end(), '\n'),
                           edges);
  if (!never.empty()) std::cout << "  rules that applied in no scenario:\n" << never;
  if (!unexercised.empty()) std::cout << "  override edges never exercised:\n" << unexercised;
  if (unchecked) std::cout << fmt::format("  {} scenario{} without `expect` ran unchecked\n", unchecked, unchecked == 1 ? "" : "s");
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  if (a.has("--coverage-json")) {
    std::vector<const FrameworkInfo*> all;
    for (const FrameworkInfo& f : frameworks) all.push_back(&f);
    const std::string json = render_test_coverage_json(framework_coverage(p, all, statuses), statuses) + "\n";
    if (!write_report("test", a.get("--coverage-json"), json)) return 2;
  }
  return failed ? 1 : 0;
}

}  // namespace proviso::cli
