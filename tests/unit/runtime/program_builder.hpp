#pragma once
// A test-only builder for hand-made Programs, so the runtime can be tested without the
// compiler. It fills in what lowering derives: node texts, Rule::facts, the
// transitive Rule::beaten_by, and Rule::defers on the share rules of a deferring policy.
#include <algorithm>
#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::test {

class ProgramBuilder {
 public:
  explicit ProgramBuilder(std::vector<std::string> sectors = {"health", "housing", "education"}) {
    p_.bool_type = add_type(make_type(TypeKind::boolean, "bool"));
    p_.int_type = add_type(make_type(TypeKind::integer, "int"));
    Type sector = make_type(TypeKind::enumeration, "sector");
    sector.values = std::move(sectors);
    p_.sector_type = add_type(std::move(sector));
    fact("from", p_.sector_type, "Which sector discloses the data?");
    fact("to", p_.sector_type, "Which sector receives the data?");
  }

  std::uint32_t enum_type(std::string name, std::vector<std::string> values) {
    Type t = make_type(TypeKind::enumeration, std::move(name));
    t.values = std::move(values);
    return add_type(std::move(t));
  }
  std::uint32_t int_type(std::string name, std::int64_t lo, std::int64_t hi) {
    Type t = make_type(TypeKind::integer, std::move(name));
    t.lo = lo;
    t.hi = hi;
    return add_type(std::move(t));
  }
  std::uint32_t set_type(std::uint32_t element) {
    Type t = make_type(TypeKind::set, "set of " + p_.types[element].name);
    t.element = element;
    return add_type(std::move(t));
  }
  std::uint32_t bool_type() const { return p_.bool_type; }
  std::uint32_t int_type() const { return p_.int_type; }
  std::uint32_t sector_type() const { return p_.sector_type; }

  std::uint32_t fact(std::string name, std::uint32_t type, std::string question = {},
                     std::vector<Citation> cites = {}) {
    Fact f;
    f.name = std::move(name);
    f.type = type;
    f.question = std::move(question);
    f.cites = std::move(cites);
    p_.facts.push_back(std::move(f));
    return static_cast<std::uint32_t>(p_.facts.size() - 1);
  }

  // Obligations must be added in name order (Program keeps them sorted by name).
  std::uint32_t obligation(std::string name, std::string text) {
    if (!p_.obligations.empty() && p_.obligations.back().name >= name) {
      throw std::logic_error("obligations must be added in name order");
    }
    p_.obligations.push_back({std::move(name), std::move(text)});
    return static_cast<std::uint32_t>(p_.obligations.size() - 1);
  }

