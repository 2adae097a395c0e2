#include "analysis/program_builder.hpp"

#include <algorithm>
#include <stdexcept>

namespace proviso::test {

ProgramBuilder::ProgramBuilder(std::vector<std::string> sectors) {
  Type sector;
  sector.kind = TypeKind::enumeration;
  sector.name = "sector";
  sector.values = std::move(sectors);
  p_.types.push_back(sector);
  p_.sector_type = 0;
  Type b;
  b.kind = TypeKind::boolean;
  b.name = "bool";
  p_.types.push_back(b);
  p_.bool_type = 1;
  Type i;
  i.kind = TypeKind::integer;
  i.name = "int";
  p_.types.push_back(i);
  p_.int_type = 2;
  fact("from", 0);
  fact("to", 0);
}

std::uint32_t ProgramBuilder::enum_type(std::string name, std::vector<std::string> values) {
  Type t;
  t.kind = TypeKind::enumeration;
  t.name = std::move(name);
  t.values = std::move(values);
  p_.types.push_back(std::move(t));
  return static_cast<std::uint32_t>(p_.types.size() - 1);
}

std::uint32_t ProgramBuilder::int_type(std::int64_t lo, std::int64_t hi) {
  Type t;
  t.kind = TypeKind::integer;
  t.name = "int (" + std::to_string(lo) + " .. " + std::to_string(hi) + ")";
  t.lo = lo;
  t.hi = hi;
  p_.types.push_back(std::move(t));
  return static_cast<std::uint32_t>(p_.types.size() - 1);
}

std::uint32_t ProgramBuilder::set_type(std::uint32_t element) {
  Type t;
  t.kind = TypeKind::set;
  t.name = "set of " + p_.types[element].name;
  t.element = element;
  p_.types.push_back(std::move(t));
  return static_cast<std::uint32_t>(p_.types.size() - 1);
}

std::uint32_t ProgramBuilder::fact(std::string name, std::uint32_t type) {
  Fact f;
  f.name = std::move(name);
  f.type = type;
  f.place = {"test.proviso", static_cast<std::uint32_t>(p_.facts.size() + 1), 1};
  p_.facts.push_back(std::move(f));
  return static_cast<std::uint32_t>(p_.facts.size() - 1);
}

std::uint32_t ProgramBuilder::obligation(std::string name) {
  p_.obligations.push_back({name, "an obligation"});
  std::sort(p_.obligations.begin(), p_.obligations.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (std::uint32_t i = 0; i < p_.obligations.size(); ++i) {
    if (p_.obligations[i].name == name) return i;
  }
  return kNone;
}

std::uint32_t ProgramBuilder::add(Node n) {
  p_.nodes.push_back(std::move(n));
  return static_cast<std::uint32_t>(p_.nodes.size() - 1);
}

std::uint32_t ProgramBuilder::fact_node(std::uint32_t fact) {
  Node n;
  n.op = Op::fact;
  n.a = fact;
  n.type = p_.facts[fact].type;
  n.text = p_.facts[fact].name;
  return add(n);
}

std::uint32_t ProgramBuilder::boolean(bool value) {
  Node n;
  n.op = Op::const_bool;
  n.imm = value ? 1 : 0;
  n.type = p_.bool_type;
  n.text = value ? "true" : "false";
  return add(n);
}

std::uint32_t ProgramBuilder::constant(std::uint32_t type, std::int64_t value) {
  Node n;
  n.op = Op::const_int;
  n.imm = value;
  n.type = type;
  n.text = format_value(p_, type, value);
  return add(n);
}

std::uint32_t ProgramBuilder::all(const std::vector<std::uint32_t>& xs) {
  Node n;
  n.op = Op::and_;
  n.a = static_cast<std::uint32_t>(p_.operands.size());
  n.b = static_cast<std::uint32_t>(xs.size());
  n.type = p_.bool_type;
  p_.operands.insert(p_.operands.end(), xs.begin(), xs.end());
  return add(n);
}

std::uint32_t ProgramBuilder::any(const std::vector<std::uint32_t>& xs) {
  std::uint32_t id = all(xs);
  p_.nodes[id].op = Op::or_;
  return id;
}

std::uint32_t ProgramBuilder::negate(std::uint32_t x) {
  Node n;
  n.op = Op::not_;
  n.a = x;
  n.type = p_.bool_type;
  return add(n);
}

std::uint32_t ProgramBuilder::compare(Op op, std::uint32_t a, std::uint32_t b) {
  Node n;
  n.op = op;
  n.a = a;
  n.b = b;
  n.type = p_.bool_type;
  return add(n);
}

std::uint32_t ProgramBuilder::arith(Op op, std::uint32_t a, std::uint32_t b) {
  Node n;
  n.op = op;
  n.a = a;
  n.b = b;
  n.type = p_.int_type;
  return add(n);
}

std::uint32_t ProgramBuilder::in_values(std::uint32_t enum_node, std::uint64_t mask) {
  Node n;
  n.op = Op::in_values;
  n.a = enum_node;
  n.imm = static_cast<std::int64_t>(mask);
  n.type = p_.bool_type;
  return add(n);
}

std::uint32_t ProgramBuilder::has(std::uint32_t set_node, std::uint32_t element_node) {
  Node n;
  n.op = Op::has;
  n.a = set_node;
  n.b = element_node;
  n.type = p_.bool_type;
  return add(n);
}

std::uint32_t ProgramBuilder::condition(std::string name, std::uint32_t body) {
  ConditionInfo c;
  c.name = std::move(name);
  c.place = {"test.proviso", 1, 1};
  Node n;
  n.op = Op::condition;
  n.a = body;
  n.type = p_.bool_type;
  n.label = static_cast<std::uint32_t>(p_.conditions.size());
  std::uint32_t id = add(n);
  c.node = id;
  p_.conditions.push_back(std::move(c));
  return id;
}

std::uint32_t ProgramBuilder::policy(std::string name, std::int32_t sector, Effect default_effect, Combine combine) {
  Policy pol;
  pol.name = std::move(name);
  pol.sector = sector;
  pol.default_effect = default_effect;
  pol.combine = combine;
  pol.first_rule = static_cast<std::uint32_t>(p_.rules.size());
  pol.place = {"test.proviso", static_cast<std::uint32_t>(1000 + p_.policies.size() * 100), 1};
  p_.policies.push_back(std::move(pol));
  return static_cast<std::uint32_t>(p_.policies.size() - 1);
}

std::uint32_t ProgramBuilder::rule(std::string name, Effect effect, std::uint32_t when, std::uint32_t unless,
                                   std::vector<std::string> overrides, std::vector<std::string> requires_) {
  if (p_.policies.empty()) throw std::logic_error("a rule needs a policy");
  Rule r;
  r.name = std::move(name);
  r.policy = static_cast<std::uint32_t>(p_.policies.size() - 1);
  r.effect = effect;
  r.when = when;
  r.unless = unless;
  Policy& pol = p_.policies.back();
  r.place = {"test.proviso", pol.place.line + 1 + pol.rule_count, 3};
  ++pol.rule_count;
  p_.rules.push_back(std::move(r));
  overrides_.push_back(std::move(overrides));
  requires_names_.push_back(std::move(requires_));
  return static_cast<std::uint32_t>(p_.rules.size() - 1);
}

std::vector<std::uint32_t> ProgramBuilder::facts_under(std::uint32_t node) const {
  std::vector<std::uint32_t> out, stack{node};
  std::vector<std::uint8_t> seen(p_.nodes.size(), 0);
  while (!stack.empty()) {
    std::uint32_t id = stack.back();
    stack.pop_back();
    if (seen[id]) continue;
    seen[id] = 1;
    const Node& n = p_.nodes[id];
    switch (n.op) {
      case Op::fact: out.push_back(n.a); break;
      case Op::const_bool:
      case Op::const_int: break;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t i = 0; i < n.b; ++i) stack.push_back(p_.operands[n.a + i]);
        break;
      case Op::not_:
      case Op::condition:
      case Op::in_values: stack.push_back(n.a); break;
      default:
        stack.push_back(n.a);
        stack.push_back(n.b);
        break;
    }
  }
  return out;
}

Program ProgramBuilder::finish() {
  for (std::size_t r = 0; r < p_.rules.size(); ++r) {
    Rule& rule = p_.rules[r];
    const Policy& pol = p_.policies[rule.policy];
    for (const auto& name : overrides_[r]) {
      for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
        if (p_.rules[pol.first_rule + i].name == name) rule.overrides.push_back(pol.first_rule + i);
      }
    }
    for (const auto& name : requires_names_[r]) {
      for (std::uint32_t o = 0; o < p_.obligations.size(); ++o) {
        if (p_.obligations[o].name == name) rule.requires_.push_back(o);
      }
    }
    std::sort(rule.requires_.begin(), rule.requires_.end());
    rule.facts = facts_under(rule.when);
    if (rule.unless != kNone) {
      auto more = facts_under(rule.unless);
      rule.facts.insert(rule.facts.end(), more.begin(), more.end());
    }
    std::sort(rule.facts.begin(), rule.facts.end());
    rule.facts.erase(std::unique(rule.facts.begin(), rule.facts.end()), rule.facts.end());
  }
  // beaten_by: every rule from which an overrides chain leads here.
  for (std::uint32_t x = 0; x < p_.rules.size(); ++x) {
    std::vector<std::uint8_t> seen(p_.rules.size(), 0);
    std::vector<std::uint32_t> stack(p_.rules[x].overrides);
    while (!stack.empty()) {
      std::uint32_t y = stack.back();
      stack.pop_back();
      if (seen[y]) continue;
      seen[y] = 1;
      p_.rules[y].beaten_by.push_back(x);
      stack.insert(stack.end(), p_.rules[y].overrides.begin(), p_.rules[y].overrides.end());
    }
  }
  for (Rule& r : p_.rules) std::sort(r.beaten_by.begin(), r.beaten_by.end());
  p_.index();
  return std::move(p_);
}

}  // namespace proviso::test
