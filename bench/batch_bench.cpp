// Batch throughput in process: what `proviso batch --fields decision` does per line
// (ScenarioReader on the JSON text, decide, append {"decision": ...}), minus process
// start, compile and I/O. Goal: >= 1 M scenarios/s. Also the reader alone, and the full
// JSON result without trace, to show where a line's time goes.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/trace.hpp"

namespace {

struct Lines {
  proviso::Compilation compilation;
  std::string text;
  std::vector<std::string_view> lines;

  static const Lines& get() {
    static const Lines w = [] {
      const std::string dir = std::string(PROVISO_BENCH_WORKLOADS) + "/eval50";
      Lines l{proviso::bench::compile_or_die(dir + "/policy.proviso",
                                             proviso::bench::read_file(dir + "/policy.proviso")),
              proviso::bench::read_file(dir + "/scenarios.jsonl"),
              {}};
      return l;
    }();
    return w;
  }
};

// The views must point into the returned object's own text, so split after the copy.
const std::vector<std::string_view>& lines() {
  static const std::vector<std::string_view> v = proviso::bench::split_lines(Lines::get().text);
  return v;
}

void batch_decision_only(benchmark::State& state) {
  const proviso::Program& program = *Lines::get().compilation.program;
  const auto& input = lines();
  proviso::ScenarioReader reader(program);
  proviso::Evaluation ev(proviso::make_plan(program));
  proviso::Scenario s;
  proviso::Diagnostic error;
  std::string out;
  out.reserve(1 << 16);
  for (auto _ : state) {
    out.clear();
    for (std::string_view line : input) {
      if (!reader.read(line, s, error)) proviso::bench::die(error.message);
      proviso::append_decision_json(out, ev.decide(s));
      out += '\n';
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.size()));
}
BENCHMARK(batch_decision_only);

// One batch line per mode, as `proviso batch` writes it: read, evaluate, render with
// "line". fields=decision keeps obligations and missing; the trace modes add the
// justification.
void batch_line(benchmark::State& state, bool decision_only, proviso::TraceMode mode) {
  const proviso::Program& program = *Lines::get().compilation.program;
  const auto& input = lines();
  proviso::ScenarioReader reader(program);
  proviso::Evaluation ev(proviso::make_plan(program));
  const proviso::JsonFragments fragments(program);  // made once, as batch does
  proviso::Scenario s;
  proviso::Result result;
  proviso::Trace trace;
  proviso::Diagnostic error;
  std::string out;
  out.reserve(1 << 16);
  const bool keep = !decision_only && mode != proviso::TraceMode::none;
  std::size_t bytes = 0;
  for (auto _ : state) {
    out.clear();
    std::uint64_t number = 0;
    for (std::string_view line : input) {
      if (!reader.read(line, s, error)) proviso::bench::die(error.message);
      ev.evaluate(s, result, proviso::EvaluateOptions{.keep_values = keep, .decision_only = decision_only});
      const bool full = !decision_only && mode == proviso::TraceMode::full;
      if (full) trace = proviso::build_trace(program, s, result);
      proviso::RenderContext context{program, s, result, full ? &trace : nullptr, {}, {}};
      context.json_trace = mode;
      context.line = ++number;
      context.fragments = &fragments;
      if (decision_only) {
        proviso::append_decision_json(out, context);
      } else {
        proviso::append_result_json(out, context);
      }
      out += '\n';
    }
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.size()));
  state.counters["bytes_per_line"] = static_cast<double>(bytes) / static_cast<double>(input.size());
}
BENCHMARK_CAPTURE(batch_line, fields_decision, true, proviso::TraceMode::none);
BENCHMARK_CAPTURE(batch_line, trace_none, false, proviso::TraceMode::none);
BENCHMARK_CAPTURE(batch_line, trace_minimal, false, proviso::TraceMode::minimal);
BENCHMARK_CAPTURE(batch_line, trace_full, false, proviso::TraceMode::full)->Unit(benchmark::kMillisecond);

void scenario_read_only(benchmark::State& state) {
  const proviso::Program& program = *Lines::get().compilation.program;
  const auto& input = lines();
  proviso::ScenarioReader reader(program);
  proviso::Scenario s;
  proviso::Diagnostic error;
  for (auto _ : state) {
    for (std::string_view line : input) {
      if (!reader.read(line, s, error)) proviso::bench::die(error.message);
      benchmark::DoNotOptimize(s.values.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.size()));
}
BENCHMARK(scenario_read_only);

void batch_full_json_no_trace(benchmark::State& state) {
  const proviso::Program& program = *Lines::get().compilation.program;
  const auto& input = lines();
  proviso::ScenarioReader reader(program);
  proviso::Evaluation ev(proviso::make_plan(program));
  proviso::Scenario s;
  proviso::Result result;
  proviso::Diagnostic error;
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (std::string_view line : input) {
      if (!reader.read(line, s, error)) proviso::bench::die(error.message);
      ev.evaluate(s, result);
      out += proviso::render_result_json({program, s, result, nullptr, {}, {}});
      out += '\n';
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.size()));
}
BENCHMARK(batch_full_json_no_trace);

}  // namespace
