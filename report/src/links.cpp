#include "proviso/report/links.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace proviso {
namespace {

enum Polarity : std::uint8_t { positive = 0, negative = 1, both = 2 };

Polarity flip(Polarity p) { return p == positive ? negative : p == negative ? positive : both; }

// Calls `on_condition(label, polarity)` and `on_fact(fact)` for what `root` reads. With
// `through`, condition bodies are entered; otherwise a condition node is reported and
// left. Each node is visited once per polarity, so shared sub-expressions cost nothing.
template <class OnCondition, class OnFact>
void walk(const Program& p, std::uint32_t root, Polarity start, bool through, OnCondition on_condition,
          OnFact on_fact) {
  std::set<std::pair<std::uint32_t, Polarity>> seen;
  std::vector<std::pair<std::uint32_t, Polarity>> stack{{root, start}};
  while (!stack.empty()) {
    auto [n, pol] = stack.back();
    stack.pop_back();
    if (!seen.insert({n, pol}).second) continue;
    const Node& node = p.nodes[n];
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int:
        break;
      case Op::fact:
        on_fact(node.a);
        break;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t i = 0; i < node.b; ++i) stack.push_back({p.operands[node.a + i], pol});
        break;
      case Op::not_:
        stack.push_back({node.a, flip(pol)});
        break;
      case Op::in_values:
        stack.push_back({node.a, both});
        break;
      case Op::condition:
        on_condition(static_cast<std::uint32_t>(node.label), pol);
        if (through) stack.push_back({node.a, pol});
        break;
      default:  // comparisons and arithmetic: an operand's truth has no direction here
        stack.push_back({node.a, both});
        stack.push_back({node.b, both});
        break;
    }
  }
}

void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

ProgramLinks::ProgramLinks(const Program& p)
    : condition_facts(p.conditions.size()),
      condition_own_facts(p.conditions.size()),
      rule_conditions(p.rules.size()),
      blocking(p.conditions.size(), 0) {
  auto ignore_condition = [](std::uint32_t, Polarity) {};
  for (std::uint32_t c = 0; c < p.conditions.size(); ++c) {
    const std::uint32_t body = p.nodes[p.conditions[c].node].a;
    walk(p, body, positive, true, ignore_condition, [&](std::uint32_t f) { condition_facts[c].push_back(f); });
    walk(p, body, positive, false, ignore_condition, [&](std::uint32_t f) { condition_own_facts[c].push_back(f); });
    sort_unique(condition_facts[c]);
    sort_unique(condition_own_facts[c]);
  }
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    const Rule& rule = p.rules[r];
    auto visit = [&](std::uint32_t root, bool is_unless) {
      // The places written to block: a deny rule's `when` and a share rule's `unless`
      // (holding blocks when the use is positive there), and a deny rule's `unless`
      // (negative). A share rule's `when` is left out: a condition that fails there is
      // a test not met, not a flag raised. A refer sends the case to a person.
      const bool counts = rule.effect == Effect::deny || (rule.effect == Effect::share && is_unless);
      const Polarity blocking_use = rule.effect == Effect::deny && is_unless ? negative : positive;
      walk(
          p, root, positive, true,
          [&](std::uint32_t c, Polarity pol) {
            rule_conditions[r].push_back(c);
            if (counts && (pol == both || pol == blocking_use)) blocking[c] = 1;
          },
          [](std::uint32_t) {});
    };
    if (!rule.when.is_none()) visit(rule.when, false);
    if (!rule.unless.is_none()) visit(rule.unless, true);
    sort_unique(rule_conditions[r]);
  }
}

std::vector<std::uint32_t> own_nodes(const Program& p, std::uint32_t condition) {
  std::vector<std::uint32_t> out;
  std::vector<std::uint32_t> stack{p.nodes[p.conditions[condition].node].a};
  std::set<std::uint32_t> seen;
  while (!stack.empty()) {
    const std::uint32_t n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    out.push_back(n);
    const Node& node = p.nodes[n];
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int:
      case Op::fact:
      case Op::condition:
        break;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t i = 0; i < node.b; ++i) stack.push_back(p.operands[node.a + i]);
        break;
      case Op::not_:
      case Op::in_values:
        stack.push_back(node.a);
        break;
      default:
        stack.push_back(node.a);
        stack.push_back(node.b);
        break;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint32_t> direct_conditions(const Program& p, std::uint32_t root) {
  std::vector<std::uint32_t> out;
  // Depth first, left operand first: the order the expression is written in.
  std::vector<std::uint32_t> stack{root};
  std::set<std::uint32_t> seen;
  while (!stack.empty()) {
    const std::uint32_t n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    const Node& node = p.nodes[n];
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int:
      case Op::fact:
        break;
      case Op::condition:
        if (std::find(out.begin(), out.end(), static_cast<std::uint32_t>(node.label)) == out.end()) {
          out.push_back(node.label);
        }
        break;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t i = node.b; i > 0; --i) stack.push_back(p.operands[node.a + i - 1]);
        break;
      case Op::not_:
      case Op::in_values:
        stack.push_back(node.a);
        break;
      default:
        stack.push_back(node.b);
        stack.push_back(node.a);
        break;
    }
  }
  return out;
}

bool cites_framework(const std::vector<Citation>& cites, const FrameworkInfo& f) {
  for (const Citation& c : cites) {
    if (f.find(c.ref) != std::string::npos) return true;
  }
  return false;
}

bool condition_about(const Program& p, const ProgramLinks& links, std::uint32_t c, const FrameworkInfo& f) {
  if (cites_framework(p.conditions[c].cites, f)) return true;
  for (std::uint32_t fact : links.condition_own_facts[c]) {
    if (cites_framework(p.facts[fact].cites, f)) return true;
  }
  return false;
}

std::vector<QuestionLinks> question_links(const Program& p, const ProgramLinks& links, const FrameworkInfo& f) {
  std::vector<QuestionLinks> out(f.questions.size());
  auto cited = [&](const std::vector<Citation>& cites, auto add) {
    for (const Citation& c : cites) {
      const std::size_t q = f.find(c.ref);
      if (q != std::string::npos) add(q);
    }
  };
  std::vector<std::vector<std::uint8_t>> fact_cites(f.questions.size(), std::vector<std::uint8_t>(p.facts.size(), 0));
  std::vector<std::vector<std::uint8_t>> cond_cites(f.questions.size(),
                                                    std::vector<std::uint8_t>(p.conditions.size(), 0));
  for (std::uint32_t i = 0; i < p.facts.size(); ++i) {
    cited(p.facts[i].cites, [&](std::size_t q) {
      out[q].facts.push_back(i);
      fact_cites[q][i] = 1;
    });
  }
  for (std::uint32_t i = 0; i < p.conditions.size(); ++i) {
    cited(p.conditions[i].cites, [&](std::size_t q) {
      out[q].conditions.push_back(i);
      cond_cites[q][i] = 1;
    });
  }
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    cited(p.rules[r].cites, [&](std::size_t q) { out[q].rules.push_back(r); });
    for (std::size_t q = 0; q < f.questions.size(); ++q) {
      bool uses = false;
      for (std::uint32_t fact : p.rules[r].facts) uses = uses || fact_cites[q][fact];
      for (std::uint32_t c : links.rule_conditions[r]) uses = uses || cond_cites[q][c];
      if (uses) out[q].rules.push_back(r);
    }
  }
  for (QuestionLinks& l : out) {
    sort_unique(l.facts);
    sort_unique(l.conditions);
    sort_unique(l.rules);
  }
  return out;
}

}  // namespace proviso
