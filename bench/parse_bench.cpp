// Parse + check + lower of generated bundles (no SMT): the cost of `proviso check`
// before analysis, and of every command's start. Goal: 10,000 rules in <= 50 ms, and
// cost linear in rules (compare the ns/rule counters of the two sizes).
#include <benchmark/benchmark.h>

#include "bench_support.hpp"

namespace {

void parse_check(benchmark::State& state, const char* workload) {
  const std::string path = std::string(PROVISO_BENCH_WORKLOADS) + "/" + workload + "/policy.proviso";
  const std::string text = proviso::bench::read_file(path);
  const std::size_t rules = proviso::bench::compile_or_die(path, text).program->rules.size();
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = text;  // compile_text owns its text: copy outside the timing
    state.ResumeTiming();
    auto c = proviso::compile_text(path, std::move(copy));
    benchmark::DoNotOptimize(c.program.get());
  }
  state.counters["rules"] = static_cast<double>(rules);
  state.counters["bytes"] = static_cast<double>(text.size());
  state.counters["time_per_rule"] = benchmark::Counter(
      static_cast<double>(rules), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK_CAPTURE(parse_check, rules1000, "rules1000")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_check, rules10000, "rules10000")->Unit(benchmark::kMillisecond);

}  // namespace
