#pragma once
// Renderers for a decision: a terminal-readable text tree, the contract's JSON shape,
// and a Markdown decision record a governance board can paste into its minutes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "proviso/runtime/result.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso {

class JsonFragments;

// How much justification a JSON result carries (eval/batch/serve --trace, ?trace=).
// full: the tree of trace.hpp; minimal: beside each rule of policies[].rules a "why",
// a sufficient reason for its status written straight from the node values without
// building a tree; none: no trace.
enum class TraceMode : std::uint8_t { none, minimal, full };
std::string_view to_string(TraceMode m);
std::optional<TraceMode> parse_trace_mode(std::string_view text);

struct RenderContext {
  const Program& program;
  const Scenario& scenario;
  const Result& result;
  const Trace* trace = nullptr;  // json, full mode: omitted when null
  std::string title;             // the scenario's title, may be empty
  std::string timestamp;         // markdown: when the decision was recorded (ISO 8601)
  // json: TraceMode::minimal gives each entry of policies[].rules its "why" from
  // result.values (evaluated with keep_values) and writes no "trace"; TraceMode::full
  // writes `trace` when it is not null.
  TraceMode json_trace = TraceMode::full;
  std::uint64_t line = 0;  // json: written first as "line" when not 0 (batch)
  // json: the program's fragments (json_fragments.hpp), when the caller keeps them:
  // the same bytes with less work. Used only when made from `program`.
  const JsonFragments* fragments = nullptr;
};

std::string render_result_text(const RenderContext& c);
std::string render_result_json(const RenderContext& c);
// Appends what render_result_json returns: batch output reuses one buffer.
void append_result_json(std::string& out, const RenderContext& c);
std::string render_result_markdown(const RenderContext& c);
// {"decision", "obligations", "missing"} (with "line" and "id" when the context has
// them): batch --fields decision. Reads no node values.
void append_decision_json(std::string& out, const RenderContext& c);
// Only {"decision": ...}.
void append_decision_json(std::string& out, Outcome o);
// A fact value as JSON: true/false, a number, an enum value's name, a set as an array
// of its members' names.
void append_value_json(std::string& out, const Program& p, std::uint32_t type, std::int64_t value);
// A citation as the renderers write it: "dpb.q3: Can the benefit be measured?", or the
// free text.
std::string citation_text(const Citation& c);

}  // namespace proviso
