#include "proviso/report/coverage.hpp"

#include <fmt/format.h>

#include "proviso/base/diagnostic_render.hpp"

namespace proviso {
namespace {

constexpr std::size_t kShown = 5;  // scenario titles listed per question in text

bool held(RuleStatus s) { return s == RuleStatus::applied || s == RuleStatus::overridden; }

std::string str(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

template <class T, class F>
std::string array(const std::vector<T>& items, F each) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + each(items[i]);
  return out + "]";
}

std::string place(const SourcePlace& s) { return fmt::format("{}:{}:{}", s.file, s.line, s.column); }

bool cited(const QuestionCoverage& q) {
  return !q.links.facts.empty() || !q.links.conditions.empty() || !q.links.rules.empty();
}

std::string names(const std::vector<std::uint32_t>& ids, auto name_of) {
  std::string out;
  for (std::uint32_t i : ids) out += (out.empty() ? "" : ", ") + name_of(i);
  return out.empty() ? "none" : out;
}

}  // namespace

std::size_t FrameworkCoverage::cited() const {
  std::size_t n = 0;
  for (const QuestionCoverage& q : questions) n += proviso::cited(q);
  return n;
}

std::size_t FrameworkCoverage::exercised() const {
  std::size_t n = 0;
  for (const QuestionCoverage& q : questions) n += !q.scenarios.empty();
  return n;
}

CoverageReport framework_coverage(const Program& p, const std::vector<const FrameworkInfo*>& frameworks,
                                  const ScenarioStatuses& statuses) {
  CoverageReport out;
  out.program = &p;
  const ProgramLinks links(p);
  for (const FrameworkInfo* f : frameworks) {
    FrameworkCoverage fc;
    fc.framework = f;
    std::vector<QuestionLinks> ql = question_links(p, links, *f);
    for (std::size_t q = 0; q < ql.size(); ++q) {
      QuestionCoverage qc;
      qc.question = q;
      qc.links = std::move(ql[q]);
      for (std::uint32_t s = 0; s < statuses.size(); ++s) {
        if (statuses[s].empty()) continue;
        for (std::uint32_t r : qc.links.rules) {
          if (held(statuses[s][r])) {
            qc.scenarios.push_back(s);
            break;
          }
        }
      }
      fc.questions.push_back(std::move(qc));
    }
    out.frameworks.push_back(std::move(fc));
  }
  return out;
}

std::string render_coverage_text(const CoverageReport& c) {
  const Program& p = *c.program;
  std::string out;
  for (const FrameworkCoverage& fc : c.frameworks) {
    const FrameworkInfo& f = *fc.framework;
    out += fmt::format("{}{} ({})\n  {} of {} questions cited; {} exercised by a scenario\n", out.empty() ? "" : "\n",
                       f.name, escape_for_display(f.title), fc.cited(), fc.questions.size(), fc.exercised());
    std::string uncited, unexercised;
    for (const QuestionCoverage& q : fc.questions) {
      const std::string ref = f.ref(q.question);
      if (!cited(q)) {
        uncited += "    " + ref + "\n";
        continue;
      }
      out += fmt::format("  {}\n", ref);
      out += fmt::format("    facts: {}\n", names(q.links.facts, [&](std::uint32_t i) { return p.facts[i].name; }));
      out += fmt::format("    conditions: {}\n", names(q.links.conditions, [&](std::uint32_t i) { return p.conditions[i].name; }));
      out += fmt::format("    rules: {}\n", names(q.links.rules, [&](std::uint32_t i) { return p.rule_qualified_name(i); }));
      out += fmt::format("    scenarios: {}\n", q.scenarios.size());
      // A long list helps nobody at a terminal: the first few, then how many more (the
      // JSON lists them all).
      for (std::size_t i = 0; i < q.scenarios.size() && i < kShown; ++i) {
        out += fmt::format("      {}\n", escape_for_display(p.scenarios[q.scenarios[i]].title));
      }
      if (q.scenarios.size() > kShown) out += fmt::format("      ... and {} more\n", q.scenarios.size() - kShown);
      if (q.scenarios.empty()) unexercised += "    " + ref + "\n";
    }
    if (!uncited.empty()) out += "  questions nothing cites:\n" + uncited;
    if (!unexercised.empty()) out += "  cited questions no scenario exercises:\n" + unexercised;
  }
  if (c.frameworks.empty()) out = "no frameworks\n";
  return out;
}

std::string render_coverage_markdown(const CoverageReport& c) {
  const Program& p = *c.program;
  std::string out = "# Framework coverage\n";
  auto code_list = [](const std::vector<std::uint32_t>& ids, auto name_of) {
    std::string s;
    for (std::uint32_t i : ids) s += (s.empty() ? "" : ", ") + fmt::format("`{}`", name_of(i));
    return s.empty() ? std::string("none") : s;
  };
  for (const FrameworkCoverage& fc : c.frameworks) {
    const FrameworkInfo& f = *fc.framework;
    out += fmt::format("\n## {}\n\n{}\n\n{} of {} questions cited; {} exercised by a scenario.\n\n"
                       "| question | facts | conditions | rules | scenarios |\n| --- | --- | --- | --- | --- |\n",
                       f.name, escape_for_display(f.title), fc.cited(), fc.questions.size(), fc.exercised());
    for (const QuestionCoverage& q : fc.questions) {
      out += fmt::format("| `{}` | {} | {} | {} | {} |\n", f.ref(q.question),
                         code_list(q.links.facts, [&](std::uint32_t i) { return p.facts[i].name; }),
                         code_list(q.links.conditions, [&](std::uint32_t i) { return p.conditions[i].name; }),
                         code_list(q.links.rules, [&](std::uint32_t i) { return p.rule_qualified_name(i); }),
                         q.scenarios.size());
    }
    std::string uncited, unexercised;
    for (const QuestionCoverage& q : fc.questions) {
      if (!cited(q)) uncited += fmt::format("- `{}`\n", f.ref(q.question));
      else if (q.scenarios.empty()) unexercised += fmt::format("- `{}`\n", f.ref(q.question));
    }
    if (!uncited.empty()) out += "\nQuestions nothing cites:\n\n" + uncited;
    if (!unexercised.empty()) out += "\nCited questions no scenario exercises:\n\n" + unexercised;
  }
  return out;
}

std::string render_coverage_json(const CoverageReport& c) {
  const Program& p = *c.program;
  std::string frameworks = array(c.frameworks, [&](const FrameworkCoverage& fc) {
    const FrameworkInfo& f = *fc.framework;
    std::vector<std::string> uncited, unexercised;
    std::string questions = array(fc.questions, [&](const QuestionCoverage& q) {
      if (!cited(q)) uncited.push_back(f.ref(q.question));
      else if (q.scenarios.empty()) unexercised.push_back(f.ref(q.question));
      return fmt::format("{{\"question\": {}, \"facts\": {}, \"conditions\": {}, \"rules\": {}, \"scenarios\": {}}}",
                         str(f.ref(q.question)),
                         array(q.links.facts, [&](std::uint32_t i) { return str(p.facts[i].name); }),
                         array(q.links.conditions, [&](std::uint32_t i) { return str(p.conditions[i].name); }),
                         array(q.links.rules, [&](std::uint32_t i) { return str(p.rule_qualified_name(i)); }),
                         array(q.scenarios, [&](std::uint32_t s) { return str(p.scenarios[s].title); }));
    });
    return fmt::format("{{\"framework\": {}, \"title\": {}, \"questions\": {}, \"cited\": {}, \"exercised\": {}, "
                       "\"uncited\": {}, \"unexercised\": {}, \"entries\": {}}}",
                       str(f.name), str(f.title), fc.questions.size(), fc.cited(), fc.exercised(),
                       array(uncited, [](const std::string& s) { return str(s); }),
                       array(unexercised, [](const std::string& s) { return str(s); }), questions);
  });
  return fmt::format("{{\"frameworks\": {}}}", frameworks);
}

std::string render_test_coverage_json(const CoverageReport& c, const ScenarioStatuses& statuses) {
  const Program& p = *c.program;
  std::vector<std::uint32_t> never;
  std::size_t applied = 0;
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    bool any = false;
    for (const auto& st : statuses) any = any || (!st.empty() && st[r] == RuleStatus::applied);
    if (any) ++applied;
    else never.push_back(r);
  }
  std::size_t edges = 0, exercised = 0;
  std::string missed;
  for (std::uint32_t w = 0; w < p.rules.size(); ++w) {
    for (std::uint32_t l : p.rules[w].overrides) {
      ++edges;
      bool hit = false;
      for (const auto& st : statuses) hit = hit || (!st.empty() && held(st[w]) && st[l] == RuleStatus::overridden);
      if (hit) ++exercised;
      else missed += fmt::format("{}{{\"rule\": {}, \"overrides\": {}}}", missed.empty() ? "" : ", ",
                                 str(p.rule_qualified_name(w)), str(p.rule_qualified_name(l)));
    }
  }
  std::string fw = render_coverage_json(c);
  fw = fw.substr(std::string_view("{\"frameworks\": ").size(), fw.size() - std::string_view("{\"frameworks\": ").size() - 1);
  return fmt::format("{{\"scenarios\": {}, \"rules\": {{\"total\": {}, \"applied\": {}, \"never_applied\": {}}}, "
                     "\"override_edges\": {{\"total\": {}, \"exercised\": {}, \"never_exercised\": [{}]}}, "
                     "\"frameworks\": {}}}",
                     statuses.size(), p.rules.size(), applied,
                     array(never, [&](std::uint32_t r) {
                       return fmt::format("{{\"rule\": {}, \"place\": {}}}", str(p.rule_qualified_name(r)), str(place(p.rules[r].place)));
                     }),
                     edges, exercised, missed, fw);
}

}  // namespace proviso
