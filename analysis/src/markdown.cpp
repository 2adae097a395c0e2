#include "markdown.hpp"

#include "cite.hpp"
#include "proviso/base/diagnostic.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::analysis::internal {

namespace {

std::string value_text(const Program& p, std::uint32_t f, std::int64_t v) {
  const Type& t = p.types[p.facts[f].type];
  switch (t.kind) {
    case TypeKind::boolean: return v != 0 ? "true" : "false";
    case TypeKind::integer: return std::to_string(v);
    case TypeKind::enumeration:
      return v >= 0 && static_cast<std::size_t>(v) < t.values.size() ? t.values[static_cast<std::size_t>(v)] : "?";
    case TypeKind::set: {
      const Type& e = p.types[t.element];
      std::string out;
      for (std::size_t i = 0; i < e.values.size() && i < kSetMaskBits; ++i) {
        if (((static_cast<std::uint64_t>(v) >> i) & 1u) != 0) out += (out.empty() ? "" : ", ") + e.values[i];
      }
      return "{" + out + "}";
    }
  }
  return "?";
}

std::size_t known_count(const Scenario& s) {
  std::size_t n = 0;
  for (std::uint8_t k : s.known) n += k;
  return n;
}

bool read_witness(const Program& p, std::string_view json, Scenario& out) {
  ScenarioReader reader(p);
  Diagnostic error;
  return reader.read(json, out, error);
}

std::string join_cites(const std::vector<std::string>& cites) {
  std::string out;
  for (const std::string& c : cites) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

std::string md_text(std::string_view s) {
  std::string out;
  for (char c : escape_for_display(s)) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string md_witness(const Program& p, std::string_view witness_json, std::string_view full_json,
                       std::string_view what) {
  Scenario s, full;
  if (!read_witness(p, witness_json, s)) return "Witness: `" + md_text(witness_json) + "`\n";
  std::string out = "| fact | question | value |\n| --- | --- | --- |\n";
  for (std::uint32_t f = 0; f < s.known.size(); ++f) {
    if (!s.known[f]) continue;
    const Fact& fact = p.facts[f];
    std::string question = fact.question;
    if (f == kFactFrom && question.empty()) question = "Which sector discloses the data?";
    if (f == kFactTo && question.empty()) question = "Which sector receives the data?";
    out += "| `" + md_text(fact.name) + "` | " + md_text(question) + " | " + md_text(value_text(p, f, s.values[f])) + " |\n";
  }
  if (!full_json.empty() && read_witness(p, full_json, full)) {
    const std::size_t left_out = known_count(full) - std::min(known_count(full), known_count(s));
    if (left_out > 0) {
      out += "\n" + std::to_string(left_out) + " other fact" + (left_out == 1 ? "" : "s") +
             " of the full witness left out: the " + std::string(what) + " holds whatever " + (left_out == 1 ? "its value" : "their values") +
             ".\n";
    }
  }
  return out;
}

std::string md_rules(const Program& p, const std::vector<std::string>& rules) {
  std::string out = "| rule | where | because | cites |\n| --- | --- | --- | --- |\n";
  for (const std::string& name : rules) {
    const std::uint32_t r = p.find_rule(name);
    if (r == kNone) {
      const std::uint32_t pol = p.find_policy(name);
      std::string where = pol == kNone ? "" : p.policies[pol].place.file + ":" + std::to_string(p.policies[pol].place.line);
      out += "| `" + md_text(name) + "` (policy) | " + md_text(where) + " |  |  |\n";
      continue;
    }
    const Rule& rule = p.rules[r];
    out += "| `" + md_text(name) + "` (" + std::string(to_string(rule.effect)) + ") | " +
           md_text(rule.place.file + ":" + std::to_string(rule.place.line)) + " | " + md_text(rule.because) + " | " +
           md_text(join_cites(cites_of(p, {r}, nullptr))) + " |\n";
  }
  return out;
}

std::string md_cites(const std::vector<const Program*>& programs, const std::vector<std::string>& cites) {
  std::string out;
  for (const std::string& c : cites) {
    std::string text;
    for (const Program* p : programs) {
      if (text.empty()) text = citation_text(*p, c);
    }
    out += "- `" + md_text(c) + "`" + (text.empty() ? "" : ": " + md_text(text)) + "\n";
  }
  return out;
}

}  // namespace proviso::analysis::internal
