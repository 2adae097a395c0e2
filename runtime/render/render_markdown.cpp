// A Markdown decision record: what a governance board pastes into its minutes, with the
// flow, the decision, its obligations, the reasons and their citations, the rules
// considered, the facts relied on, when it was recorded and which bundle decided it.
#include <fmt/format.h>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/render.hpp"

namespace proviso {

namespace {

// Table cells and inline text: no pipes or line breaks may leak into the table syntax,
// and Markdown punctuation in names stays literal.
std::string cell(std::string_view text) {
  // Control characters first become visible escapes (a scenario title or a file name
  // can carry them), so none reaches the record or a terminal that shows it.
  const std::string s = escape_for_display(text, true);
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '|': out += "\\|"; break;
      case '\n':
      case '\r': out += ' '; break;
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '<':
      case '>':
        out += '\\';
        out += ch;
        break;
      default: out += ch;
    }
  }
  return out;
}

std::string code(std::string_view text) {
  const std::string s = escape_for_display(text, true);
  std::string out;
  for (char ch : s) out += (ch == '`' || ch == '\n' || ch == '\r') ? ' ' : ch;
  return "`" + out + "`";
}

std::string sector_name(const RenderContext& c, std::uint32_t fact) {
  if (!c.scenario.known[fact]) return "unknown";
  return format_value(c.program, c.program.sector_type, c.scenario.values[fact]);
}

std::string_view word(Tri t) {
  switch (t) {
    case Tri::true_: return "holds";
    case Tri::false_: return "does not hold";
    case Tri::unknown: return "unknown";
  }
  return "unknown";
}

std::string cites(const std::vector<Citation>& list) {
  std::string out;
  for (const Citation& c : list) out += (out.empty() ? "" : "; ") + cell(citation_text(c));
  return out;
}

void node_item(std::string& out, const TraceNode& n, std::size_t depth) {
  out.append(depth * 2, ' ');
  out += "- ";
  switch (n.kind) {
    case TraceKind::fact:
      out += n.value == Tri::unknown ? code(n.name) + " is unknown" : code(n.name) + " = " + code(n.display);
      if (!n.text.empty()) out += " (" + cell(n.text) + ")";
      break;
    case TraceKind::condition:
      out += code(n.name) + " " + std::string(word(n.value));
      if (!n.text.empty()) out += ": " + cell(n.text);
      break;
    case TraceKind::and_: out += std::string("all of (") + std::string(word(n.value)) + ")"; break;
    case TraceKind::or_: out += std::string("any of (") + std::string(word(n.value)) + ")"; break;
    case TraceKind::not_:
      if (n.text == "unless") {
        // The node's value is the rule's side of it (not E); say what E did.
        out += n.value == Tri::unknown ? "unless (not known whether it holds)"
                                       : (n.value == Tri::false_ ? "unless (it holds)" : "unless (it does not hold)");
      } else {
        out += "not (" + std::string(word(n.value)) + ")";
      }
      break;
    default: out += code(n.name) + " " + std::string(word(n.value)); break;
  }
  if (!n.cites.empty()) out += " — " + cites(n.cites);
  out += '\n';
  for (const TraceNode& child : n.children) node_item(out, child, depth + 1);
  if (n.cut) {
    out.append((depth + 1) * 2, ' ');
    out += "- … (the trace is cut here: it is deeper than its limit of " + std::to_string(TraceOptions{}.max_depth) +
           " levels)\n";
  }
}

// Facts the reasoning touched, in declaration order.
void collect_facts(const TraceNode& n, std::vector<std::uint8_t>& seen) {
  if (n.kind == TraceKind::fact && n.id < seen.size()) seen[n.id] = 1;
  for (const TraceNode& child : n.children) collect_facts(child, seen);
}

}  // namespace

