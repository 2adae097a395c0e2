// The assessment as one self-contained page: inline CSS (printable on A4), the radar
// inline, nothing fetched.
#include <fmt/format.h>

#include "html.hpp"
#include "proviso/report/assess.hpp"
#include "proviso/report/radar.hpp"

namespace proviso {
namespace {

using report::internal::esc;

std::string value_span(Tri t) {
  return fmt::format("<span class=\"value-{}\">{}</span>", to_string(t), to_string(t));
}

std::string group_title(const std::string& g) { return g.empty() ? "Other questions" : g; }

std::string condition_item(const Program& p, const AssessedCondition& c) {
  const ConditionInfo& ci = p.conditions[c.condition];
  return fmt::format("<li><code>{}</code>: {}{}</li>\n", esc(ci.name), value_span(c.value),
                     ci.text.empty() ? "" : " — " + esc(ci.text));
}

}  // namespace

std::string render_assessment_html(const Assessment& a) {
  const Program& p = *a.program;
  const FrameworkInfo& f = *a.framework;
  std::string body = fmt::format("<header>\n<h1>Assessment: {}</h1>\n<p>{}</p>\n</header>\n<main>\n", esc(f.name), esc(f.title));
  body += "<h2>Summary</h2>\n<dl>\n";
  if (!a.scenario_title.empty()) body += fmt::format("<dt>Scenario</dt><dd>{}</dd>\n", esc(a.scenario_title));
  if (a.on != kNoDate) body += fmt::format("<dt>On</dt><dd>{}</dd>\n", format_date(a.on));
  std::size_t raised = 0;
  for (const AssessedCondition& c : a.flags) raised += c.value == Tri::true_;
  body += fmt::format("<dt>Decision</dt><dd><strong>{}</strong></dd>\n<dt>Red flags raised</dt><dd>{} of {}</dd>\n</dl>\n",
                      to_string(a.decision), raised, a.flags.size());
  if (!a.spokes.empty()) {
    body += "<h2>Scores</h2>\n<figure>\n" + render_radar_svg_element(a) +
            "<figcaption>One spoke per question answered by a score; an unknown answer is a gap and a hollow "
            "marker, never a zero.</figcaption>\n</figure>\n";
  }
  for (const AssessedGroup& g : a.groups) {
    body += fmt::format("<section>\n<h2>{}</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Question</th>"
                        "<th scope=\"col\">Answers</th><th scope=\"col\">Conditions</th></tr></thead>\n<tbody>\n",
                        esc(group_title(g.name)));
    for (const AssessedQuestion& q : g.questions) {
      std::string answers, conditions;
      for (const AssessedFact& af : q.facts) {
        answers += fmt::format("<li><code>{}</code> = <span class=\"value-{}\">{}</span></li>", esc(p.facts[af.fact].name),
                               af.known ? "known" : "unknown", esc(describe_answer(p, af)));
      }
      for (const AssessedCondition& c : q.conditions) {
        conditions += fmt::format("<li><code>{}</code>: {}</li>", esc(p.conditions[c.condition].name), value_span(c.value));
      }
      body += fmt::format("<tr><th scope=\"row\"><strong>{}</strong> {}</th><td>{}</td><td>{}</td></tr>\n",
                          esc(f.questions[q.question].name), esc(f.questions[q.question].text),
                          answers.empty() ? "none" : "<ul class=\"plain\">" + answers + "</ul>",
                          conditions.empty() ? "none" : "<ul class=\"plain\">" + conditions + "</ul>");
    }
    body += "</tbody>\n</table></div>\n";
    if (!g.conditions.empty()) {
      body += fmt::format("<h3>Conditions of {}</h3>\n<ul>\n", esc(group_title(g.name)));
      for (const AssessedCondition& c : g.conditions) body += condition_item(p, c);
      body += "</ul>\n";
    }
    body += "</section>\n";
  }
  body += "<section>\n<h2>Red flags</h2>\n<p>Conditions about this framework that push a rule towards a stricter "
          "decision when they hold; a red flag is one that holds.</p>\n";
  if (a.flags.empty()) body += "<p>None.</p>\n";
  else {
    body += "<ul>\n";
    for (const AssessedCondition& c : a.flags) {
      const ConditionInfo& ci = p.conditions[c.condition];
      body += fmt::format("<li>{}<code>{}</code>: {}{}</li>\n",
                          c.value == Tri::true_ ? "<span class=\"flag\">Red flag</span> " : "", esc(ci.name),
                          value_span(c.value), ci.text.empty() ? "" : " — " + esc(ci.text));
    }
    body += "</ul>\n";
  }
  body += "</section>\n<section>\n<h2>Policy decisions that depend on the framework</h2>\n";
  if (a.policies.empty()) body += "<p>None.</p>\n";
  else {
    body += "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Policy</th><th scope=\"col\">Decision</th>"
            "<th scope=\"col\">Rules using the framework</th></tr></thead>\n<tbody>\n";
    for (const PolicyOutcome& po : a.policies) {
      std::string rules;
      for (std::uint32_t r : po.rules) rules += (rules.empty() ? "" : ", ") + fmt::format("<code>{}</code>", esc(p.rules[r].name));
      body += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n", esc(p.policies[po.policy].name),
                          po.covers ? fmt::format("<strong>{}</strong>", to_string(po.decision)) : "does not cover this flow",
                          rules);
    }
    body += "</tbody>\n</table></div>\n";
  }
  body += "</section>\n</main>\n<footer><p class=\"muted\">Written by proviso assess from the bundle's own texts.</p></footer>\n";
  return report::internal::page("Assessment: " + f.name, body);
}

}  // namespace proviso
