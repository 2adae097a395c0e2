// The terminal rendering of a decision: the decision first, then why, then what did not
// apply, what was overridden or in conflict, and the questions still to answer.
#include <fmt/format.h>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/render.hpp"

namespace proviso {

namespace {

std::string sector_name(const RenderContext& c, std::uint32_t fact) {
  if (!c.scenario.known[fact]) return "unknown";
  return format_value(c.program, c.program.sector_type, c.scenario.values[fact]);
}

std::string_view mark(const TraceNode& n, const Program& p) {
  if (n.value == Tri::unknown) return "?";
  if (n.kind == TraceKind::fact && n.id < p.facts.size() && p.types[p.facts[n.id].type].kind != TypeKind::boolean) {
    return "•";  // a value, not a truth
  }
  return n.value == Tri::true_ ? "✓" : "✗";
}

std::string cites_text(const std::vector<Citation>& cites) {
  std::string out;
  for (const Citation& c : cites) out += (out.empty() ? "" : "; ") + citation_text(c);
  return out.empty() ? out : " [" + out + "]";
}

std::string label(const TraceNode& n) {
  switch (n.kind) {
    case TraceKind::fact: {
      std::string s = n.value == Tri::unknown ? n.name + " is unknown" : n.name + " = " + n.display;
      if (!n.text.empty()) s += " — " + n.text;
      return s + cites_text(n.cites);
    }
    case TraceKind::condition: {
      std::string s = n.name;
      if (!n.text.empty()) s += " — " + n.text;
      return s + cites_text(n.cites);
    }
    case TraceKind::and_: return "all of:";
    case TraceKind::or_: return "any of:";
    case TraceKind::not_:
      if (n.text == "unless") {
        if (n.value == Tri::unknown) return "unless (not known whether it holds):";
        return n.value == Tri::false_ ? "unless (it holds):" : "unless (it does not hold):";
      }
      return "not:";
    default: return n.name;
  }
}

void tree(std::string& out, const Program& p, const TraceNode& n, std::size_t indent) {
  out.append(indent, ' ');
  out += mark(n, p);
  out += ' ';
  out += escape_for_display(label(n), true);
  out += '\n';
  for (const TraceNode& child : n.children) tree(out, p, child, indent + 2);
  if (n.cut) {
    out.append(indent + 2, ' ');
    out += "... (the trace is cut here: it is deeper than its limit of " + std::to_string(TraceOptions{}.max_depth) +
           " levels)\n";
  }
}

void rule_block(std::string& out, const RenderContext& c, const TraceNode& rule, std::string_view policy,
                std::string_view what, std::size_t indent) {
  out.append(indent, ' ');
  const bool defers = c.program.rules[rule.id].defers;
  out += fmt::format("rule {}.{} ({}{}) {}{} [{}:{}]\n", policy, rule.name, to_string(rule.effect),
                     defers ? ", defers" : "", what, rule.overflow ? " (its int arithmetic overflows 64 bits)" : "",
                     escape_for_display(rule.place.file), rule.place.line);
  if (!rule.text.empty()) {
    out.append(indent + 4, ' ');
    out += "because: " + rule.text + "\n";
  }
  for (const Citation& cite : rule.cites) {
    out.append(indent + 4, ' ');
    out += "cite: " + citation_text(cite) + "\n";
  }
  for (const TraceNode& child : rule.children) tree(out, c.program, child, indent + 4);
}

// The applying rules that beat an overridden one.
std::string beaten_by(const RenderContext& c, std::uint32_t rule) {
  std::string out;
  for (std::uint32_t b : c.program.rules[rule].beaten_by) {
    const RuleStatus s = c.result.rule_status[b];
    if (s != RuleStatus::applied && s != RuleStatus::overridden) continue;
    out += (out.empty() ? "" : ", ") + c.program.rule_qualified_name(b);
  }
  return out;
}

}  // namespace

std::string render_result_text(const RenderContext& c) {
  const Program& p = c.program;
  const Result& r = c.result;
  std::string out;
  if (!c.title.empty()) out += "Scenario: " + escape_for_display(c.title) + "\n";
  out += fmt::format("Flow: {} -> {}\n", sector_name(c, kFactFrom), sector_name(c, kFactTo));
  out += fmt::format("Decision: {}\n", to_string(r.decision));
  if (p.has_dates()) out += fmt::format("On: {}\n", format_date(r.on));
  for (std::uint32_t rule : r.overflow) {
    out += fmt::format("Overflow: rule {} is undetermined although every fact it reads is known: its int "
                       "arithmetic overflows 64 bits for these values\n",
                       p.rule_qualified_name(rule));
  }
  if (r.next_question != kNone) {
    const Fact& fact = p.facts[r.next_question];
    out += "Next question: " + (fact.question.empty() ? fact.name : fact.question + " (" + fact.name + ")") + "\n";
  }
  if (!r.obligations.empty()) {
    out += "Obligations:\n";
    for (std::uint32_t o : r.obligations) {
      out += fmt::format("  - {}: {}\n", p.obligations[o].name, p.obligations[o].text);
    }
  }
  if (!r.possible_obligations.empty()) {
    out += "Obligations that may also apply (rules not yet decided):\n";
    for (std::uint32_t o : r.possible_obligations) {
      out += fmt::format("  - {}: {}\n", p.obligations[o].name, p.obligations[o].text);
    }
    out += "  answer first:\n";
    for (std::uint32_t f : r.obligation_questions) {
      const Fact& fact = p.facts[f];
      out += fmt::format("  - {}{}\n", fact.name, fact.question.empty() ? "" : ": " + fact.question);
    }
  }
  if (r.no_covering_policy) {
    out += "\nNo policy covers this flow, so it is denied.\n";
    return out;
  }

  out += "\nWhy:\n";
  for (const PolicyResult& pr : r.policies) {
    const Policy& pol = p.policies[pr.policy];
    out += fmt::format("  policy {} decides {}", pol.name, to_string(pr.decision));
    if (pr.by_default && pr.decision != Outcome::undetermined) out += " by default";
    if (pr.conflict) out += fmt::format(" (conflict resolved by {})", to_string(pol.combine));
    // Said only when it mattered: another policy's stricter decision stood.
    if ((r.decision == Outcome::deny || r.decision == Outcome::refer) && share_defers(p, r, pr)) out += " and defers to the other covering policies";
    out += '\n';
    if (pr.by_default && pr.decision != Outcome::undetermined) {
      out += fmt::format("    no rule applied, so its default ({}) decides\n", to_string(pol.default_effect));
    }
    if (c.trace == nullptr) continue;
    for (const TraceNode& pn : c.trace->policies) {
      if (pn.id != pr.policy) continue;
      for (const TraceNode& rule : pn.children) {
        if (rule.status == RuleStatus::applied) rule_block(out, c, rule, pol.name, "applied", 4);
      }
    }
  }

  // The other rule statuses, each in its own section when there is something to say.
  struct Section {
    RuleStatus status;
    const char* heading;
  };
  const Section sections[] = {{RuleStatus::not_applicable, "Rules that did not apply:"},
                              {RuleStatus::overridden, "Overridden:"},
                              {RuleStatus::undetermined, "Undetermined rules:"},
                              {RuleStatus::not_in_force, "Not in force on the evaluation date:"}};
  if (c.trace != nullptr) {
    for (const Section& section : sections) {
      bool any = false;
      for (const TraceNode& pn : c.trace->policies) {
        for (const TraceNode& rule : pn.children) {
          if (rule.status != section.status) continue;
          if (!any) out += fmt::format("\n{}\n", section.heading);
          any = true;
          std::string what = "did not apply";
          if (section.status == RuleStatus::overridden) what = "applied but was overridden by " + beaten_by(c, rule.id);
          if (section.status == RuleStatus::undetermined) what = "could not be decided";
          if (section.status == RuleStatus::not_in_force) what = "is not in force (" + rule.effective + ")";
          rule_block(out, c, rule, pn.name, what, 2);
        }
      }
    }
  }

  bool conflicts = false;
  for (const PolicyResult& pr : r.policies) {
    if (!pr.conflict) continue;
    if (!conflicts) out += "\nConflicts:\n";
    conflicts = true;
    const Policy& pol = p.policies[pr.policy];
    std::string winners;
    for (std::uint32_t rule = pol.first_rule; rule < pol.first_rule + pol.rule_count; ++rule) {
      if (r.rule_status[rule] != RuleStatus::applied) continue;
      winners += fmt::format("{}{} ({})", winners.empty() ? "" : ", ", p.rules[rule].name,
                             to_string(p.rules[rule].effect));
    }
    out += fmt::format("  policy {}: {} applied together; combine {} gives {}\n", pol.name, winners,
                       to_string(pol.combine), to_string(pr.decision));
  }

  if (!r.missing.empty()) {
    out += "\nQuestions still to answer:\n";
    for (std::uint32_t f : r.missing) {
      const Fact& fact = p.facts[f];
      out += fmt::format("  - {}{}\n", fact.name, fact.question.empty() ? "" : ": " + fact.question);
    }
  }
  return out;
}

}  // namespace proviso
