#pragma once
// Renderers for a decision: a terminal-readable text tree, the contract's JSON shape,
// and a Markdown decision record a governance board can paste into its minutes.
#include <string>

#include "proviso/runtime/result.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso {

struct RenderContext {
  const Program& program;
  const Scenario& scenario;
  const Result& result;
  const Trace* trace = nullptr;  // json: omitted when null
  std::string title;             // the scenario's title, may be empty
  std::string timestamp;         // markdown: when the decision was recorded (ISO 8601)
};

std::string render_result_text(const RenderContext& c);
std::string render_result_json(const RenderContext& c);
// Appends what render_result_json returns: batch output reuses one buffer.
void append_result_json(std::string& out, const RenderContext& c);
std::string render_result_markdown(const RenderContext& c);
// Only {"decision": ...}: the batch fast path.
void append_decision_json(std::string& out, Outcome o);
// A citation as the renderers write it: "dpb.q3: Can the benefit be measured?", or the
// free text.
std::string citation_text(const Citation& c);

}  // namespace proviso
