// The assessment model: everything the renderers print, computed once.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "proviso/report/assess.hpp"
#include "proviso/report/links.hpp"

namespace proviso {
namespace {

// A score: an int with both bounds, small enough to draw (at most 100 steps).
bool is_scored(const Type& t) {
  return t.kind == TypeKind::integer && t.lo != std::numeric_limits<std::int64_t>::min() &&
         t.hi != std::numeric_limits<std::int64_t>::max() && t.hi > t.lo && t.hi - t.lo <= 100;
}

Tri value_of(const Result& r, const Program& p, std::uint32_t condition) {
  const std::uint32_t n = p.conditions[condition].node;
  return n < r.values.nodes.size() ? r.values.nodes[n] : Tri::unknown;
}

std::string_view mirrored(Op op) {
  switch (op) {
    case Op::ge: return "<=";
    case Op::gt: return "<";
    case Op::le: return ">=";
    case Op::lt: return ">";
    case Op::eq: return "==";
    default: return "!=";
  }
}

std::string_view written(Op op) {
  switch (op) {
    case Op::ge: return ">=";
    case Op::gt: return ">";
    case Op::le: return "<=";
    case Op::lt: return "<";
    case Op::eq: return "==";
    default: return "!=";
  }
}

bool is_comparison(Op op) { return op == Op::eq || op == Op::ne || op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge; }

// The first comparison of `fact` alone with a literal, in condition declaration order.
std::optional<Threshold> find_threshold(const Program& p, std::uint32_t fact) {
  for (std::uint32_t c = 0; c < p.conditions.size(); ++c) {
    for (std::uint32_t n : own_nodes(p, c)) {
      const Node& node = p.nodes[n];
      if (!is_comparison(node.op)) continue;
      const Node& l = p.nodes[node.a];
      const Node& r = p.nodes[node.b];
      if (l.op == Op::fact && l.a == fact && r.op == Op::const_int) {
        return Threshold{c, std::string(written(node.op)), r.imm};
      }
      if (r.op == Op::fact && r.a == fact && l.op == Op::const_int) {
        return Threshold{c, std::string(mirrored(node.op)), l.imm};
      }
    }
  }
  return std::nullopt;
}

std::size_t first_cited(const std::vector<Citation>& cites, const FrameworkInfo& f) {
  for (const Citation& c : cites) {
    const std::size_t q = f.find(c.ref);
    if (q != std::string::npos) return q;
  }
  return std::string::npos;
}

AssessedCondition assessed(const Program& p, const Result& r, const ProgramLinks& links, std::uint32_t c) {
  return AssessedCondition{c, value_of(r, p, c), links.blocking[c] != 0};
}

}  // namespace

std::string_view to_string(Tri t) {
  switch (t) {
    case Tri::true_: return "true";
    case Tri::false_: return "false";
    default: return "unknown";
  }
}

std::string describe_answer(const Program& p, const AssessedFact& a) {
  if (!a.known) return "unknown";
  const Fact& f = p.facts[a.fact];
  const Type& t = p.types[f.type];
  if (a.scored) return fmt::format("{} of {}..{}", a.value, t.lo, t.hi);
  return format_value(p, f.type, a.value);
}

std::string describe_threshold(const Program& p, std::uint32_t fact, const Threshold& t) {
  return fmt::format("{} {} {}", p.facts[fact].name, t.op, t.value);
}

Assessment assess(const Program& p, const FrameworkInfo& f, const Scenario& s, const Result& r,
                  std::string scenario_title) {
  Assessment a;
  a.program = &p;
  a.framework = &f;
  a.decision = r.decision;
  a.on = r.on;
  a.scenario_title = std::move(scenario_title);
  const ProgramLinks links(p);
  const std::vector<QuestionLinks> qlinks = question_links(p, links, f);

  for (const std::string& g : f.groups()) {
    AssessedGroup group;
    group.name = g;
    std::vector<std::size_t> members;
    for (std::size_t q = 0; q < f.questions.size(); ++q) {
      if (f.questions[q].group != g) continue;
      members.push_back(q);
      AssessedQuestion aq;
      aq.question = q;
      for (std::uint32_t fact : qlinks[q].facts) {
        AssessedFact af{fact, s.known[fact] != 0, s.values[fact], is_scored(p.types[p.facts[fact].type])};
        aq.facts.push_back(af);
      }
      for (std::uint32_t c : qlinks[q].conditions) aq.conditions.push_back(assessed(p, r, links, c));
      group.questions.push_back(std::move(aq));
    }
    if (!g.empty()) {
      for (std::uint32_t c = 0; c < p.conditions.size(); ++c) {
        bool all = !members.empty();
        for (std::size_t q : members) {
          all = all && std::binary_search(qlinks[q].conditions.begin(), qlinks[q].conditions.end(), c);
        }
        if (all || p.conditions[c].name == g) group.conditions.push_back(assessed(p, r, links, c));
      }
    }
    // A spoke per question that is the first question of the framework a scored fact
    // cites (a score that also cites a test or a feature is drawn once, on its own
    // question), in the framework's group order.
    for (const AssessedQuestion& aq : group.questions) {
      for (const AssessedFact& af : aq.facts) {
        if (!af.scored || first_cited(p.facts[af.fact].cites, f) != aq.question) continue;
        const Type& t = p.types[p.facts[af.fact].type];
        a.spokes.push_back(Spoke{aq.question, g, af.fact, af.known, af.value, t.lo, t.hi, find_threshold(p, af.fact)});
        break;
      }
    }
    a.groups.push_back(std::move(group));
  }

  for (std::uint32_t c = 0; c < p.conditions.size(); ++c) {
    if (links.blocking[c] && condition_about(p, links, c, f)) a.flags.push_back(assessed(p, r, links, c));
  }

  // The facts and conditions that tie a rule to the framework.
  std::vector<std::uint8_t> fact_cites(p.facts.size(), 0), cond_about(p.conditions.size(), 0);
  for (std::uint32_t i = 0; i < p.facts.size(); ++i) fact_cites[i] = cites_framework(p.facts[i].cites, f);
  for (std::uint32_t c = 0; c < p.conditions.size(); ++c) cond_about[c] = condition_about(p, links, c, f);
  for (std::uint32_t pi = 0; pi < p.policies.size(); ++pi) {
    const Policy& pol = p.policies[pi];
    PolicyOutcome po;
    po.policy = pi;
    for (std::uint32_t ri = pol.first_rule; ri < pol.first_rule + pol.rule_count; ++ri) {
      bool uses = cites_framework(p.rules[ri].cites, f);
      for (std::uint32_t fact : p.rules[ri].facts) uses = uses || fact_cites[fact];
      for (std::uint32_t c : links.rule_conditions[ri]) uses = uses || cond_about[c];
      if (uses) po.rules.push_back(ri);
    }
    if (po.rules.empty()) continue;
    for (const PolicyResult& pr : r.policies) {
      if (pr.policy == pi) {
        po.covers = true;
        po.decision = pr.decision;
      }
    }
    a.policies.push_back(std::move(po));
  }
  return a;
}

}  // namespace proviso
