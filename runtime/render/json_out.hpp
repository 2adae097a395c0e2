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

// The fields every decision trace's root carries before its children:
// {"node":"decision","name":..,"value":..,"text":..,"cite":[],"children":[
void append_decision_root(std::string& out, const Program& p, const Scenario& s, const Result& r);

// The minimal trace: `rule(id)` appends `,"why":"..."` to rule id's entry in
// `policies[].rules` (nothing for a rule not in force). The result must carry the node
// values (EvaluateOptions::keep_values): the constructor throws std::invalid_argument
// otherwise.
class MinimalReasons {
 public:
  MinimalReasons(std::string& out, const RenderContext& c);
  void rule(std::uint32_t id) const;

 private:
  std::string& out_;
  const RenderContext& c_;
};

}  // namespace proviso::runtime::internal
