#pragma once
// Small appenders shared by the JSON renderers of a decision (full and minimal trace).
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso::runtime::internal {

inline void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

inline void append_tri(std::string& out, Tri t) {
  switch (t) {
    case Tri::true_: out += "true"; break;
    case Tri::false_: out += "false"; break;
    case Tri::unknown: out += "\"unknown\""; break;
  }
}

// Names (facts, rules, policies, obligations, enum values) are identifiers and need no
// escaping; a quick scan confirms it before they are copied whole, and anything else is
// escaped.
inline void append_name(std::string& out, std::string_view name) {
  for (unsigned char c : name) {
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
      append_json_string(out, name);
      return;
    }
  }
  out += '"';
  out += name;
  out += '"';
}

// The JSON string body (no quotes) of `text`.
inline void append_json_body(std::string& out, std::string_view text) {
  const std::size_t at = out.size();
  append_json_string(out, text);
  out.erase(at, 1);
  out.pop_back();
}

// The minimal trace's literals (trace_minimal.cpp). A leaf's text: a named condition's
// name, a fact's name, a constant's value, else the expression as written.
std::string leaf_text(const Program& p, std::uint32_t node);
// Appends the leaf `text` as it holds with value `v`: as written when true, its
// opposite comparison or `not TEXT` when false, `TEXT is unknown` when unknown; an
// `and`, `or` or `not` (a leaf only when cut at the depth limit) is bracketed.
void append_literal(std::string& out, const Node& node, std::string_view text, Tri v);

// The fields every decision trace's root carries before its children:
// {"node":"decision","name":..,"value":..,"text":..,"cite":[],"children":[
void append_decision_root(std::string& out, const Program& p, const Scenario& s, const Result& r);

// The minimal trace: `rule(id)` appends `,"why":"..."` to rule id's entry in
// `policies[].rules` (nothing for a rule not in force). The result must carry the node
// values (EvaluateOptions::keep_values): the constructor throws std::invalid_argument
// otherwise.
class MinimalReasons {
 public:
  MinimalReasons(std::string& out, const RenderContext& c, const JsonFragments* fragments);
  void rule(std::uint32_t id) const;

 private:
  std::string& out_;
  const RenderContext& c_;
  const JsonFragments* fragments_;
};

}  // namespace proviso::runtime::internal
