// How few questions `proviso ask` needs: for every scenario of a bundle, start from the
// flow alone and answer each question the questionnaire asks from the full scenario
// (declining what it leaves unknown); report questions asked against the facts the
// scenario gives, and check the questionnaire reaches the full scenario's decision.
//
//   proviso_ask_questions --bundle PATH [--scenarios FILE.jsonl] [--name LABEL]
//
// Without --scenarios, the bundle's own scenario blocks are used. Prints one JSON line;
// exits 1 when any final decision differs from the full scenario's.
#include <stdexcept>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/questionnaire.hpp"

namespace {

using namespace proviso;

struct Tally {
  std::size_t scenarios = 0, asked = 0, answered = 0, given = 0, max_asked = 0, max_given = 0, wrong = 0, fewer = 0;
  std::size_t answered_fewer = 0;  // answered fewer questions than the scenario gives facts
};

void measure(const std::shared_ptr<const Plan>& plan, const Scenario& full, Evaluation& evaluator, Tally& t) {
  const Program& p = plan->program();
  const Result expected = evaluator.evaluate(full);
  Scenario start;
  start.reset(p.facts.size());
  start.set(kFactFrom, full.values[kFactFrom]);
  start.set(kFactTo, full.values[kFactTo]);
  Questionnaire q(plan, std::move(start));
  while (!q.done()) {
    const std::uint32_t fact = q.next();
    if (full.known[fact]) {
      if (q.answer(fact, full.values[fact]) != kNone) throw std::logic_error("an answer from a full scenario broke a constraint");
    } else {
      q.decline(fact);
    }
  }
  std::size_t given = 0;
  for (std::size_t f = kBuiltinFactCount; f < p.facts.size(); ++f) given += full.known[f];
  const bool same = q.result().decision == expected.decision &&
                    (expected.decision != Outcome::share || q.result().obligations == expected.obligations);
  t.scenarios += 1;
  t.asked += q.asked().size();
  t.answered += q.answered();
  t.answered_fewer += q.answered() < given ? 1 : 0;
  t.given += given;
  t.max_asked = std::max(t.max_asked, q.asked().size());
  t.max_given = std::max(t.max_given, given);
  t.wrong += same ? 0 : 1;
  t.fewer += q.asked().size() < given ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bundle, scenarios, name = "bundle";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--bundle") bundle = argv[i + 1];
    else if (option == "--scenarios") scenarios = argv[i + 1];
    else if (option == "--name") name = argv[i + 1];
    else bench::die("unknown option " + option);
  }
  if (bundle.empty()) bench::die("usage: proviso_ask_questions --bundle PATH [--scenarios FILE.jsonl] [--name LABEL]");
  Compilation c = compile_paths({bundle});
  if (!c.program) bench::die("the bundle does not compile: " + bundle);
  const auto plan = make_plan(std::move(c.program));
  const Program& p = plan->program();
  std::vector<Scenario> all;
  if (scenarios.empty()) {
    for (const NamedScenario& s : p.scenarios) all.push_back(s.facts);
  } else {
    all = bench::read_scenarios_or_die(p, bench::read_file(scenarios));
  }
  Evaluation evaluator(plan);
  Tally t;
  for (const Scenario& s : all) measure(plan, s, evaluator, t);
  const double n = t.scenarios == 0 ? 1.0 : static_cast<double>(t.scenarios);
  std::printf(
      "{\"workload\":\"%s\",\"scenarios\":%zu,\"mean_asked\":%.2f,\"max_asked\":%zu,\"mean_answered\":%.2f,"
      "\"mean_given\":%.2f,\"max_given\":%zu,\"asked_fewer\":%zu,\"answered_fewer\":%zu,\"wrong_decisions\":%zu}\n",
      name.c_str(), t.scenarios, static_cast<double>(t.asked) / n, t.max_asked, static_cast<double>(t.answered) / n,
      static_cast<double>(t.given) / n, t.max_given, t.fewer, t.answered_fewer, t.wrong);
  return t.wrong == 0 ? 0 : 1;
}
