// The contract's JSON shape for a decision (language.md section 8), compact, one line.
#include <charconv>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/render.hpp"

namespace proviso {

namespace {

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void append_tri(std::string& out, Tri t) {
  switch (t) {
    case Tri::true_: out += "true"; break;
    case Tri::false_: out += "false"; break;
    case Tri::unknown: out += "\"unknown\""; break;
  }
}

void append_bool(std::string& out, bool b) { out += b ? "true" : "false"; }

// Names (facts, rules, policies, obligations) are identifiers and need no escaping; a
// quick scan confirms it before they are copied whole, and anything else is escaped.
void append_name(std::string& out, std::string_view name) {
  for (unsigned char c : name) {
    if (c < 0x20 || c == '"' || c == '\\') {
      append_json_string(out, name);
      return;
    }
  }
  out += '"';
  out += name;
  out += '"';
}

void append_fact_names(std::string& out, const Program& p, const std::vector<std::uint32_t>& ids) {
  out += '[';
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    append_name(out, p.facts[ids[i]].name);
  }
  out += ']';
}

void append_obligations(std::string& out, const Program& p, const std::vector<std::uint32_t>& ids) {
  out += '[';
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    append_name(out, p.obligations[ids[i]].name);
  }
  out += ']';
}

// A fact's value: JSON true/false for a bool, a number for an int, the value as the
// language writes it for an enum or a set, "unknown" when the scenario lacks it.
void append_fact_value(std::string& out, const Program& p, const Scenario& s, const TraceNode& n) {
  if (n.value == Tri::unknown) {
    out += "\"unknown\"";
    return;
  }
  const std::uint32_t id = n.id;
  if (id < p.facts.size() && id < s.known.size() && s.known[id]) {
    switch (p.types[p.facts[id].type].kind) {
      case TypeKind::boolean: append_bool(out, s.values[id] != 0); return;
      case TypeKind::integer: append_int(out, s.values[id]); return;
      default: break;
    }
  }
  append_json_string(out, n.display);
}

void append_node(std::string& out, const Program& p, const Scenario& s, const TraceNode& n) {
  out += "{\"node\":";
  append_json_string(out, to_string(n.kind));
  out += ",\"name\":";
  append_json_string(out, n.name);
  out += ",\"value\":";
  if (n.kind == TraceKind::fact) {
    append_fact_value(out, p, s, n);
  } else {
    append_tri(out, n.value);
  }
  if (n.kind == TraceKind::rule) {
    out += ",\"status\":";
    append_json_string(out, to_string(n.status));
    out += ",\"effect\":";
    append_json_string(out, to_string(n.effect));
    if (n.overflow) out += ",\"overflow\":true";
    out += ",\"file\":";
    append_json_string(out, n.place.file);
    out += ",\"line\":";
    append_int(out, n.place.line);
    if (!n.effective.empty()) {
      out += ",\"effective\":";
      append_json_string(out, n.effective);
    }
  }
  out += ",\"text\":";
  append_json_string(out, n.text);
  out += ",\"cite\":[";
  for (std::size_t i = 0; i < n.cites.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, citation_text(n.cites[i]));
  }
  out += "],\"children\":[";
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    if (i) out += ',';
    append_node(out, p, s, n.children[i]);
  }
  out += ']';
  if (n.cut) out += ",\"cut\":true";  // only when cut: every other node keeps its shape
  out += '}';
}

// The root of the trace: the bundle decision, with the covering policies beneath.
void append_trace(std::string& out, const RenderContext& c) {
  const Program& p = c.program;
  const Result& r = c.result;
  out += "{\"node\":\"decision\",\"name\":";
  append_json_string(out, to_string(r.decision));
  out += ",\"value\":";
  append_tri(out, r.decision == Outcome::undetermined ? Tri::unknown : Tri::true_);
  out += ",\"text\":";
  std::string text;
  if (r.no_covering_policy) {
    text = "no policy covers the flow";
    auto sector = [&](std::uint32_t f) {
      return c.scenario.known[f] ? format_value(p, p.sector_type, c.scenario.values[f]) : std::string("unknown");
    };
    text += ' ';
    text += sector(kFactFrom);
    text += " -> ";
    text += sector(kFactTo);
    text += ", so it is denied";
  } else if (r.decision == Outcome::undetermined && r.missing.empty() && !r.overflow.empty()) {
    text = "undetermined: a rule's int arithmetic overflows 64 bits for these values";
  } else if (r.decision == Outcome::undetermined) {
    text = "undetermined: the missing facts could change the decision";
  } else {
    text = "the strictest decision of the covering policies";
  }
  append_json_string(out, text);
  out += ",\"cite\":[],\"children\":[";
  for (std::size_t i = 0; i < c.trace->policies.size(); ++i) {
    if (i) out += ',';
    append_node(out, p, c.scenario, c.trace->policies[i]);
  }
  out += "]}";
}

}  // namespace

