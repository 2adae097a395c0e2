// How long `proviso explain` takes: every scenario block of a bundle (by default the
// standard library, policies/, whose scenarios live in policies/scenarios/) explained
// as the command does it (default options, date from $PROVISO_NOW or today), each timed
// whole: evaluation, solver search, replays, closest route. Goal: under 1 s each,
// median under 100 ms.
//
//   proviso_explain_bench [PATH] [--repeat N]
//
// Prints one line per scenario (ms, decision, target, alternatives, their smallest size,
// solver queries), then one JSON line of the totals; exits 1 when a scenario takes 1 s
// or more, or the median is 100 ms or more.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "proviso/analysis/explain.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/plan.hpp"

int main(int argc, char** argv) {
  using namespace proviso;
  std::string path = "policies";
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      path = arg;
    }
  }
  Compilation c = compile_paths({path});
  if (!c.program) bench::die("the bundle " + path + " has errors");
  const std::shared_ptr<const Plan> plan = make_plan(std::shared_ptr<const Program>(std::move(c.program)));
  const Program& p = plan->program();
  ExplainOptions options;
  if (const char* now = std::getenv("PROVISO_NOW")) {
    if (auto day = parse_date(std::string(now).substr(0, 10))) options.on = *day;
  }
  std::vector<double> times, cpu_times;  // wall clock; CPU time of the process (a busy machine inflates wall time)
  for (const NamedScenario& s : p.scenarios) {
    double best = 1e300, best_cpu = 1e300;
    Explanation e;
    for (int r = 0; r < repeat; ++r) {
      const auto start = std::chrono::steady_clock::now();
      const std::clock_t cpu = std::clock();
      e = explain(plan, s.facts, options);
      best_cpu = std::min(best_cpu, 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
      best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    times.push_back(best);
    cpu_times.push_back(best_cpu);
    std::printf("%9.2f ms (cpu %7.2f)  %-12s -> %-5s  %zu alternative(s), smallest %zu, %zu queries%s  %s\n", best,
                best_cpu, std::string(to_string(e.decision)).c_str(), std::string(to_string(e.target)).c_str(),
                e.alternatives.size(), e.alternatives.empty() ? 0 : e.alternatives.front().changes.size(), e.queries,
                e.complete ? "" : " (incomplete)", s.title.c_str());
  }
  if (times.empty()) bench::die("the bundle has no scenario blocks");
  auto median_of = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  };
  const double median = median_of(times);
  const double max = *std::max_element(times.begin(), times.end());
  std::printf("{\"scenarios\":%zu,\"median_ms\":%.2f,\"max_ms\":%.2f,\"median_cpu_ms\":%.2f,\"max_cpu_ms\":%.2f,"
              "\"rules\":%zu,\"facts\":%zu}\n",
              times.size(), median, max, median_of(cpu_times), *std::max_element(cpu_times.begin(), cpu_times.end()),
              p.rules.size(), p.facts.size());
  return max < 1000 && median < 100 ? 0 : 1;
}
