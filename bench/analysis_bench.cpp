// Static analysis (Z3) of generated bundles of 100 and 1,000 rules: the whole run and,
// from the analysis' own statistics, the cost per solver query. Goal: <= 100 ms per
// query (peers.md: Cedar's SMT analysis averages 75 ms per query). One iteration per
// size: a run is seconds long, and the per-query figures are medians over its queries.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "proviso/analysis/analysis.hpp"

namespace {

void analyze_bundle(benchmark::State& state, const char* workload) {
  const std::string path = std::string(PROVISO_BENCH_WORKLOADS) + "/" + workload + "/policy.proviso";
  auto c = proviso::bench::compile_or_die(path, proviso::bench::read_file(path));
  proviso::AnalysisStats stats;
  std::size_t findings = 0;
  for (auto _ : state) {
    proviso::Diagnostics out;
    stats = proviso::analyze(*c.program, proviso::AnalysisOptions{}, out);
    findings = out.items().size();
  }
  const double queries = static_cast<double>(stats.queries);
  state.counters["rules"] = static_cast<double>(c.program->rules.size());
  state.counters["queries"] = queries;
  state.counters["pairs"] = static_cast<double>(stats.pairs);
  state.counters["pairs_pruned"] = static_cast<double>(stats.pairs_pruned);
  state.counters["unknown"] = static_cast<double>(stats.unknown);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["encode_ms"] = stats.encode_ms;
  state.counters["mean_query_ms"] = queries > 0 ? stats.query_ms / queries : 0;
  state.counters["median_query_ms"] = stats.median_query_ms;
  state.counters["max_query_ms"] = stats.max_query_ms;
}

BENCHMARK_CAPTURE(analyze_bundle, rules100, "rules100")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(analyze_bundle, rules1000, "rules1000")->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
