// The public register: index.html (policies by sector and by kind of flow), a page per
// policy and a page per framework.
#include "proviso/report/publish.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "html.hpp"
#include "proviso/report/links.hpp"

namespace proviso {
namespace {

using report::internal::esc;
using report::internal::page;
using report::internal::slug;

std::string policy_file(const Policy& pol) { return "policy-" + slug(pol.name) + ".html"; }
std::string framework_file(const FrameworkInfo& f) { return "framework-" + slug(f.name) + ".html"; }
std::string rule_anchor(const Rule& r) { return "rule-" + slug(r.name); }

std::string sector_name(const Program& p, std::int32_t s) {
  return s < 0 ? std::string("every sector") : p.types[p.sector_type].values[static_cast<std::size_t>(s)];
}

std::string nav(const Program& p, const std::vector<FrameworkInfo>& frameworks) {
  std::string out = "<nav aria-label=\"Register\">\n<p><a href=\"index.html\">All policies</a>";
  for (const FrameworkInfo& f : frameworks) out += fmt::format(" · <a href=\"{}\">Framework {}</a>", framework_file(f), esc(f.name));
  (void)p;
  return out + "</p>\n</nav>\n";
}

std::string footer(const Program& p) {
  return fmt::format("<footer>\n<p class=\"muted\">Published by proviso publish from the policy bundle{}. Every text on "
                     "these pages is the bundle's own.</p>\n</footer>\n",
                     p.version.empty() ? "" : fmt::format(" (version <code>{}</code>)", esc(p.version.substr(0, 16))));
}

std::string citations(const std::vector<Citation>& cites, const std::vector<FrameworkInfo>& frameworks) {
  std::string out;
  for (const Citation& c : cites) {
    std::string item;
    if (!c.ref.empty()) {
      const std::string fw = c.ref.substr(0, c.ref.find('.'));
      const FrameworkInfo* f = find_framework(frameworks, fw);
      const std::string label = fmt::format("<code>{}</code> {}", esc(c.ref), esc(c.text));
      item = f ? fmt::format("<a href=\"{}#q-{}\">{}</a>", framework_file(*f), slug(c.ref.substr(fw.size() + 1)), label)
               : label;
    } else {
      item = esc(c.text);
    }
    out += "<li>" + item + "</li>";
  }
  return out;
}

std::string effect_heading(Effect e) {
  switch (e) {
    case Effect::share: return "What may be shared";
    case Effect::refer: return "What goes to a person or panel to decide";
    default: return "What is never shared";
  }
}

std::string rule_article(const Program& p, std::uint32_t ri, const std::vector<FrameworkInfo>& frameworks) {
  const Rule& r = p.rules[ri];
  std::string out = fmt::format("<article id=\"{}\">\n<h3>{}</h3>\n", rule_anchor(r), esc(r.name));
  out += r.because.empty() ? "<p class=\"muted\">No reason is written for this rule.</p>\n"
                           : fmt::format("<p>{}</p>\n", esc(r.because));
  auto condition_list = [&](std::uint32_t root, std::string_view heading) {
    std::string items;
    for (std::uint32_t c : direct_conditions(p, root)) {
      const ConditionInfo& ci = p.conditions[c];
      items += fmt::format("<li>{}</li>", ci.text.empty() ? fmt::format("<code>{}</code>", esc(ci.name)) : esc(ci.text));
    }
    if (!items.empty()) out += fmt::format("<h4>{}</h4>\n<ul>{}</ul>\n", heading, items);
  };
  condition_list(r.when, "When");
  if (!r.unless.is_none()) condition_list(r.unless, "Except when");
  std::string questions;
  for (std::uint32_t f : r.facts) {
    if (f < kBuiltinFactCount) continue;
    const Fact& fact = p.facts[f];
    questions += fmt::format("<li>{}</li>", fact.question.empty() ? fmt::format("<code>{}</code>", esc(fact.name)) : esc(fact.question));
  }
  if (!questions.empty()) out += fmt::format("<h4>Questions that decide it</h4>\n<ul>{}</ul>\n", questions);
  if (!r.requires_.empty()) {
    std::string safeguards;
    for (std::uint32_t o : r.requires_) {
      const Obligation& ob = p.obligations[o];
      safeguards += fmt::format("<li>{}</li>", ob.text.empty() ? fmt::format("<code>{}</code>", esc(ob.name)) : esc(ob.text));
    }
    out += fmt::format("<h4>Safeguards required</h4>\n<ul>{}</ul>\n", safeguards);
  }
  if (r.effective.dated()) out += fmt::format("<p>In force {}.</p>\n", esc(r.effective.describe()));
  if (!r.cites.empty()) out += fmt::format("<h4>Legal basis and guidance</h4>\n<ul>{}</ul>\n", citations(r.cites, frameworks));
  out += fmt::format("<details><summary>As written</summary><p><code>{}: {}</code>{}</p><p class=\"muted\">{}</p></details>\n",
                     esc(r.name), to_string(r.effect), r.when.is_none() ? "" : fmt::format(" when <code>{}</code>", esc(p.nodes[r.when].text)),
                     esc(r.place.file));
  return out + "</article>\n";
}

std::string policy_page(const Program& p, std::uint32_t pi, const std::vector<FrameworkInfo>& frameworks) {
  const Policy& pol = p.policies[pi];
  std::string body = fmt::format("<header>\n<h1>Policy: {}</h1>\n</header>\n", esc(pol.name)) + nav(p, frameworks);
  body += "<main>\n<h2>At a glance</h2>\n<dl>\n";
  body += fmt::format("<dt>Flows covered</dt><dd>{}</dd>\n",
                      pol.sector < 0 ? "every flow" : fmt::format("from or to {}", esc(sector_name(p, pol.sector))));
  body += fmt::format("<dt>In force</dt><dd>{}</dd>\n", pol.effective.dated() ? esc(pol.effective.describe()) : "no dates set");
  body += fmt::format("<dt>When no rule applies</dt><dd>{}</dd>\n", to_string(pol.default_effect));
  body += fmt::format("<dt>When rules disagree</dt><dd>{}</dd>\n",
                      pol.combine == Combine::strictest ? "the strictest decision" : "the first rule in order");
  body += fmt::format("<dt>Written in</dt><dd><code>{}</code></dd>\n</dl>\n", esc(pol.place.file));
  for (Effect e : {Effect::share, Effect::refer, Effect::deny}) {
    std::string rules;
    for (std::uint32_t ri = pol.first_rule; ri < pol.first_rule + pol.rule_count; ++ri) {
      if (p.rules[ri].effect == e) rules += rule_article(p, ri, frameworks);
    }
    if (rules.empty()) continue;
    body += fmt::format("<section>\n<h2>{}</h2>\n{}</section>\n", effect_heading(e), rules);
  }
  body += "</main>\n" + footer(p);
  return page("Policy: " + pol.name, body);
}

std::string policy_link(const Policy& pol) {
  return fmt::format("<a href=\"{}\">{}</a>", policy_file(pol), esc(pol.name));
}

// The sectors a rule's `when` requires of `from` and of `to`: `from == health` or `to in
// {housing, welfare}` where it must hold for the rule to apply (read through conditions
// and the operands of `and`, not inside a branch of an `or` nor under a `not`).
// Bitmasks over the sector enum (sectors past the 64th are not named).
struct FlowMention {
  std::uint64_t from = 0, to = 0;
};

FlowMention flow_mention(const Program& p, const Rule& r) {
  FlowMention m;
  if (r.when.is_none()) return m;
  std::vector<std::pair<std::uint32_t, bool>> stack{{r.when, true}};
  std::set<std::pair<std::uint32_t, bool>> seen;
  auto mention = [&](std::uint32_t fact_node, std::uint64_t mask) {
    const Node& f = p.nodes[fact_node];
    if (f.op != Op::fact) return;
    if (f.a == kFactFrom) m.from |= mask;
    if (f.a == kFactTo) m.to |= mask;
  };
  while (!stack.empty()) {
    auto [n, positive] = stack.back();
    stack.pop_back();
    if (!seen.insert({n, positive}).second) continue;
    const Node& node = p.nodes[n];
    switch (node.op) {
      case Op::and_:
      case Op::or_:
        // Only what must hold: the operands of a positive `and` (or a negated `or`); one
        // branch of an `or` need not.
        if ((node.op == Op::and_) == positive) {
          for (std::uint32_t i = 0; i < node.b; ++i) stack.push_back({p.operands[node.a + i], positive});
        }
        break;
      case Op::not_:
        stack.push_back({node.a, !positive});
        break;
      case Op::condition:
        stack.push_back({node.a, positive});
        break;
      case Op::in_values:
        if (positive) mention(node.a, static_cast<std::uint64_t>(node.imm));
        break;
      case Op::eq:
        if (positive) {
          const Node& l = p.nodes[node.a];
          const Node& c = p.nodes[node.b];
          if (c.op == Op::const_int && c.imm >= 0 && c.imm < 64) mention(node.a, std::uint64_t{1} << c.imm);
          if (l.op == Op::const_int && l.imm >= 0 && l.imm < 64) mention(node.b, std::uint64_t{1} << l.imm);
        }
        break;
      default:
        break;
    }
  }
  return m;
}

std::string rule_link(const Program& p, std::uint32_t ri) {
  const Rule& r = p.rules[ri];
  const Policy& pol = p.policies[r.policy];
  return fmt::format("<a href=\"{}#{}\">{}</a> ({})", policy_file(pol), rule_anchor(r), esc(r.name), to_string(r.effect));
}

std::string index_page(const Program& p, const std::vector<FrameworkInfo>& frameworks) {
  std::string body = "<header>\n<h1>Register of data-sharing policies</h1>\n<p>What each policy lets public services "
                     "share, with whom and why, in the policies' own words.</p>\n</header>\n" + nav(p, frameworks);
  body += "<main>\n<section>\n<h2>Policies by sector</h2>\n";
  const std::vector<std::string>& sectors = p.types[p.sector_type].values;
  for (std::int32_t s = -1; s < static_cast<std::int32_t>(sectors.size()); ++s) {
    std::string items;
    for (const Policy& pol : p.policies) {
      if (pol.sector == s) items += "<li>" + policy_link(pol) + "</li>";
    }
    if (items.empty()) continue;
    body += fmt::format("<h3>{}</h3>\n<ul>{}</ul>\n", s < 0 ? std::string("Every sector") : esc(sectors[static_cast<std::size_t>(s)]), items);
  }
  body += "</section>\n<section>\n<h2>Policies by kind of flow</h2>\n<p>Each flow from one sector to another is decided "
          "by the policies of both sectors";
  std::string general;
  for (const Policy& pol : p.policies) {
    if (pol.sector < 0) general += (general.empty() ? "" : ", ") + policy_link(pol);
  }
  body += general.empty() ? ".</p>\n" : fmt::format(" and by the policies for every sector: {}.</p>\n", general);
  std::vector<FlowMention> mentions;
  for (const Rule& r : p.rules) mentions.push_back(flow_mention(p, r));
  for (std::size_t sector = 0; sector < sectors.size(); ++sector) {
    std::string policies, out_of, into;
    for (const Policy& pol : p.policies) {
      if (pol.sector >= 0 && static_cast<std::size_t>(pol.sector) == sector) policies += "<li>" + policy_link(pol) + "</li>";
    }
    for (std::uint32_t ri = 0; ri < p.rules.size() && sector < 64; ++ri) {
      const std::uint64_t bit = std::uint64_t{1} << sector;
      if (mentions[ri].from & bit) out_of += "<li>" + rule_link(p, ri) + "</li>";
      if (mentions[ri].to & bit) into += "<li>" + rule_link(p, ri) + "</li>";
    }
    body += fmt::format("<h3>{}</h3>\n", esc(sectors[sector]));
    if (policies.empty() && out_of.empty() && into.empty()) {
      body += "<p>No policy or rule names this sector: the policies for every sector decide its flows.</p>\n";
      continue;
    }
    if (!policies.empty()) body += fmt::format("<p>Policies for flows from or to {}:</p>\n<ul>{}</ul>\n", esc(sectors[sector]), policies);
    if (!out_of.empty()) body += fmt::format("<p>Rules for data leaving {}:</p>\n<ul>{}</ul>\n", esc(sectors[sector]), out_of);
    if (!into.empty()) body += fmt::format("<p>Rules for data coming into {}:</p>\n<ul>{}</ul>\n", esc(sectors[sector]), into);
  }
  body += "</section>\n";
  if (!frameworks.empty()) {
    body += "<section>\n<h2>Frameworks</h2>\n<ul>\n";
    for (const FrameworkInfo& f : frameworks) {
      body += fmt::format("<li><a href=\"{}\">{}</a>: {}</li>\n", framework_file(f), esc(f.name), esc(f.title));
    }
    body += "</ul>\n</section>\n";
  }
  body += "</main>\n" + footer(p);
  return page("Register of data-sharing policies", body);
}

std::string framework_page(const Program& p, const ProgramLinks& links, const FrameworkInfo& f,
                           const std::vector<FrameworkInfo>& frameworks) {
  const std::vector<QuestionLinks> ql = question_links(p, links, f);
  std::string body = fmt::format("<header>\n<h1>Framework: {}</h1>\n<p>{}</p>\n</header>\n", esc(f.name), esc(f.title)) +
                     nav(p, frameworks) + "<main>\n";
  for (const std::string& g : f.groups()) {
    body += fmt::format("<section>\n<h2>{}</h2>\n", g.empty() ? std::string("Other questions") : esc(g));
    for (std::size_t q = 0; q < f.questions.size(); ++q) {
      if (f.questions[q].group != g) continue;
      body += fmt::format("<section class=\"question\" id=\"q-{}\">\n<h3>{}</h3>\n<p>{}</p>\n", slug(f.questions[q].name),
                          esc(f.questions[q].name), esc(f.questions[q].text));
      std::string facts, conditions, rules;
      for (std::uint32_t i : ql[q].facts) {
        facts += fmt::format("<li><code>{}</code>{}</li>", esc(p.facts[i].name),
                             p.facts[i].question.empty() ? "" : ": " + esc(p.facts[i].question));
      }
      for (std::uint32_t i : ql[q].conditions) {
        conditions += fmt::format("<li><code>{}</code>{}</li>", esc(p.conditions[i].name),
                                  p.conditions[i].text.empty() ? "" : ": " + esc(p.conditions[i].text));
      }
      for (std::uint32_t i : ql[q].rules) {
        const Policy& pol = p.policies[p.rules[i].policy];
        rules += fmt::format("<li><a href=\"{}#{}\">{}.{}</a> ({})</li>", policy_file(pol), rule_anchor(p.rules[i]),
                             esc(pol.name), esc(p.rules[i].name), to_string(p.rules[i].effect));
      }
      if (facts.empty() && conditions.empty() && rules.empty()) body += "<p class=\"muted\">Nothing in the bundle implements this question.</p>\n";
      if (!facts.empty()) body += "<h4>Asked as</h4>\n<ul>" + facts + "</ul>\n";
      if (!conditions.empty()) body += "<h4>Conditions</h4>\n<ul>" + conditions + "</ul>\n";
      if (!rules.empty()) body += "<h4>Rules</h4>\n<ul>" + rules + "</ul>\n";
      body += "</section>\n";
    }
    body += "</section>\n";
  }
  body += "</main>\n" + footer(p);
  return page("Framework: " + f.name, body);
}

}  // namespace

std::vector<PublishedFile> publish_register(const Program& p, const std::vector<FrameworkInfo>& frameworks) {
  std::vector<PublishedFile> out;
  out.push_back({"index.html", index_page(p, frameworks)});
  for (std::uint32_t pi = 0; pi < p.policies.size(); ++pi) {
    out.push_back({policy_file(p.policies[pi]), policy_page(p, pi, frameworks)});
  }
  const ProgramLinks links(p);
  for (const FrameworkInfo& f : frameworks) out.push_back({framework_file(f), framework_page(p, links, f, frameworks)});
  return out;
}

}  // namespace proviso
