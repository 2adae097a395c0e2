// Evaluation per decision on the 50-rule, 18-fact generated policy, cycling through
// 1,000 fully specified scenarios so branch predictors cannot learn one answer.
// Goal: decide() <= 250 ns. evaluate() adds rule statuses and policy results; the trace
// variants add the justification tree (and its JSON), as `proviso eval` does.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/trace.hpp"

namespace {

struct Eval50 {
  proviso::Compilation compilation;
  std::vector<proviso::Scenario> scenarios;

  static const Eval50& get() {
    static const Eval50 w = [] {
      const std::string dir = std::string(PROVISO_BENCH_WORKLOADS) + "/eval50";
      Eval50 e{proviso::bench::compile_or_die(dir + "/policy.proviso",
                                              proviso::bench::read_file(dir + "/policy.proviso")),
               {}};
      e.scenarios = proviso::bench::read_scenarios_or_die(*e.compilation.program,
                                                          proviso::bench::read_file(dir + "/scenarios.jsonl"));
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

}  // namespace
