// Generated policies on generated scenarios. The fuzzer's bytes drive a grammar of
// facts, conditions, rules, overrides and policies (fuzz/policy_generator.hpp), the
// text is compiled, and scenarios drawn from the rest of the bytes are evaluated,
// traced and rendered three ways, and the minimal trace with and without the program's
// JSON fragments. Each result is checked against the reference
// evaluator of the differential tests, so the fuzzer hunts wrong answers as well as
// crashes.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "policy_generator.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"
#include "runtime/reference_evaluator.hpp"

namespace {

class FuzzChoices final : public proviso::gen::Choices {
 public:
  explicit FuzzChoices(FuzzedDataProvider& fdp) : fdp_(fdp) {}
  std::uint32_t below(std::uint32_t n) override {
    return n <= 1 ? 0 : fdp_.ConsumeIntegralInRange<std::uint32_t>(0, n - 1);
  }
  std::int64_t any_int() override { return fdp_.ConsumeIntegral<std::int64_t>(); }

 private:
  FuzzedDataProvider& fdp_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  FuzzChoices choices(fdp);
  // Smaller bundles than the differential test's: compiling is most of the cost of an
  // input, and small bundles reach the same decision paths many times faster.
  proviso::gen::GeneratorOptions options;
  options.max_facts_per_kind = 2;
  options.max_conditions = 3;
  options.max_rules = 5;
  std::string text = proviso::gen::PolicyGenerator(choices, options).generate();
  proviso::Compilation c = proviso::compile_text("generated.proviso", text);
  // The generator only writes valid policies: one that fails to compile is a compiler
  // (or generator) bug, and a fuzzer that skipped it would test nothing.
  if (!c.program) {
    std::fprintf(stderr, "--- a generated policy does not compile ---\n%s--- diagnostics ---\n%s", text.c_str(),
                 proviso::render_text(c.diagnostics).c_str());
    __builtin_trap();
  }
  const proviso::Program& p = *c.program;
  const proviso::JsonFragments fragments(p);
  proviso::reference::ReferenceEvaluator ref(c.files);
  proviso::Evaluation ev(proviso::make_plan(p));
  proviso::Scenario s;
  for (int k = 0; k < 4 && fdp.remaining_bytes() > 0; ++k) {
    proviso::gen::generate_scenario(choices, p, s, 60);
    proviso::Result r = ev.evaluate(s, proviso::EvaluateOptions{.keep_values = true});
    std::string diff = proviso::reference::compare(p, r, ref.evaluate(proviso::reference::facts_of(p, s), r.on));
    if (ev.decide(s) != r.decision) diff += "decide() and evaluate() disagree\n";
    if (!diff.empty()) {
      std::fprintf(stderr, "--- policy ---\n%s--- scenario ---\n%s\n--- differences ---\n%s", text.c_str(),
                   proviso::scenario_to_json(p, s).c_str(), diff.c_str());
      __builtin_trap();
    }
    proviso::Trace t = proviso::build_trace(p, s, r);
    proviso::RenderContext ctx{p, s, r, &t, "generated", "2026-01-01T00:00:00Z"};
    std::string out = proviso::render_result_json(ctx);
    out += proviso::render_result_text(ctx);
    out += proviso::render_result_markdown(ctx);
    // The minimal trace, with the program's fragments and without: the same bytes.
    ctx.trace = nullptr;
    ctx.json_trace = proviso::TraceMode::minimal;
    const std::string minimal = proviso::render_result_json(ctx);
    ctx.fragments = &fragments;
    if (proviso::render_result_json(ctx) != minimal) {
      std::fprintf(stderr, "--- policy ---\n%s--- scenario ---\n%s\n--- the fragments change the minimal trace ---\n",
                   text.c_str(), proviso::scenario_to_json(p, s).c_str());
      __builtin_trap();
    }
  }
  return 0;
}