std::string render_result_markdown(const RenderContext& c) {
  const Program& p = c.program;
  const Result& r = c.result;
  const std::string flow = sector_name(c, kFactFrom) + " → " + sector_name(c, kFactTo);
  std::string out;
  out += "# Decision record: " + cell(c.title.empty() ? flow : c.title) + "\n\n";
  out += "| | |\n|---|---|\n";
  out += "| Flow | " + cell(flow) + " |\n";
  out += fmt::format("| Decision | **{}** |\n", to_string(r.decision));
  out += "| Decided as on | " + format_date(r.on) + " |\n";
  for (std::uint32_t rule : r.overflow) {
    out += "| Overflow | rule " + code(p.rule_qualified_name(rule)) +
           " is undetermined although every fact it reads is known: its int arithmetic overflows 64 bits |\n";
  }
  if (r.next_question != kNone) {
    const Fact& fact = p.facts[r.next_question];
    const std::string question =
        fact.question.empty() ? code(fact.name) : cell(fact.question) + " (" + code(fact.name) + ")";
    out += "| Next question | " + question + " |\n";
  }
  out += "| Recorded | " + cell(c.timestamp.empty() ? "not recorded" : c.timestamp) + " |\n";
  out += "| Bundle version | " + (p.version.empty() ? std::string("unknown") : code(p.version)) + " |\n";

  if (r.decision == Outcome::share) {
    out += "\n## Obligations\n\n";
    if (r.obligations.empty()) out += "None.\n";
    for (std::uint32_t o : r.obligations) {
      out += "- " + code(p.obligations[o].name) + ": " + cell(p.obligations[o].text) + "\n";
    }
    if (!r.possible_obligations.empty()) {
      out += "\nMay also apply once these questions are answered (the rules that carry them are not yet decided):\n\n";
      for (std::uint32_t o : r.possible_obligations) {
        out += "- " + code(p.obligations[o].name) + ": " + cell(p.obligations[o].text) + "\n";
      }
      out += "\nQuestions:\n\n";
      for (std::uint32_t f : r.obligation_questions) {
        const Fact& fact = p.facts[f];
        out += "- " + code(fact.name) + (fact.question.empty() ? "" : ": " + cell(fact.question)) + "\n";
      }
    }
  }

  out += "\n## Reasons\n\n";
  if (r.no_covering_policy) out += "No policy covers this flow, so it is denied.\n";
  for (const PolicyResult& pr : r.policies) {
    const Policy& pol = p.policies[pr.policy];
    out += fmt::format("### Policy {}: {}\n\n", code(pol.name), to_string(pr.decision));
    if (pr.by_default && pr.decision != Outcome::undetermined) out += fmt::format("No rule applied, so its default ({}) decides.\n\n", to_string(pol.default_effect));
    if (pr.conflict) {
      out += fmt::format("Rules with different effects applied; `combine {}` resolves the conflict.\n\n",
                         to_string(pol.combine));
    }
    if ((r.decision == Outcome::deny || r.decision == Outcome::refer) && share_defers(p, r, pr)) {
      out += "Its share defers to the other covering policies, whose stricter decision stands.\n\n";
    }
    if (c.trace == nullptr) continue;
    for (const TraceNode& pn : c.trace->policies) {
      if (pn.id != pr.policy) continue;
      for (const TraceNode& rule : pn.children) {
        if (rule.status != RuleStatus::applied && rule.status != RuleStatus::undetermined) continue;
        out += fmt::format("- Rule {} ({}{}) {}", code(rule.name), to_string(rule.effect),
                           p.rules[rule.id].defers ? ", defers" : "",
                           rule.status == RuleStatus::applied ? "applied" : "could not be decided");
        if (!rule.text.empty()) out += ": " + cell(rule.text);
        out += '\n';
        if (!rule.cites.empty()) out += "  - Cites: " + cites(rule.cites) + "\n";
        for (const TraceNode& child : rule.children) node_item(out, child, 1);
      }
      out += '\n';
    }
  }

  if (!r.missing.empty()) {
    out += "## Questions still to answer\n\n";
    for (std::uint32_t f : r.missing) {
      const Fact& fact = p.facts[f];
      out += "- " + code(fact.name) + (fact.question.empty() ? "" : ": " + cell(fact.question)) + "\n";
    }
    out += '\n';
  }

  out += "## Rules considered\n\n";
  if (r.policies.empty()) out += "None.\n";
  else out += "| Rule | Effect | Status | Written in |\n|---|---|---|---|\n";
  for (const PolicyResult& pr : r.policies) {
    const Policy& pol = p.policies[pr.policy];
    for (std::uint32_t rule = pol.first_rule; rule < pol.first_rule + pol.rule_count; ++rule) {
      out += fmt::format("| {} | {} | {} | {} |\n", code(p.rule_qualified_name(rule)), to_string(p.rules[rule].effect),
                         to_string(r.rule_status[rule]),
                         code(p.rules[rule].place.file + ":" + std::to_string(p.rules[rule].place.line)));
    }
  }

  out += "\n## Facts relied on\n\n";
  std::vector<std::uint8_t> seen(p.facts.size(), 0);
  seen[kFactFrom] = seen[kFactTo] = 1;
  if (c.trace != nullptr) {
    for (const TraceNode& pn : c.trace->policies) collect_facts(pn, seen);
  } else {
    for (std::size_t f = 0; f < p.facts.size(); ++f) seen[f] = c.scenario.known[f];
  }
  out += "| Fact | Value | Question |\n|---|---|---|\n";
  for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
    if (!seen[f]) continue;
    const Fact& fact = p.facts[f];
    const std::string value =
        c.scenario.known[f] ? code(format_value(p, fact.type, c.scenario.values[f])) : std::string("unknown");
    out += fmt::format("| {} | {} | {} |\n", code(fact.name), value, cell(fact.question));
  }
  return out;
}

}  // namespace proviso
