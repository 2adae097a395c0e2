// The assessment as text (a terminal) and as Markdown (a board paper).
#include <fmt/format.h>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/report/assess.hpp"

namespace proviso {
namespace {

std::string shown(std::string_view s) { return escape_for_display(s); }

std::string group_title(const std::string& g) { return g.empty() ? "other questions" : g; }

std::string flag_word(const AssessedCondition& c) {
  return c.value == Tri::true_ ? "RED FLAG" : c.value == Tri::unknown ? "unknown" : "clear";
}

std::string policy_line(const PolicyOutcome& po) {
  return po.covers ? std::string(to_string(po.decision)) : "does not cover this flow";
}

std::string rule_list(const Program& p, const PolicyOutcome& po) {
  std::string out;
  for (std::uint32_t r : po.rules) out += (out.empty() ? "" : ", ") + p.rules[r].name;
  return out;
}

std::string cell(std::string_view s) {
  std::string out;
  for (char c : escape_for_display(s)) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_assessment_text(const Assessment& a) {
  const Program& p = *a.program;
  const FrameworkInfo& f = *a.framework;
  std::string out = fmt::format("assessment: {} ({})\n", f.name, shown(f.title));
  if (!a.scenario_title.empty()) out += fmt::format("scenario: {}\n", shown(a.scenario_title));
  if (a.on != kNoDate) out += fmt::format("on: {}\n", format_date(a.on));
  out += fmt::format("decision: {}\n", to_string(a.decision));
  for (const AssessedGroup& g : a.groups) {
    out += fmt::format("\n{}\n", group_title(g.name));
    for (const AssessedQuestion& q : g.questions) {
      out += fmt::format("  {}  {}\n", f.questions[q.question].name, shown(f.questions[q.question].text));
      if (q.facts.empty() && q.conditions.empty()) out += "      (nothing cites this question)\n";
      for (const AssessedFact& af : q.facts) {
        out += fmt::format("      fact {} = {}\n", p.facts[af.fact].name, describe_answer(p, af));
      }
      for (const AssessedCondition& c : q.conditions) {
        out += fmt::format("      condition {}: {}\n", p.conditions[c.condition].name, to_string(c.value));
      }
    }
    if (!g.conditions.empty()) {
      out += fmt::format("  {} conditions:\n", group_title(g.name));
      for (const AssessedCondition& c : g.conditions) {
        const ConditionInfo& ci = p.conditions[c.condition];
        out += fmt::format("      {}: {}{}\n", ci.name, to_string(c.value), ci.text.empty() ? "" : "  " + shown(ci.text));
      }
    }
  }
  out += "\nred flags (blocking conditions about the framework):\n";
  if (a.flags.empty()) out += "  none\n";
  for (const AssessedCondition& c : a.flags) {
    const ConditionInfo& ci = p.conditions[c.condition];
    out += fmt::format("  {:<8}  {}: {}{}\n", flag_word(c), ci.name, to_string(c.value),
                       ci.text.empty() ? "" : "  " + shown(ci.text));
  }
  if (!a.spokes.empty()) {
    out += "\nscores:\n";
    for (const Spoke& s : a.spokes) {
      out += fmt::format("  {:<12} {}{}\n", f.questions[s.question].name,
                         s.known ? fmt::format("{} of {}..{}", s.value, s.lo, s.hi) : "unknown",
                         s.threshold ? fmt::format("  (threshold: {}, condition {})",
                                                   describe_threshold(p, s.fact, *s.threshold),
                                                   p.conditions[s.threshold->condition].name)
                                     : "");
    }
  }
  out += "\npolicy decisions that depend on the framework:\n";
  if (a.policies.empty()) out += "  none\n";
  for (const PolicyOutcome& po : a.policies) {
    out += fmt::format("  {}: {}  (rules: {})\n", p.policies[po.policy].name, policy_line(po), rule_list(p, po));
  }
  return out;
}

std::string render_assessment_markdown(const Assessment& a) {
  const Program& p = *a.program;
  const FrameworkInfo& f = *a.framework;
  std::string out = fmt::format("# Assessment: {}\n\n{}\n\n", f.name, cell(f.title));
  if (!a.scenario_title.empty()) out += fmt::format("- Scenario: {}\n", cell(a.scenario_title));
  if (a.on != kNoDate) out += fmt::format("- On: {}\n", format_date(a.on));
  out += fmt::format("- Decision: **{}**\n", to_string(a.decision));
  for (const AssessedGroup& g : a.groups) {
    out += fmt::format("\n## {}\n\n| question | text | answers | conditions |\n| --- | --- | --- | --- |\n",
                       group_title(g.name));
    for (const AssessedQuestion& q : g.questions) {
      std::string answers, conditions;
      for (const AssessedFact& af : q.facts) {
        answers += fmt::format("{}`{}` = {}", answers.empty() ? "" : "<br>", p.facts[af.fact].name, describe_answer(p, af));
      }
      for (const AssessedCondition& c : q.conditions) {
        conditions += fmt::format("{}`{}`: {}", conditions.empty() ? "" : "<br>", p.conditions[c.condition].name,
                                  to_string(c.value));
      }
      out += fmt::format("| {} | {} | {} | {} |\n", f.questions[q.question].name, cell(f.questions[q.question].text),
                         answers.empty() ? "(none)" : answers, conditions.empty() ? "(none)" : conditions);
    }
    if (!g.conditions.empty()) {
      out += fmt::format("\nConditions of {}:\n\n", group_title(g.name));
      for (const AssessedCondition& c : g.conditions) {
        const ConditionInfo& ci = p.conditions[c.condition];
        out += fmt::format("- `{}`: **{}**{}\n", ci.name, to_string(c.value), ci.text.empty() ? "" : " — " + cell(ci.text));
      }
    }
  }
  out += "\n## Red flags\n\nBlocking conditions about the framework; a red flag is one that holds.\n\n";
  if (a.flags.empty()) out += "None.\n";
  for (const AssessedCondition& c : a.flags) {
    const ConditionInfo& ci = p.conditions[c.condition];
    out += fmt::format("- **{}** `{}`: {}{}\n", flag_word(c), ci.name, to_string(c.value),
                       ci.text.empty() ? "" : " — " + cell(ci.text));
  }
  if (!a.spokes.empty()) {
    out += "\n## Scores\n\n| question | group | score | threshold |\n| --- | --- | --- | --- |\n";
    for (const Spoke& s : a.spokes) {
      out += fmt::format("| {} | {} | {} | {} |\n", f.questions[s.question].name, group_title(s.group),
                         s.known ? fmt::format("{} of {}..{}", s.value, s.lo, s.hi) : "unknown",
                         s.threshold ? fmt::format("`{}` ({})", describe_threshold(p, s.fact, *s.threshold),
                                                   p.conditions[s.threshold->condition].name)
                                     : "none");
    }
  }
  out += "\n## Policy decisions that depend on the framework\n\n";
  if (a.policies.empty()) out += "None.\n";
  for (const PolicyOutcome& po : a.policies) {
    out += fmt::format("- `{}`: **{}** (rules: {})\n", p.policies[po.policy].name, policy_line(po), rule_list(p, po));
  }
  return out;
}

}  // namespace proviso
