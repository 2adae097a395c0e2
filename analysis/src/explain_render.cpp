// The three renderings of an Explanation. JSON is the contract (docs/language.md,
// "proviso explain"): fields may be added, never removed or renamed.
#include <fmt/format.h>

#include <string>

#include "proviso/analysis/explain.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso {

namespace {

std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string fact_value(const Program& p, std::uint32_t fact, std::int64_t v) {
  return format_value(p, p.facts[fact].type, v);
}

// A value as JSON: bool, number, the enum value's name, or an array of names.
std::string json_value(const Program& p, std::uint32_t fact, std::int64_t v) {
  const Type& t = p.types[p.facts[fact].type];
  switch (t.kind) {
    case TypeKind::boolean: return v != 0 ? "true" : "false";
    case TypeKind::integer: return std::to_string(v);
    case TypeKind::enumeration:
      return v >= 0 && static_cast<std::size_t>(v) < t.values.size() ? quoted(t.values[static_cast<std::size_t>(v)])
                                                                     : std::string("null");
    case TypeKind::set: {
      const auto& names = p.types[t.element].values;
      std::string out = "[";
      for (std::size_t i = 0; i < names.size() && i < kSetMaskBits; ++i) {
        if (((static_cast<std::uint64_t>(v) >> i) & 1u) == 0) continue;
        if (out.size() > 1) out += ",";
        out += quoted(names[i]);
      }
      return out + "]";
    }
  }
  return "null";
}

std::string_view effect_name(Effect e) { return to_string(e); }

std::string tri_name(Tri t) { return t == Tri::true_ ? "true" : t == Tri::false_ ? "false" : "unknown"; }

// A failed step as words: the condition's name or the expression as written.
std::string step_text(const Program& p, const RouteStep& s) {
  const Node& n = p.nodes[s.node];
  std::string what = n.op == Op::condition ? p.conditions[n.label].name : n.text;
  return s.in_unless ? fmt::format("unless {}", what) : what;
}

std::string place(const SourcePlace& pl) { return fmt::format("{}:{}", pl.file, pl.line); }

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string change_text(const Program& p, const FactChange& c) {
  return fmt::format("{}: {} -> {}", p.facts[c.fact].name, c.was_known ? fact_value(p, c.fact, c.from) : "(unknown)",
                     fact_value(p, c.fact, c.to));
}

std::string rule_list(const Program& p, const std::vector<std::uint32_t>& rules) {
  std::string out;
  for (std::uint32_t r : rules) out += (out.empty() ? "" : ", ") + p.rule_qualified_name(r);
  return out;
}

// "rule a.b, c.d and the default of p", or empty.
std::string deciders(const Program& p, const Alternative& a) {
  std::string out = rule_list(p, a.rules);
  for (std::uint32_t pol : a.defaults) out += (out.empty() ? "the default of " : ", the default of ") + p.policies[pol].name;
  return out;
}

std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string nothing_text(const Explanation& e) {
  return fmt::format("No change of the facts that may change gives {}.", effect_name(e.target));
}

}  // namespace

std::string render_closest_route_text(const Program& p, const Explanation& e) {
  if (e.closest.empty()) return {};
  std::string out = "Closest route to share:\n";
  for (const RouteRule& rr : e.closest) {
    out += fmt::format("  rule {} (share) did not apply [{}]\n", p.rule_qualified_name(rr.rule), place(p.rules[rr.rule].place));
    for (const RouteStep& s : rr.failed) out += fmt::format("      ✗ {} is {}\n", step_text(p, s), tri_name(s.value));
  }
  return out;
}

std::string render_closest_route_markdown(const Program& p, const Explanation& e) {
  if (e.closest.empty()) return {};
  std::string out = "## Closest route to share\n\n";
  for (const RouteRule& rr : e.closest) {
    out += fmt::format("- rule `{}` (share), {}:", p.rule_qualified_name(rr.rule), place(p.rules[rr.rule].place));
    std::string sep = " ";
    for (const RouteStep& s : rr.failed) {
      out += fmt::format("{}`{}` is {}", sep, step_text(p, s), tri_name(s.value));
      sep = "; ";
    }
    out += "\n";
  }
  return out + "\n";
}

std::string render_explanation_text(const Program& p, const Scenario& s, const Explanation& e) {
  std::string out = fmt::format("Flow: {} -> {}\nDecision: {}\nTarget: {}\n\n", fact_value(p, kFactFrom, s.values[kFactFrom]),
                                fact_value(p, kFactTo, s.values[kFactTo]), to_string(e.decision), effect_name(e.target));
  if (e.alternatives.empty()) {
    if (e.complete) out += nothing_text(e) + "\n";
    for (std::uint32_t r : e.blocking_rules) {
      out += fmt::format("  rule {} ({}) applies whatever may change [{}]\n", p.rule_qualified_name(r),
                         effect_name(p.rules[r].effect), place(p.rules[r].place));
    }
    for (std::uint32_t pol : e.blocking_policies) {
      out += fmt::format("  policy {} never decides {} [{}]\n", p.policies[pol].name, effect_name(e.target),
                         place(p.policies[pol].place));
    }
  } else {
    out += fmt::format("Alternatives (smallest first):\n");
    for (std::size_t i = 0; i < e.alternatives.size(); ++i) {
      const Alternative& a = e.alternatives[i];
      const std::string by = deciders(p, a);
      out += fmt::format("  {}. {} -> {}{}\n", i + 1, plural(a.changes.size(), "change", "changes"), to_string(a.decision),
                         by.empty() ? std::string() : " by " + by);
      for (const FactChange& c : a.changes) out += fmt::format("       {}\n", change_text(p, c));
    }
  }
  if (!e.complete) out += fmt::format("Search incomplete: {}.\n", e.incomplete);
  const std::string route = render_closest_route_text(p, e);
  if (!route.empty()) out += "\n" + route;
  if (!e.cites.empty()) {
    out += "\nCites:";
    for (const std::string& c : e.cites) out += " " + c;
    out += "\n";
  }
  return out;
}