std::string citation_text(const Citation& c) {
  if (c.ref.empty()) return c.text;
  if (c.text.empty()) return c.ref;
  std::string out = c.ref;
  out += ": ";
  out += c.text;
  return out;
}

void append_decision_json(std::string& out, Outcome o) {
  out += "{\"decision\":\"";
  out += to_string(o);
  out += "\"}";
}

void append_result_json(std::string& out, const RenderContext& c) {
  const Program& p = c.program;
  const Result& r = c.result;
  out += "{\"decision\":\"";
  out += to_string(r.decision);
  out += "\",\"on\":\"";
  out += format_date(r.on);
  out += "\",\"obligations\":";
  append_obligations(out, p, r.obligations);
  out += ",\"missing\":";
  append_fact_names(out, p, r.missing);
  out += ",\"next_question\":";
  if (r.next_question == kNone) {
    out += "null";
  } else {
    append_json_string(out, p.facts[r.next_question].name);
  }
  // Beside `missing`, in the same order: what to ask (empty when a fact has no question).
  out += ",\"questions\":[";
  for (std::size_t i = 0; i < r.missing.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, p.facts[r.missing[i]].question);
  }
  out += ']';
  // Only when some rule overflowed: every other result keeps its shape.
  if (!r.overflow.empty()) {
    out += ",\"overflow\":[";
    for (std::size_t i = 0; i < r.overflow.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, p.rule_qualified_name(r.overflow[i]));
    }
    out += ']';
  }
  if (!r.possible_obligations.empty()) {
    out += ",\"possible_obligations\":";
    append_obligations(out, p, r.possible_obligations);
    out += ",\"obligation_questions\":";
    append_fact_names(out, p, r.obligation_questions);
  }
  if (r.no_covering_policy) out += ",\"no_covering_policy\":true";
  out += ",\"policies\":[";
  for (std::size_t i = 0; i < r.policies.size(); ++i) {
    const PolicyResult& pr = r.policies[i];
    const Policy& pol = p.policies[pr.policy];
    if (i) out += ',';
    out += "{\"policy\":";
    append_name(out, pol.name);
    out += ",\"decision\":\"";
    out += to_string(pr.decision);
    out += "\",\"default\":";
    append_bool(out, pr.by_default);
    out += ",\"conflict\":";
    append_bool(out, pr.conflict);
    if (share_defers(p, r, pr)) out += ",\"defers\":true";
    out += ",\"obligations\":";
    append_obligations(out, p, pr.obligations);
    out += ",\"rules\":[";
    for (std::uint32_t rule = pol.first_rule; rule < pol.first_rule + pol.rule_count; ++rule) {
      if (rule != pol.first_rule) out += ',';
      out += "{\"rule\":";
      append_name(out, p.rules[rule].name);
      out += ",\"status\":\"";
      out += to_string(r.rule_status[rule]);
      out += "\",\"effect\":\"";
      out += to_string(p.rules[rule].effect);
      out += '"';
      if (p.rules[rule].defers) out += ",\"defers\":true";
      // An amendment's rule: the file it came from, so local rules stand apart.
      if (p.rules[rule].place.file != pol.place.file) {
        out += ",\"amended_in\":";
        append_json_string(out, p.rules[rule].place.file);
      }
      out += '}';
    }
    out += "]}";
  }
  out += ']';
  if (c.trace != nullptr) {
    out += ",\"trace\":";
    append_trace(out, c);
  }
  out += '}';
}

std::string render_result_json(const RenderContext& c) {
  std::string out;
  append_result_json(out, c);
  return out;
}

}  // namespace proviso
