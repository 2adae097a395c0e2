#pragma once
// The property both the unit tests and scenario_fuzz hold the scenario reader to: its
// fast and diagnosing walks (runtime/scenario/scenario_walks.hpp) agree on every input,
// read() follows them, what it accepts lies within each fact's type, and
// scenario_to_json writes what reads back as the same scenario.
#include <string>
#include <string_view>

#include "proviso/runtime/scenario_json.hpp"
#include "scenario/scenario_walks.hpp"

namespace proviso::runtime::internal {

// What the three ways of reading one document say.
struct Reading {
  bool fast = false, json_fault = false, diagnosing = false, read = false;
  Scenario fast_out, diagnosing_out, read_out;
  Diagnostic diagnosing_error, read_error;
};

inline Reading read_three_ways(const Program& p, std::string_view json, const ScenarioLimits& limits = {}) {
  ScenarioReader reader(p, limits);
  Reading r;
  r.fast = ScenarioWalks::fast(reader, json, r.fast_out, r.json_fault);
  r.diagnosing = ScenarioWalks::diagnosing(reader, json, r.diagnosing_out, r.diagnosing_error);
  r.read = reader.read(json, r.read_out, r.read_error);
  return r;
}

inline bool same(const Scenario& a, const Scenario& b) {
  if (a.known != b.known) return false;
  for (std::size_t i = 0; i < a.known.size(); ++i) {
    if (a.known[i] && a.values[i] != b.values[i]) return false;
  }
  return true;
}

// Every known value lies within its fact's type.
inline std::string out_of_range(const Program& p, const Scenario& s) {
  for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
    if (!s.known[f]) continue;
    const Type& t = p.types[p.facts[f].type];
    const std::int64_t v = s.values[f];
    bool ok = true;
    switch (t.kind) {
      case TypeKind::boolean: ok = v == 0 || v == 1; break;
      case TypeKind::integer: ok = v >= t.lo && v <= t.hi; break;
      case TypeKind::enumeration: ok = v >= 0 && static_cast<std::size_t>(v) < t.values.size(); break;
      case TypeKind::set: {
        const std::size_t n = p.types[t.element].values.size();
        ok = n >= 64 || (static_cast<std::uint64_t>(v) >> n) == 0;
        break;
      }
    }
    if (!ok) return p.facts[f].name + " = " + std::to_string(v);
  }
  return "";
}

// The walks agree: what the fast walk accepts the diagnosing walk accepts with the same
// values; what it refuses the diagnosing walk refuses, unless the text is not valid
// JSON (simdjson's full validation sees faults the lazy walk does not reach). read()
// follows them, and what it accepts is in range and survives scenario_to_json.
inline std::string walks_disagree(const Program& p, std::string_view json, const ScenarioLimits& limits = {}) {
  const Reading r = read_three_ways(p, json, limits);
  std::string d;
  if (r.fast && !r.diagnosing) d += "the fast walk accepts; the diagnosing walk says: " + r.diagnosing_error.message + "\n";
  if (r.fast && r.diagnosing && !same(r.fast_out, r.diagnosing_out)) d += "the walks read different values\n";
  if (!r.fast && r.diagnosing && !r.json_fault) d += "the fast walk refuses valid JSON that the diagnosing walk accepts\n";
  if (r.read != r.fast) d += std::string("read() ") + (r.read ? "accepts" : "refuses") + " unlike the fast walk\n";
  if (r.read && !same(r.read_out, r.fast_out)) d += "read() gives other values than the fast walk\n";
  if (!r.read && r.read_error.message.empty()) d += "read() refuses without a message\n";
  if (!r.read && !r.fast && !r.diagnosing && r.read_error.message != r.diagnosing_error.message) {
    d += "read() says '" + r.read_error.message + "' but the diagnosing walk '" + r.diagnosing_error.message + "'\n";
  }
  if (r.read) {
    if (std::string bad = out_of_range(p, r.read_out); !bad.empty()) d += "accepted out of range: " + bad + "\n";
    const std::string again = scenario_to_json(p, r.read_out);
    ScenarioReader reader(p, limits);
    Scenario s;
    Diagnostic e;
    if (!reader.read(again, s, e)) {
      d += "scenario_to_json wrote " + again + ", which reads back as: " + e.message + "\n";
    } else if (!same(s, r.read_out)) {
      d += "scenario_to_json wrote " + again + ", which reads back as other values\n";
    }
  }
  return d;
}

}  // namespace proviso::runtime::internal
