// JSON and JSON Lines scenarios against a fixed bundle, read the way `proviso batch`
// reads them: the input is cut into lines, each line is one document, and the whole
// input is also tried as one document. Every accepted scenario is evaluated and
// rendered, so a scenario the reader lets through must also be safe to run. Each
// document also goes through the reader's fast and diagnosing walks apart: they must
// agree, what is accepted must lie within its types, and scenario_to_json must read
// back as the same scenario (tests/unit/runtime/scenario_walks_check.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"
#include "runtime/scenario_walks_check.hpp"

namespace {

// Every fact type the scenario reader must validate: bool, bounded and unbounded int,
// named and inline enums, a set, dotted paths that JSON may nest.
constexpr const char* kBundle = R"(
sectors { health, adult_social_care, housing, criminal_justice, education, welfare }
type consent_basis = enum { explicit, implied, none }
type data_category = enum { health, contact, financial, criminal, education }
type score = int (1 .. 5)
obligation pseudonymise "Pseudonymise the records before they leave the sender"
obligation dpia "Carry out a data protection impact assessment"
fact consent: consent_basis "What consent is in place?"
fact purpose: enum { direct_care, research, prevent_homelessness } "Why is the data shared?"
fact benefit.measurable: bool "Can the benefit be measured?"
fact benefit.people_helped: int (0 .. 100_000_000) "How many people will benefit?"
fact risk.score: score "How risky is the sharing?"
fact offset: int "An unbounded number"
fact data.categories: set of data_category "Which kinds of data are shared?"
condition consent_equivalent = consent == explicit or (consent == implied and purpose == direct_care)
condition measured = benefit.measurable and benefit.people_helped * 2 > 100 - offset
policy health_use {
  sector health
  combine strictest
  rule direct_care: share when purpose == direct_care and consent_equivalent require pseudonymise
  rule research: share when measured and risk.score <= 3 and not (criminal in data.categories) require dpia
  rule risky: refer when risk.score >= 4 overrides research
}
policy everyone {
  default share
  combine first
  rule criminal_data: deny when criminal in data.categories and purpose in { research }
}
)";

const proviso::Program* program() {
  static proviso::Compilation c = proviso::compile_text("fixed.proviso", kBundle);
  if (!c.program) {
    std::fputs(proviso::render_text(c.diagnostics).c_str(), stderr);
    std::abort();  // the fixed bundle must compile: the harness itself is broken
  }
  return c.program.get();
}

void run(proviso::ScenarioReader& reader, proviso::Evaluation& ev, std::string_view doc, std::uint32_t line,
         const proviso::ScenarioLimits& limits) {
  if (std::string d = proviso::runtime::internal::walks_disagree(ev.program(), doc, limits); !d.empty()) {
    std::fprintf(stderr, "--- document ---\n%.*s\n--- the scenario reader disagrees with itself ---\n%s",
                 static_cast<int>(doc.size()), doc.data(), d.c_str());
    __builtin_trap();
  }
  proviso::Scenario s;
  proviso::Diagnostic error;
  if (!reader.read(doc, s, error, "<fuzz>", line)) {
    // Errors are rendered as batch renders them.
    std::string out = proviso::render_json(error);
    if (error.message.empty()) __builtin_trap();
    return;
  }
  const proviso::Program& p = ev.program();
  if (s.values.size() != p.facts.size() || s.known.size() != p.facts.size()) __builtin_trap();
  proviso::Result r = ev.evaluate(s, proviso::EvaluateOptions{.keep_values = true});
  if (ev.decide(s) != r.decision) __builtin_trap();
  proviso::Trace t = proviso::build_trace(p, s, r);
  proviso::RenderContext ctx{p, s, r, &t, "fuzz", "2026-01-01T00:00:00Z"};
  std::string out = proviso::render_result_json(ctx);
  out += proviso::render_result_text(ctx);
  out += proviso::render_result_markdown(ctx);
  out += proviso::scenario_to_json(p, s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const proviso::Program& p = *program();
  proviso::ScenarioLimits limits;
  limits.max_bytes = 16 * 1024;
  limits.max_depth = 16;
  limits.max_string = 512;
  proviso::ScenarioReader reader(p, limits);
  proviso::Evaluation ev(proviso::make_plan(p));
  std::string_view all(reinterpret_cast<const char*>(data), size);
  run(reader, ev, all, 0, limits);
  std::uint32_t number = 0;
  for (std::size_t start = 0; start < all.size();) {
    std::size_t nl = all.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? all.size() : nl;
    run(reader, ev, all.substr(start, end - start), ++number, limits);
    start = end + 1;
  }
  return 0;
}
