// The contract's JSON shape for a decision (language.md section 8), compact, one line.
#include <optional>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/runtime/render.hpp"
#include "render/json_out.hpp"

namespace proviso {

using runtime::internal::append_int;
using runtime::internal::append_name;
using runtime::internal::append_tri;

namespace {

void append_bool(std::string& out, bool b) { out += b ? "true" : "false"; }

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

// A fact's value as the scenario gives it, "unknown" when the scenario lacks it.
void append_fact_value(std::string& out, const Program& p, const Scenario& s, const TraceNode& n) {
  const std::uint32_t id = n.id;
  if (n.value == Tri::unknown || id >= p.facts.size() || id >= s.known.size() || !s.known[id]) {
    if (n.value == Tri::unknown) {
      out += "\"unknown\"";
    } else {
      append_json_string(out, n.display);
    }
    return;
  }
  append_value_json(out, p, p.facts[id].type, s.values[id]);
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
  runtime::internal::append_decision_root(out, c.program, c.scenario, c.result);
  for (std::size_t i = 0; i < c.trace->policies.size(); ++i) {
    if (i) out += ',';
    append_node(out, c.program, c.scenario, c.trace->policies[i]);
  }
  out += "]}";
}

// "line" and "id" lead a result, so a reader matches it to its input at a glance.
void append_line_and_id(std::string& out, const RenderContext& c) {
  out += '{';
  if (c.line != 0) {
    out += "\"line\":";
    append_int(out, static_cast<std::int64_t>(c.line));
    out += ',';
  }
  if (c.scenario.has_id) {
    out += "\"id\":";
    append_json_string(out, c.scenario.id);
    out += ',';
  }
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

namespace runtime::internal {

void append_decision_root(std::string& out, const Program& p, const Scenario& s, const Result& r) {
  out += "{\"node\":\"decision\",\"name\":\"";
  out += to_string(r.decision);
  out += "\",\"value\":";
  append_tri(out, r.decision == Outcome::undetermined ? Tri::unknown : Tri::true_);
  out += ",\"text\":";
  if (r.no_covering_policy) {
    std::string text = "no policy covers the flow";
    auto sector = [&](std::uint32_t f) {
      return s.known[f] ? format_value(p, p.sector_type, s.values[f]) : std::string("unknown");
    };
    text += ' ';
    text += sector(kFactFrom);
    text += " -> ";
    text += sector(kFactTo);
    text += ", so it is denied";
    append_json_string(out, text);
  } else if (r.decision == Outcome::undetermined && r.missing.empty() && !r.overflow.empty()) {
    out += "\"undetermined: a rule's int arithmetic overflows 64 bits for these values\"";
  } else if (r.decision == Outcome::undetermined) {
    out += "\"undetermined: the missing facts could change the decision\"";
  } else {
    out += "\"the strictest decision of the covering policies\"";
  }
  out += ",\"cite\":[],\"children\":[";
}

}  // namespace runtime::internal

std::string_view to_string(TraceMode m) {
  switch (m) {
    case TraceMode::none: return "none";
    case TraceMode::minimal: return "minimal";
    case TraceMode::full: return "full";
  }
  return "full";
}

std::optional<TraceMode> parse_trace_mode(std::string_view text) {
  if (text == "none") return TraceMode::none;
  if (text == "minimal") return TraceMode::minimal;
  if (text == "full") return TraceMode::full;
  return std::nullopt;
}

void append_value_json(std::string& out, const Program& p, std::uint32_t type, std::int64_t value) {
  const Type* t = type < p.types.size() ? &p.types[type] : nullptr;
  if (t == nullptr || t->kind == TypeKind::integer) {
    append_int(out, value);
    return;
  }
  switch (t->kind) {
    case TypeKind::boolean: append_bool(out, value != 0); return;
    case TypeKind::enumeration:
      if (value >= 0 && static_cast<std::uint64_t>(value) < t->values.size()) {
        append_name(out, t->values[static_cast<std::size_t>(value)]);
      } else {
        append_int(out, value);
      }
      return;
    case TypeKind::set: {
      const Type* element = t->element < p.types.size() ? &p.types[t->element] : nullptr;
      out += '[';
      bool first = true;
      for (unsigned bit = 0; bit < kSetMaskBits; ++bit) {
        if (((static_cast<std::uint64_t>(value) >> bit) & 1u) == 0) continue;
        if (!first) out += ',';
        first = false;
        if (element != nullptr && bit < element->values.size()) {
          append_name(out, element->values[bit]);
        } else {
          append_int(out, bit);
        }
      }
      out += ']';
      return;
    }
    default: append_int(out, value); return;
  }
}

void append_decision_json(std::string& out, Outcome o) {
  out += "{\"decision\":\"";
  out += to_string(o);
  out += "\"}";
}

void append_decision_json(std::string& out, const RenderContext& c) {
  append_line_and_id(out, c);
  out += "\"decision\":\"";
  out += to_string(c.result.decision);
  out += "\",\"obligations\":";
  append_obligations(out, c.program, c.result.obligations);
  out += ",\"missing\":";
  append_fact_names(out, c.program, c.result.missing);
  out += '}';
}

void append_result_json(std::string& out, const RenderContext& c) {
  const Program& p = c.program;
  const Result& r = c.result;
  append_line_and_id(out, c);
  out += "\"decision\":\"";
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
  // Fragments of another program would write another program's names: not used.
  const JsonFragments* fragments = c.fragments != nullptr && &c.fragments->program() == &p ? c.fragments : nullptr;
  std::optional<runtime::internal::MinimalReasons> reasons;
  if (c.json_trace == TraceMode::minimal) reasons.emplace(out, c, fragments);
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
      if (const JsonFragments::RuleEntry* made = fragments != nullptr ? fragments->rule(rule) : nullptr) {
        out += made->head;
        out += to_string(r.rule_status[rule]);
        out += made->tail;
      } else {
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
      }
      if (reasons) reasons->rule(rule);
      out += '}';
    }
    out += "]}";
  }
  out += ']';
  if (c.json_trace == TraceMode::full && c.trace != nullptr) {
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
