// Proviso in process, for the side-by-side comparison (bench/run-peers.sh): the same
// measurement the Node harness makes of the peers, printed as one JSON line.
//
//   proviso_eval_driver eval --bundle FILE --scenarios FILE.jsonl [--out DECISIONS] [--min-ms 1000]
//   proviso_eval_driver compile --bundle FILE [--repeat 7]
//
// eval: compiles the bundle, reads every scenario (ScenarioReader, timed apart), decides
// each once and writes the decisions, then decides them in passes until --min-ms has
// gone by. Like the peers, the scenarios are already parsed when the timing starts.
// A single decision takes about as long as reading the clock, so latency is taken over
// blocks of kBlock decisions: median_ns is the median block time divided by kBlock.
// compile: parse + check + lower the bundle text (no SMT), --repeat times; the first run
// is cold, the others warm.
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "proviso/runtime/evaluate.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using proviso::bench::die;

constexpr std::size_t kBlock = 64;

// CPU time of the process: with other work on the machine, wall-clock figures drop
// while this stays put, so the JSON line carries both and a contended run shows.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double ns_since(Clock::time_point t) {
  return std::chrono::duration<double, std::nano>(Clock::now() - t).count();
}

std::map<std::string, std::string> parse_options(int argc, char** argv) {
  std::map<std::string, std::string> opts;
  for (int i = 2; i < argc; i += 2) {
    std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc) die("bad argument " + key);
    opts[key.substr(2)] = argv[i + 1];
  }
  return opts;
}

std::string option(const std::map<std::string, std::string>& opts, const std::string& key,
                   const std::string& fallback = {}) {
  auto it = opts.find(key);
  if (it != opts.end()) return it->second;
  if (fallback.empty()) die("missing --" + key);
  return fallback;
}

int run_eval(const std::map<std::string, std::string>& opts) {
  const std::string bundle = option(opts, "bundle");
  const double min_ns = std::stod(option(opts, "min-ms", "1000")) * 1e6;

  auto compilation = proviso::bench::compile_or_die(bundle, proviso::bench::read_file(bundle));
  const proviso::Program& program = *compilation.program;
  const std::string jsonl = proviso::bench::read_file(option(opts, "scenarios"));
  auto t_read = Clock::now();
  const std::vector<proviso::Scenario> scenarios = proviso::bench::read_scenarios_or_die(program, jsonl);
  const double read_ns = ns_since(t_read) / static_cast<double>(scenarios.size());

  proviso::Evaluation evaluator(proviso::make_plan(program));
  std::vector<proviso::Outcome> decisions(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) decisions[i] = evaluator.decide(scenarios[i]);
  if (opts.count("out")) {
    std::FILE* f = std::fopen(opts.at("out").c_str(), "w");
    if (!f) die("cannot write " + opts.at("out"));
    for (proviso::Outcome d : decisions) std::fprintf(f, "%s\n", std::string(proviso::to_string(d)).c_str());
    std::fclose(f);
  }

  // Timed passes. Every decision is compared with the first pass, which both keeps the
  // compiler from dropping the work and guards against a stateful evaluator.
  std::vector<double> block_ns;
  std::uint64_t count = 0, mismatches = 0;
  const auto t0 = Clock::now();
  const double cpu0 = cpu_seconds();
  std::size_t i = 0;
  do {
    const auto tb = Clock::now();
    for (std::size_t k = 0; k < kBlock; ++k) {
      mismatches += evaluator.decide(scenarios[i]) != decisions[i];
      if (++i == scenarios.size()) i = 0;
    }
    block_ns.push_back(ns_since(tb));
    count += kBlock;
  } while (ns_since(t0) < min_ns || count < scenarios.size());
  const double seconds = ns_since(t0) / 1e9;
  const double cpu = cpu_seconds() - cpu0;
  if (mismatches) die("decisions changed between passes");

  std::printf(
      "{\"engine\":\"proviso (in process)\",\"mode\":\"eval\",\"rules\":%zu,\"facts\":%zu,"
      "\"nodes\":%zu,\"scenarios\":%zu,\"decisions\":%llu,\"seconds\":%.6f,\"decisions_per_s\":%.1f,"
      "\"cpu_seconds\":%.6f,\"median_ns\":%.2f,\"p99_ns\":%.2f,\"latency_block\":%zu,"
      "\"read_ns_per_scenario\":%.1f}\n",
      program.rules.size(), program.facts.size() - 2, program.nodes.size(), scenarios.size(),
      static_cast<unsigned long long>(count), seconds, static_cast<double>(count) / seconds, cpu,
      proviso::bench::median(block_ns) / kBlock, proviso::bench::quantile(block_ns, 0.99) / kBlock, kBlock,
      read_ns);
  return 0;
}

int run_compile(const std::map<std::string, std::string>& opts) {
  const std::string bundle = option(opts, "bundle");
  const int repeat = std::stoi(option(opts, "repeat", "7"));
  const std::string text = proviso::bench::read_file(bundle);
  std::vector<double> ms;
  std::size_t rules = 0, facts = 0;
  for (int r = 0; r < repeat; ++r) {
    std::string copy = text;  // compile_text takes ownership; copy outside the timing
    auto t = Clock::now();
    auto c = proviso::bench::compile_or_die(bundle, std::move(copy));
    ms.push_back(ns_since(t) / 1e6);
    rules = c.program->rules.size();
    facts = c.program->facts.size() - 2;
  }
  std::vector<double> warm(ms.begin() + (ms.size() > 1 ? 1 : 0), ms.end());
  std::printf(
      "{\"engine\":\"proviso (in process)\",\"mode\":\"load\",\"rules\":%zu,\"facts\":%zu,"
      "\"cold_ms\":%.3f,\"warm_median_ms\":%.3f,\"repeats\":%d}\n",
      rules, facts, ms.front(), proviso::bench::median(warm), repeat);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: proviso_eval_driver eval|compile --bundle FILE ...");
  const std::string mode = argv[1];
  const auto opts = parse_options(argc, argv);
  if (mode == "eval") return run_eval(opts);
  if (mode == "compile") return run_compile(opts);
  die("unknown mode " + mode);
}
