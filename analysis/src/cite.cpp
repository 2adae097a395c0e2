#include "cite.hpp"

#include <algorithm>
#include <set>

namespace proviso::analysis::internal {

namespace {

void add(std::set<std::string>& out, const std::vector<Citation>& cites) {
  for (const Citation& c : cites) {
    if (!c.ref.empty()) out.insert(c.ref);
  }
}

// The conditions a node reads, through other conditions too (nodes are stored children
// first, so a stack of node ids suffices; `seen` keeps shared subtrees from repeating).
void add_conditions(const Program& p, std::uint32_t root, std::vector<bool>& seen, std::set<std::string>& out) {
  std::vector<std::uint32_t> stack{root};
  while (!stack.empty()) {
    const std::uint32_t id = stack.back();
    stack.pop_back();
    if (id >= p.nodes.size() || seen[id]) continue;
    seen[id] = true;
    const Node& n = p.nodes[id];
    switch (n.op) {
      case Op::const_bool:
      case Op::const_int:
      case Op::fact:
        break;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t i = 0; i < n.b; ++i) stack.push_back(p.operands[n.a + i]);
        break;
      case Op::not_:
      case Op::in_values:
        stack.push_back(n.a);
        break;
      case Op::condition:
        add(out, p.conditions[n.label].cites);
        stack.push_back(n.a);
        break;
      default:  // comparisons, arithmetic, has: two operands
        stack.push_back(n.a);
        stack.push_back(n.b);
        break;
    }
  }
}

}  // namespace

std::vector<std::string> cites_of(const Program& p, const std::vector<std::uint32_t>& rules, const Scenario* witness) {
  std::set<std::string> out;
  std::vector<bool> seen(p.nodes.size(), false);
  for (std::uint32_t r : rules) {
    if (r >= p.rules.size()) continue;
    const Rule& rule = p.rules[r];
    add(out, rule.cites);
    if (!rule.when.is_none()) add_conditions(p, rule.when, seen, out);
    if (!rule.unless.is_none()) add_conditions(p, rule.unless, seen, out);
  }
  if (witness != nullptr) {
    for (std::uint32_t f = 0; f < witness->known.size() && f < p.facts.size(); ++f) {
      if (witness->known[f]) add(out, p.facts[f].cites);
    }
  }
  return {out.begin(), out.end()};
}

std::vector<std::string> cites_of_named(const Program& p, const std::vector<std::string>& rules, const Scenario* witness) {
  std::vector<std::uint32_t> ids;
  for (const std::string& name : rules) {
    const std::uint32_t r = p.find_rule(name);
    if (r != kNone) ids.push_back(r);
  }
  return cites_of(p, ids, witness);
}

std::string citation_text(const Program& p, std::string_view ref) {
  auto find = [&](const std::vector<Citation>& cites) -> const Citation* {
    for (const Citation& c : cites) {
      if (c.ref == ref) return &c;
    }
    return nullptr;
  };
  for (const Fact& f : p.facts) {
    if (const Citation* c = find(f.cites)) return c->text;
  }
  for (const ConditionInfo& c : p.conditions) {
    if (const Citation* x = find(c.cites)) return x->text;
  }
  for (const Rule& r : p.rules) {
    if (const Citation* c = find(r.cites)) return c->text;
  }
  for (const Constraint& c : p.constraints) {
    if (const Citation* x = find(c.cites)) return x->text;
  }
  return {};
}

}  // namespace proviso::analysis::internal
