// One shared plan, eight threads, each with its own Evaluation: every thread must give
// exactly the single-threaded answers (decision, full result, node values, trace JSON).
// scripts/test.sh also runs these tests under ThreadSanitizer, where any data race on
// the plan, or state shared behind the API, fails the run even when the answers agree.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "../../../fuzz/policy_generator.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/trace.hpp"
#include "support/test_support.hpp"

namespace proviso {
namespace {

constexpr int kThreads = 8;

struct Answer {
  Outcome decided = Outcome::deny;
  Result result;
  std::string json;  // the result with its trace, as `proviso eval --format json` writes it
};

Answer answer(Evaluation& ev, const Scenario& s) {
  Answer a;
  a.decided = ev.decide(s);
  ev.evaluate(s, a.result, EvaluateOptions{.keep_values = true});
  const Trace t = build_trace(ev.program(), s, a.result);
  a.json = render_result_json({ev.program(), s, a.result, &t, {}, {}});
  return a;
}

bool same(const PolicyResult& a, const PolicyResult& b) {
  return a.policy == b.policy && a.decision == b.decision && a.by_default == b.by_default &&
         a.conflict == b.conflict && a.obligations == b.obligations;
}

bool same(const Answer& a, const Answer& b) {
  const Result &x = a.result, &y = b.result;
  bool policies = x.policies.size() == y.policies.size();
  for (std::size_t i = 0; policies && i < x.policies.size(); ++i) policies = same(x.policies[i], y.policies[i]);
  return policies && a.decided == b.decided && a.json == b.json && x.decision == y.decision &&
         x.no_covering_policy == y.no_covering_policy && x.obligations == y.obligations && x.missing == y.missing &&
         x.possible_obligations == y.possible_obligations && x.obligation_questions == y.obligation_questions &&
         x.rule_status == y.rule_status && x.values.nodes == y.values.nodes && x.values.rules == y.values.rules;
}

struct Shared {
  std::size_t compared = 0;
  std::size_t mismatches = 0;
  std::string first_mismatch;  // the scenario's expected JSON
};

// Every thread builds its own Evaluation on `plan` and answers every scenario `rounds`
// times, starting at a different scenario so that the threads work on different ones
// at the same moment; a latch releases them together.
Shared run_threads(const std::shared_ptr<const Plan>& plan, const std::vector<Scenario>& scenarios,
                   const std::vector<Answer>& expected, int rounds) {
  std::atomic<std::size_t> compared{0}, mismatches{0};
  std::atomic<std::size_t> first{scenarios.size()};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Evaluation ev(plan);
      start.arrive_and_wait();
      const std::size_t n = scenarios.size(), offset = n * static_cast<std::size_t>(t) / kThreads;
      for (int round = 0; round < rounds; ++round) {
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t i = (k + offset) % n;
          const Answer got = answer(ev, scenarios[i]);
          compared.fetch_add(1, std::memory_order_relaxed);
          if (!same(got, expected[i])) {
            mismatches.fetch_add(1, std::memory_order_relaxed);
            std::size_t none = n;
            first.compare_exchange_strong(none, i);
          }
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  Shared out;
  out.compared = compared.load();
  out.mismatches = mismatches.load();
  if (first.load() < scenarios.size()) out.first_mismatch = expected[first.load()].json;
  return out;
}

std::vector<Answer> single_threaded(const std::shared_ptr<const Plan>& plan, const std::vector<Scenario>& scenarios) {
  Evaluation ev(plan);
  std::vector<Answer> out;
  out.reserve(scenarios.size());
  for (const Scenario& s : scenarios) out.push_back(answer(ev, s));
  return out;
}

TEST(Concurrency, StandardLibraryScenariosFromEightThreads) {
  Compilation c = compile_paths({test::source_path("policies")});
  ASSERT_FALSE(c.diagnostics.has_errors()) << render_text(c.diagnostics);
  ASSERT_TRUE(c.program);
  const std::shared_ptr<const Plan> plan = make_plan(std::move(c.program));
  std::vector<Scenario> scenarios;
  for (const NamedScenario& s : plan->program().scenarios) scenarios.push_back(s.facts);
  ASSERT_GE(scenarios.size(), 20u);

  const std::vector<Answer> expected = single_threaded(plan, scenarios);
  int decisions[4] = {0, 0, 0, 0};
  for (const Answer& a : expected) ++decisions[static_cast<int>(a.decided)];
  for (int o = 0; o < 3; ++o) EXPECT_GT(decisions[o], 0) << "no " << to_string(static_cast<Outcome>(o));

  constexpr int kRounds = 2;
  const Shared got = run_threads(plan, scenarios, expected, kRounds);
  EXPECT_EQ(got.compared, scenarios.size() * kThreads * kRounds);
  EXPECT_EQ(got.mismatches, 0u) << "first differing scenario, as decided on one thread:\n" << got.first_mismatch;
}

TEST(Concurrency, RandomProgramsFromEightThreads) {
  gen::GeneratorOptions options;
  options.max_facts_per_kind = 3;
  options.max_conditions = 4;
  options.max_rules = 6;
  options.max_depth = 3;
  constexpr int kPrograms = 16, kScenarios = 200;
  std::size_t compared = 0;
  int decisions[4] = {0, 0, 0, 0};
  for (int i = 0; i < kPrograms; ++i) {
    const std::uint64_t seed = 7'000 + static_cast<std::uint64_t>(i);
    gen::PrngChoices choices(seed);
    const std::string text = gen::PolicyGenerator(choices, options).generate();
    Compilation c = compile_text("random.proviso", text);
    ASSERT_TRUE(c.program) << text << render_text(c.diagnostics);
    const std::shared_ptr<const Plan> plan = make_plan(std::move(c.program));

    std::vector<Scenario> scenarios(kScenarios);
    for (int k = 0; k < kScenarios; ++k) gen::generate_scenario(choices, plan->program(), scenarios[k], k % 4 ? 70 : 100);
    const std::vector<Answer> expected = single_threaded(plan, scenarios);
    for (const Answer& a : expected) ++decisions[static_cast<int>(a.decided)];

    const Shared got = run_threads(plan, scenarios, expected, 1);
    compared += got.compared;
    ASSERT_EQ(got.mismatches, 0u) << "seed " << seed << "\n--- policy ---\n"
                                  << text << "--- first differing scenario, as decided on one thread ---\n"
                                  << got.first_mismatch;
  }
  EXPECT_EQ(compared, std::size_t{kPrograms} * kScenarios * kThreads);
  // Random programs that all decided the same way would prove little.
  for (int o = 0; o < 4; ++o) {
    EXPECT_GT(decisions[o], kPrograms * kScenarios / 50) << "decision " << to_string(static_cast<Outcome>(o)) << " is rare";
  }
}

}  // namespace
}  // namespace proviso