  // --- expression nodes ---
  std::uint32_t lit(bool v) { return node(Op::const_bool, 0, 0, v, p_.bool_type, v ? "true" : "false"); }
  std::uint32_t num(std::int64_t v) { return node(Op::const_int, 0, 0, v, p_.int_type, std::to_string(v)); }
  // An enum value of `type` as a constant.
  std::uint32_t value(std::uint32_t type, const std::string& name) {
    std::uint32_t index = p_.types[type].value_index(name);
    if (index == kNone) throw std::logic_error("no enum value " + name);
    return node(Op::const_int, 0, 0, index, type, name);
  }
  std::uint32_t f(std::uint32_t fact) {
    return node(Op::fact, fact, 0, 0, p_.facts[fact].type, p_.facts[fact].name);
  }
  std::uint32_t all(std::initializer_list<std::uint32_t> xs) { return nary(Op::and_, xs, " and "); }
  std::uint32_t any(std::initializer_list<std::uint32_t> xs) { return nary(Op::or_, xs, " or "); }
  std::uint32_t all(const std::vector<std::uint32_t>& xs) { return nary(Op::and_, xs, " and "); }
  std::uint32_t any(const std::vector<std::uint32_t>& xs) { return nary(Op::or_, xs, " or "); }
  std::uint32_t neg(std::uint32_t x) { return node(Op::not_, x, 0, 0, p_.bool_type, "not " + text(x)); }
  std::uint32_t cmp(Op op, std::uint32_t a, std::uint32_t b) {
    return node(op, a, b, 0, p_.bool_type, text(a) + " " + std::string(to_string(op)) + " " + text(b));
  }
  std::uint32_t arith(Op op, std::uint32_t a, std::uint32_t b) {
    return node(op, a, b, 0, p_.int_type, text(a) + " " + std::string(to_string(op)) + " " + text(b));
  }
  // fact == value, the commonest comparison.
  std::uint32_t is(std::uint32_t fact, const std::string& v) {
    return cmp(Op::eq, f(fact), value(p_.facts[fact].type, v));
  }
  std::uint32_t in(std::uint32_t x, std::initializer_list<std::string> values) {
    const Type& t = p_.types[p_.nodes[x].type];
    std::int64_t mask = 0;
    std::string list;
    for (const std::string& v : values) {
      mask |= std::int64_t{1} << t.value_index(v);
      list += (list.empty() ? "" : ", ") + v;
    }
    return node(Op::in_values, x, 0, mask, p_.bool_type, text(x) + " in {" + list + "}");
  }
  // `value in set_fact`
  std::uint32_t has(std::uint32_t set_node, std::uint32_t value_node) {
    return node(Op::has, set_node, value_node, 0, p_.bool_type, text(value_node) + " in " + text(set_node));
  }
  std::uint32_t condition(std::string name, std::uint32_t body, std::string description = {},
                          std::vector<Citation> cites = {}) {
    ConditionInfo c;
    c.name = name;
    c.text = std::move(description);
    c.cites = std::move(cites);
    auto id = node(Op::condition, body, 0, 0, p_.bool_type, name);
    p_.nodes[id].label = static_cast<std::uint32_t>(p_.conditions.size());
    c.node = id;
    p_.conditions.push_back(std::move(c));
    return id;
  }

  // --- policies and rules ---
  std::uint32_t policy(std::string name, std::int32_t sector = -1, Effect default_effect = Effect::deny,
                       Combine combine = Combine::strictest) {
    Policy pol;
    pol.name = std::move(name);
    pol.sector = sector;
    pol.default_effect = default_effect;
    pol.combine = combine;
    pol.first_rule = static_cast<std::uint32_t>(p_.rules.size());
    p_.policies.push_back(std::move(pol));
    return static_cast<std::uint32_t>(p_.policies.size() - 1);
  }
  // The policy defers (`defers` as a setting); build() marks its share rules as lowering does.
  void defers(std::uint32_t policy) { p_.policies[policy].defers = true; }
  std::int32_t sector(const std::string& name) const {
    return static_cast<std::int32_t>(p_.types[p_.sector_type].value_index(name));
  }

  // A handle for adding the optional parts of a rule: `b.rule(...).require({x}).beats({y})`.
  class RuleRef {
   public:
    RuleRef(ProgramBuilder& b, std::uint32_t id) : b_(&b), id_(id) {}
    operator std::uint32_t() const { return id_; }
    RuleRef& unless(std::uint32_t node) {
      rule().unless = node;
      return *this;
    }
    RuleRef& require(std::initializer_list<std::uint32_t> obligations) {
      rule().requires_.assign(obligations.begin(), obligations.end());
      std::sort(rule().requires_.begin(), rule().requires_.end());
      return *this;
    }
    RuleRef& beats(std::initializer_list<std::uint32_t> rules) {
      rule().overrides.insert(rule().overrides.end(), rules.begin(), rules.end());
      return *this;
    }
    RuleRef& defers() {
      rule().defers = true;
      return *this;
    }
    RuleRef& because(std::string text, std::vector<Citation> cites = {}) {
      rule().because = std::move(text);
      rule().cites = std::move(cites);
      return *this;
    }

   private:
    Rule& rule() { return b_->p_.rules[id_]; }
    ProgramBuilder* b_;
    std::uint32_t id_;
  };