std::string render_explanation_json(const Program& p, const Scenario& s, const Explanation& e) {
  std::string out = fmt::format("{{\"decision\":{},\"target\":{},\"from\":{},\"to\":{},\"alternatives\":[",
                                quoted(to_string(e.decision)), quoted(effect_name(e.target)),
                                json_value(p, kFactFrom, s.values[kFactFrom]), json_value(p, kFactTo, s.values[kFactTo]));
  for (std::size_t i = 0; i < e.alternatives.size(); ++i) {
    const Alternative& a = e.alternatives[i];
    out += i ? ",{\"changes\":[" : "{\"changes\":[";
    for (std::size_t j = 0; j < a.changes.size(); ++j) {
      const FactChange& c = a.changes[j];
      out += fmt::format("{}{{\"fact\":{},\"from\":{},\"to\":{}}}", j ? "," : "", quoted(p.facts[c.fact].name),
                         c.was_known ? json_value(p, c.fact, c.from) : "null", json_value(p, c.fact, c.to));
    }
    out += fmt::format("],\"decision\":{},\"rules\":[", quoted(to_string(a.decision)));
    for (std::size_t j = 0; j < a.rules.size(); ++j) out += (j ? "," : "") + quoted(p.rule_qualified_name(a.rules[j]));
    out += "],\"defaults\":[";
    for (std::size_t j = 0; j < a.defaults.size(); ++j) out += (j ? "," : "") + quoted(p.policies[a.defaults[j]].name);
    out += "]}";
  }
  out += fmt::format("],\"complete\":{}", e.complete ? "true" : "false");
  if (!e.complete) out += ",\"incomplete\":" + quoted(e.incomplete);
  out += ",\"blocking\":{\"rules\":[";
  for (std::size_t j = 0; j < e.blocking_rules.size(); ++j) {
    out += (j ? "," : "") + quoted(p.rule_qualified_name(e.blocking_rules[j]));
  }
  out += "],\"policies\":[";
  for (std::size_t j = 0; j < e.blocking_policies.size(); ++j) {
    out += (j ? "," : "") + quoted(p.policies[e.blocking_policies[j]].name);
  }
  out += "]},\"closest_route\":[";
  for (std::size_t i = 0; i < e.closest.size(); ++i) {
    const RouteRule& rr = e.closest[i];
    out += fmt::format("{}{{\"rule\":{},\"failed\":[", i ? "," : "", quoted(p.rule_qualified_name(rr.rule)));
    for (std::size_t j = 0; j < rr.failed.size(); ++j) {
      const RouteStep& st = rr.failed[j];
      const Node& n = p.nodes[st.node];
      out += fmt::format("{}{{\"text\":{},\"value\":{},\"unless\":{}", j ? "," : "", quoted(n.text), quoted(tri_name(st.value)),
                         st.in_unless ? "true" : "false");
      if (n.op == Op::condition) out += ",\"condition\":" + quoted(p.conditions[n.label].name);
      out += "}";
    }
    out += "]}";
  }
  out += "],\"cite\":[";
  for (std::size_t j = 0; j < e.cites.size(); ++j) out += (j ? "," : "") + quoted(e.cites[j]);
  out += "]}";
  return out;
}

std::string render_explanation_markdown(const Program& p, const Scenario& s, const Explanation& e) {
  std::string out = fmt::format("# Explanation: why {}, and what would give {}\n\n", to_string(e.decision), effect_name(e.target));
  out += fmt::format("- Flow: {} → {}\n- Decision: **{}**\n- Target: **{}**\n\n", fact_value(p, kFactFrom, s.values[kFactFrom]),
                     fact_value(p, kFactTo, s.values[kFactTo]), to_string(e.decision), effect_name(e.target));
  out += "## Alternatives\n\n";
  if (e.alternatives.empty()) {
    if (e.complete) out += nothing_text(e) + "\n";
    for (std::uint32_t r : e.blocking_rules) {
      out += fmt::format("- rule `{}` ({}) applies whatever may change ({})\n", p.rule_qualified_name(r),
                         effect_name(p.rules[r].effect), place(p.rules[r].place));
    }
    for (std::uint32_t pol : e.blocking_policies) {
      out += fmt::format("- policy `{}` never decides {} ({})\n", p.policies[pol].name, effect_name(e.target),
                         place(p.policies[pol].place));
    }
  } else {
    out += "| # | changes | decision | by |\n| --- | --- | --- | --- |\n";
    for (std::size_t i = 0; i < e.alternatives.size(); ++i) {
      const Alternative& a = e.alternatives[i];
      std::string changes;
      for (const FactChange& c : a.changes) changes += (changes.empty() ? "" : "<br>") + md_cell(change_text(p, c));
      out += fmt::format("| {} | {} | {} | {} |\n", i + 1, changes.empty() ? "(none)" : changes, to_string(a.decision),
                         md_cell(deciders(p, a)));
    }
  }
  if (!e.complete) out += fmt::format("\nSearch incomplete: {}.\n", e.incomplete);
  out += "\n";
  out += render_closest_route_markdown(p, e);
  if (!e.cites.empty()) {
    out += "## Cites\n\n";
    for (const std::string& c : e.cites) out += fmt::format("- {}\n", c);
  }
  return out;
}

}  // namespace proviso
