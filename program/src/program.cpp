#include "proviso/program/program.hpp"

#include <charconv>

namespace proviso {

std::string_view to_string(Effect e) {
  switch (e) {
    case Effect::share: return "share";
    case Effect::refer: return "refer";
    case Effect::deny: return "deny";
  }
  return "deny";
}

std::string_view to_string(Combine c) {
  switch (c) {
    case Combine::strictest: return "strictest";
    case Combine::first: return "first";
  }
  return "strictest";
}

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::share: return "share";
    case Outcome::refer: return "refer";
    case Outcome::deny: return "deny";
    case Outcome::undetermined: return "undetermined";
  }
  return "undetermined";
}

// The spelling users see in DOT output and debugging dumps: the operator as written
// where there is one, otherwise the node's role.
std::string_view to_string(Op op) {
  switch (op) {
    case Op::const_bool: return "const_bool";
    case Op::const_int: return "const_int";
    case Op::fact: return "fact";
    case Op::and_: return "and";
    case Op::or_: return "or";
    case Op::not_: return "not";
    case Op::eq: return "==";
    case Op::ne: return "!=";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::add: return "+";
    case Op::sub: return "-";
    case Op::mul: return "*";
    case Op::in_values: return "in";
    case Op::has: return "has";
    case Op::condition: return "condition";
  }
  return "?";
}

std::uint32_t Type::value_index(std::string_view v) const {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == v) return static_cast<std::uint32_t>(i);
  }
  return kNone;
}

void Program::index() {
  fact_index_.clear();
  policy_index_.clear();
  obligation_index_.clear();
  rule_index_.clear();
  for (std::size_t i = 0; i < facts.size(); ++i) {
    fact_index_.emplace(facts[i].name, static_cast<std::uint32_t>(i));
  }
  for (std::size_t i = 0; i < policies.size(); ++i) {
    policy_index_.emplace(policies[i].name, static_cast<std::uint32_t>(i));
  }
  for (std::size_t i = 0; i < obligations.size(); ++i) {
    obligation_index_.emplace(obligations[i].name, static_cast<std::uint32_t>(i));
  }
  for (std::size_t i = 0; i < rules.size(); ++i) {
    rule_index_.emplace(rule_qualified_name(static_cast<std::uint32_t>(i)), static_cast<std::uint32_t>(i));
  }
}

namespace {

std::uint32_t lookup(const std::unordered_map<std::string, std::uint32_t>& index, std::string_view name) {
  auto it = index.find(std::string(name));
  return it == index.end() ? kNone : it->second;
}

}  // namespace

FactId Program::find_fact(std::string_view name) const { return FactId(lookup(fact_index_, name)); }
PolicyId Program::find_policy(std::string_view name) const { return PolicyId(lookup(policy_index_, name)); }
ObligationId Program::find_obligation(std::string_view name) const {
  return ObligationId(lookup(obligation_index_, name));
}
RuleId Program::find_rule(std::string_view qualified) const { return RuleId(lookup(rule_index_, qualified)); }

bool Program::rule_in_force(std::uint32_t rule, Day day) const {
  const Rule& r = rules[rule];
  return r.effective.in_force(day) && policies[r.policy].effective.in_force(day);
}

bool Program::has_dates() const {
  for (const Policy& p : policies) {
    if (p.effective.dated()) return true;
  }
  for (const Rule& r : rules) {
    if (r.effective.dated()) return true;
  }
  return false;
}

std::string Program::rule_qualified_name(std::uint32_t rule) const {
  if (rule >= rules.size()) return {};
  const Rule& r = rules[rule];
  std::string out;
  if (r.policy < policies.size()) {
    out = policies[r.policy].name;
    out += '.';
  }
  out += r.name;
  return out;
}

std::string format_value(const Program& p, std::uint32_t type, std::int64_t value) {
  auto number = [](std::int64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
  };
  if (type >= p.types.size()) return number(value);
  const Type& t = p.types[type];
  switch (t.kind) {
    case TypeKind::boolean:
      return value != 0 ? "true" : "false";
    case TypeKind::integer:
      return number(value);
    case TypeKind::enumeration:
      if (value >= 0 && static_cast<std::uint64_t>(value) < t.values.size()) {
        return t.values[static_cast<std::size_t>(value)];
      }
      return number(value);
    case TypeKind::set: {
      // Members are listed in the element enum's declaration order, which is the bit
      // order, so equal sets always print the same way.
      const Type* element = t.element < p.types.size() ? &p.types[t.element] : nullptr;
      std::string out = "{";
      bool first = true;
      for (unsigned bit = 0; bit < 64; ++bit) {
        if (((static_cast<std::uint64_t>(value) >> bit) & 1u) == 0) continue;
        if (!first) out += ", ";
        first = false;
        if (element != nullptr && bit < element->values.size()) {
          out += element->values[bit];
        } else {
          out += number(bit);
        }
      }
      out += '}';
      return out;
    }
  }
  return number(value);
}

}  // namespace proviso