  RuleRef rule(std::string name, Effect effect, std::uint32_t when) {
    Rule r;
    r.name = std::move(name);
    r.policy = static_cast<std::uint32_t>(p_.policies.size() - 1);
    r.effect = effect;
    r.when = when;
    p_.rules.push_back(std::move(r));
    ++p_.policies.back().rule_count;
    return RuleRef(*this, static_cast<std::uint32_t>(p_.rules.size() - 1));
  }
  // Overrides may name later rules, so they can also be added after the fact.
  void overrides(std::uint32_t winner, std::uint32_t loser) { p_.rules[winner].overrides.push_back(loser); }

  Program build() {
    Program out = p_;
    for (Rule& r : out.rules) {
      if (r.effect == Effect::share && out.policies[r.policy].defers) r.defers = true;
      std::vector<std::uint8_t> seen(out.facts.size(), 0);
      collect_facts(out, r.when, seen);
      if (r.unless != kNone) collect_facts(out, r.unless, seen);
      for (std::uint32_t i = 0; i < seen.size(); ++i) {
        if (seen[i]) r.facts.push_back(i);
      }
    }
    // beaten_by: every rule from which a chain of `overrides` leads to this one.
    for (std::uint32_t s = 0; s < out.rules.size(); ++s) {
      std::vector<std::uint8_t> beats(out.rules.size(), 0);
      std::function<void(std::uint32_t)> up = [&](std::uint32_t target) {
        for (std::uint32_t r = 0; r < out.rules.size(); ++r) {
          const auto& o = out.rules[r].overrides;
          if (!beats[r] && std::find(o.begin(), o.end(), target) != o.end()) {
            beats[r] = 1;
            up(r);
          }
        }
      };
      up(s);
      for (std::uint32_t r = 0; r < out.rules.size(); ++r) {
        if (beats[r]) out.rules[s].beaten_by.push_back(r);
      }
    }
    out.version = "test-version";
    out.index();
    return out;
  }

  Program& raw() { return p_; }

 private:
  static Type make_type(TypeKind kind, std::string name) {
    Type t;
    t.kind = kind;
    t.name = std::move(name);
    return t;
  }
  std::uint32_t add_type(Type t) {
    p_.types.push_back(std::move(t));
    return static_cast<std::uint32_t>(p_.types.size() - 1);
  }
  std::uint32_t node(Op op, std::uint32_t a, std::uint32_t b, std::int64_t imm, std::uint32_t type,
                     std::string text) {
    Node n;
    n.op = op;
    n.a = a;
    n.b = b;
    n.imm = imm;
    n.type = type;
    n.text = std::move(text);
    p_.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(p_.nodes.size() - 1);
  }
  std::uint32_t nary(Op op, std::initializer_list<std::uint32_t> xs, const char* sep) {
    return nary(op, std::vector<std::uint32_t>(xs), sep);
  }
  std::uint32_t nary(Op op, const std::vector<std::uint32_t>& xs, const char* sep) {
    auto first = static_cast<std::uint32_t>(p_.operands.size());
    std::string t;
    for (std::uint32_t x : xs) {
      p_.operands.push_back(x);
      if (!t.empty()) t += sep;
      const Op child = p_.nodes[x].op;
      const bool wrap = (child == Op::and_ || child == Op::or_) && child != op;
      t += wrap ? "(" + text(x) + ")" : text(x);
    }
    return node(op, first, static_cast<std::uint32_t>(xs.size()), 0, p_.bool_type, t);
  }
  std::string text(std::uint32_t n) const { return p_.nodes[n].text; }

  static void collect_facts(const Program& p, std::uint32_t n, std::vector<std::uint8_t>& seen) {
    const Node& node = p.nodes[n];
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int: return;
      case Op::fact: seen[node.a] = 1; return;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) collect_facts(p, p.operands[j], seen);
        return;
      case Op::not_:
      case Op::in_values:
      case Op::condition: collect_facts(p, node.a, seen); return;
      default:
        collect_facts(p, node.a, seen);
        collect_facts(p, node.b, seen);
        return;
    }
  }

  Program p_;
};

}  // namespace proviso::test
