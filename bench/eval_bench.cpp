// Evaluation per decision on the 50-rule, 18-fact generated policy, cycling through
// 1,000 fully specified scenarios so branch predictors cannot learn one answer.
// Goal: decide() <= 250 ns. evaluate() adds rule statuses and policy results; the trace
// variants add the justification tree (and its JSON), as `proviso eval` does.
// The `_quarter_unknown` variants leave a quarter of each scenario's facts unknown (a
// fixed, different choice per scenario), so many decisions are undetermined and
// evaluate() computes `missing` and `next_question`. Goal: evaluate() <= 2 us.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "bench_support.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/trace.hpp"

namespace {

struct Eval50 {
  proviso::Compilation compilation;
  std::vector<proviso::Scenario> scenarios;
  std::vector<proviso::Scenario> quarter_unknown;  // the same, a quarter of the facts unknown

  static const Eval50& get() {
    static const Eval50 w = [] {
      const std::string dir = std::string(PROVISO_BENCH_WORKLOADS) + "/eval50";
      Eval50 e{proviso::bench::compile_or_die(dir + "/policy.proviso",
                                              proviso::bench::read_file(dir + "/policy.proviso")),
               {},
               {}};
      e.scenarios = proviso::bench::read_scenarios_or_die(*e.compilation.program,
                                                          proviso::bench::read_file(dir + "/scenarios.jsonl"));
      // `from` and `to` stay known: the flow is always named.
      std::mt19937 rng(42);
      const std::size_t facts = e.compilation.program->facts.size();
      std::vector<std::uint32_t> order(facts - 2);
      for (proviso::Scenario s : e.scenarios) {
        std::iota(order.begin(), order.end(), 2u);
        std::shuffle(order.begin(), order.end(), rng);
        for (std::size_t i = 0; i < order.size() / 4; ++i) s.known[order[i]] = 0;
        e.quarter_unknown.push_back(std::move(s));
      }
      return e;
    }();
    return w;
  }
};

void decide(benchmark::State& state) {
  const Eval50& w = Eval50::get();
  proviso::Evaluation ev(proviso::make_plan(*w.compilation.program));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ev.decide(w.scenarios[i]));
    if (++i == w.scenarios.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(decide);

void evaluate_no_trace(benchmark::State& state) {
  const Eval50& w = Eval50::get();
  proviso::Evaluation ev(proviso::make_plan(*w.compilation.program));
  proviso::Result result;
  std::size_t i = 0;
  for (auto _ : state) {
    ev.evaluate(w.scenarios[i], result);
    benchmark::DoNotOptimize(result.decision);
    if (++i == w.scenarios.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(evaluate_no_trace);

void evaluate_with_trace(benchmark::State& state) {
  const Eval50& w = Eval50::get();
  proviso::Evaluation ev(proviso::make_plan(*w.compilation.program));
  proviso::Result result;
  std::size_t i = 0;
  for (auto _ : state) {
    ev.evaluate(w.scenarios[i], result, proviso::EvaluateOptions{.keep_values = true});
    proviso::Trace trace = proviso::build_trace(ev.program(), w.scenarios[i], result);
    benchmark::DoNotOptimize(trace.policies.data());
    if (++i == w.scenarios.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(evaluate_with_trace);

void evaluate_with_trace_json(benchmark::State& state) {
  const Eval50& w = Eval50::get();
  const proviso::Program& program = *w.compilation.program;
  proviso::Evaluation ev(proviso::make_plan(program));
  proviso::Result result;
  std::size_t i = 0;
  for (auto _ : state) {
    const proviso::Scenario& s = w.scenarios[i];
    ev.evaluate(s, result, proviso::EvaluateOptions{.keep_values = true});
    proviso::Trace trace = proviso::build_trace(program, s, result);
    std::string json = proviso::render_result_json({program, s, result, &trace, {}, {}});
    benchmark::DoNotOptimize(json.data());
    if (++i == w.scenarios.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(evaluate_with_trace_json);

// The minimal trace, written straight from the node values (batch and serve's default).
void evaluate_with_minimal_trace_json(benchmark::State& state) {
  const Eval50& w = Eval50::get();
  const proviso::Program& program = *w.compilation.program;
  proviso::Evaluation ev(proviso::make_plan(program));
  const proviso::JsonFragments fragments(program);  // made once, as batch and serve do
  proviso::Result result;
  std::string json;
  std::size_t i = 0;
  for (auto _ : state) {
    const proviso::Scenario& s = w.scenarios[i];
    ev.evaluate(s, result, proviso::EvaluateOptions{.keep_values = true});
    proviso::RenderContext context{program, s, result, nullptr, {}, {}};
    context.json_trace = proviso::TraceMode::minimal;
    context.fragments = &fragments;
    json.clear();
    proviso::append_result_json(json, context);
    benchmark::DoNotOptimize(json.data());
    if (++i == w.scenarios.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(evaluate_with_minimal_trace_json);

// Linearity in rules: the same decision on 1,000 rules over 60 facts (goal: at most
// 20x the 50-rule time).
void decide_rules1000(benchmark::State& state) {
  static const auto w = [] {
    const std::string dir = std::string(PROVISO_BENCH_WORKLOADS) + "/eval1000";
    auto c = proviso::bench::compile_or_die(dir + "/policy.proviso", proviso::bench::read_file(dir + "/policy.proviso"));
    auto scenarios = proviso::bench::read_scenarios_or_die(*c.program, proviso::bench::read_file(dir + "/scenarios.jsonl"));
    return std::make_pair(std::make_shared<proviso::Compilation>(std::move(c)), std::move(scenarios));
  }();
  proviso::Evaluation ev(proviso::make_plan(*w.first->program));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ev.decide(w.second[i]));
    if (++i == w.second.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(decide_rules1000);

void decide_quarter_unknown(benchmark::State& state) {
  const Eval50& w = Eval50::get();
  proviso::Evaluation ev(proviso::make_plan(*w.compilation.program));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ev.decide(w.quarter_unknown[i]));
    if (++i == w.quarter_unknown.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(decide_quarter_unknown);

// Also reports the share of undetermined decisions, so the figure is read knowing how
// often `missing` was computed.
void evaluate_quarter_unknown(benchmark::State& state) {
  const Eval50& w = Eval50::get();
  proviso::Evaluation ev(proviso::make_plan(*w.compilation.program));
  proviso::Result result;
  std::size_t i = 0, undetermined = 0, decisions = 0;
  for (auto _ : state) {
    ev.evaluate(w.quarter_unknown[i], result);
    benchmark::DoNotOptimize(result.missing.data());
    undetermined += result.decision == proviso::Outcome::undetermined;
    ++decisions;
    if (++i == w.quarter_unknown.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["undetermined"] =
      static_cast<double>(undetermined) / static_cast<double>(std::max<std::size_t>(decisions, 1));
}
BENCHMARK(evaluate_quarter_unknown);

}  // namespace
