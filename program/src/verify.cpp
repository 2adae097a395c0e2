// The checks behind verify(), in the order the program's parts depend on each other:
// types, facts, nodes (which read both), conditions, obligations, policies and rules,
// the override relation, scenarios. Each check guards its own indexes, so a problem
// found early never turns into an out-of-bounds read later.
#include "proviso/program/verify.hpp"

#include <fmt/format.h>

#include <string_view>
#include <unordered_set>

namespace proviso {
namespace {

constexpr std::uint64_t kSetBits = 64;

bool strictly_ascending(const std::vector<std::uint32_t>& ids) {
  for (std::size_t i = 1; i < ids.size(); ++i) {
    if (ids[i - 1] >= ids[i]) return false;
  }
  return true;
}

class Verifier {
 public:
  Verifier(const Program& p, std::size_t max_problems) : p_(p), max_(max_problems) {}

  std::vector<std::string> run() {
    if (p_.nodes.size() + p_.facts.size() + p_.rules.size() + 2 >= kNone) {
      // The evaluator numbers every node, fact and rule in one 32-bit slot space.
      problem("the program has more nodes, facts and rules than 32-bit ids can number");
      return std::move(problems_);
    }
    types();
    facts();
    nodes();
    conditions();
    constraints();
    obligations();
    policies();
    rules();
    if (rules_sound_ && !full()) overrides();
    scenarios();
    return std::move(problems_);
  }

 private:
  template <typename... Args>
  void problem(fmt::format_string<Args...> format, Args&&... args) {
    if (!full()) problems_.push_back(printable(fmt::format(format, std::forward<Args>(args)...)));
  }
  // Problems quote names from a file that may have been crafted: they reach a terminal
  // with no control characters and at a readable length.
  static std::string printable(const std::string& message) {
    constexpr std::size_t kMaxLength = 400;
    std::string out;
    for (unsigned char c : message) {
      if (c < 0x20 || c == 0x7f) {
        out += fmt::format("\\x{:02x}", c);
      } else {
        out += static_cast<char>(c);
      }
    }
    if (out.size() > kMaxLength) {
      std::size_t cut = kMaxLength;
      while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;  // not inside a character
      out.resize(cut);
      out += "...";
    }
    return out;
  }
  // A name as the compiler makes them: not empty, no control characters.
  static bool plain_name(std::string_view name) {
    if (name.empty()) return false;
    for (unsigned char c : name) {
      if (c < 0x20 || c == 0x7f) return false;
    }
    return true;
  }
  bool full() const { return problems_.size() >= max_; }

  // The type with this id, or null when the id is out of range.
  const Type* type(std::uint32_t id) const { return id < p_.types.size() ? &p_.types[id] : nullptr; }
  bool is_kind(std::uint32_t id, TypeKind kind) const {
    const Type* t = type(id);
    return t != nullptr && t->kind == kind;
  }
  // The type of an earlier node, or null; what every operand check goes through.
  const Type* operand_type(std::uint32_t node, std::uint32_t operand) const {
    if (operand >= node) return nullptr;
    return type(p_.nodes[operand].type);
  }
  std::string rule_name(std::uint32_t r) const { return "rule '" + p_.rule_qualified_name(r) + "'"; }

  // Whether `value` is one the type can hold: a bool 0/1, an int within its bounds, an
  // enum value's index, a set of its element's values.
  bool holds(const Type& t, std::int64_t value) const {
    switch (t.kind) {
      case TypeKind::boolean: return value == 0 || value == 1;
      case TypeKind::integer: return t.lo <= value && value <= t.hi;
      case TypeKind::enumeration: return value >= 0 && static_cast<std::uint64_t>(value) < t.values.size();
      case TypeKind::set: {
        const Type* element = type(t.element);
        if (element == nullptr) return false;
        const std::size_t n = element->values.size();
        return n >= kSetBits || (static_cast<std::uint64_t>(value) >> n) == 0;
      }
    }
    return false;
  }

  void types() {
    for (std::uint32_t i = 0; i < p_.types.size(); ++i) {
      const Type& t = p_.types[i];
      if (!plain_name(t.name)) problem("type {}: its name '{}' is empty or has control characters", i, t.name);
      switch (t.kind) {
        case TypeKind::boolean:
          break;
        case TypeKind::integer:
          if (t.lo > t.hi) problem("type {} '{}': its lower bound {} is above its upper bound {}", i, t.name, t.lo, t.hi);
          break;
        case TypeKind::enumeration: {
          std::unordered_set<std::string_view> seen;
          for (const std::string& v : t.values) {
            if (!seen.insert(v).second) problem("type {} '{}': value '{}' appears twice", i, t.name, v);
            if (!plain_name(v)) problem("type {} '{}': value '{}' is empty or has control characters", i, t.name, v);
          }
          break;
        }
        case TypeKind::set: {
          const Type* element = type(t.element);
          if (element == nullptr || element->kind != TypeKind::enumeration) {
            problem("type {} '{}': a set whose element type {} is not an enumeration", i, t.name, t.element);
          } else if (element->values.size() > kSetBits) {
            problem("type {} '{}': a set of an enumeration of {} values (at most {})", i, t.name,
                    element->values.size(), kSetBits);
          }
          break;
        }
        default:
          problem("type {} '{}': unknown kind {}", i, t.name, static_cast<unsigned>(t.kind));
      }
    }
    if (!is_kind(p_.bool_type, TypeKind::boolean)) problem("the bool type {} is not a bool", p_.bool_type);
    if (!is_kind(p_.int_type, TypeKind::integer)) problem("the int type {} is not an int", p_.int_type);
    if (!is_kind(p_.sector_type, TypeKind::enumeration)) {
      problem("the sector type {} is not an enumeration", p_.sector_type);
    }
  }

  void facts() {
    if (p_.facts.size() < 2) {
      problem("the program has {} facts; facts 0 and 1 are always 'from' and 'to'", p_.facts.size());
    }
    std::unordered_set<std::string_view> names;
    for (std::uint32_t f = 0; f < p_.facts.size(); ++f) {
      const Fact& fact = p_.facts[f];
      if (type(fact.type) == nullptr) problem("fact '{}': type {} does not exist", fact.name, fact.type);
      if (!names.insert(fact.name).second) problem("fact '{}' is declared twice", fact.name);
      if (!plain_name(fact.name)) problem("fact {}: its name '{}' is empty or has control characters", f, fact.name);
      if (f == kFactFrom || f == kFactTo) {
        const std::string_view expected = f == kFactFrom ? "from" : "to";
        if (fact.name != expected || fact.type != p_.sector_type) {
          problem("fact {} is '{}' of type {}; it must be '{}' of the sector type {}", f, fact.name, fact.type,
                  expected, p_.sector_type);
        }
      }
    }
  }

  void nodes() {
    for (std::uint32_t i = 0; i < p_.nodes.size() && !full(); ++i) node(i);
    if (!full()) shared_nodes();
  }

  // Expressions are trees: only facts, constants and conditions are shared. The
  // compiler builds them so, and the trace relies on it: it explains a node once per
  // use, so one node shared along a chain of uses would be explained exponentially
  // often (conditions are explained once per rule).
  void shared_nodes() {
    std::vector<std::uint8_t> uses(p_.nodes.size(), 0);
    std::uint32_t first = kNone;
    auto use = [&](std::uint32_t n) {
      if (n >= p_.nodes.size()) return;  // reported where it is read
      switch (p_.nodes[n].op) {
        case Op::const_bool:
        case Op::const_int:
        case Op::fact:
        case Op::condition:
          return;
        default:
          if (uses[n] < 2 && ++uses[n] == 2 && first == kNone) first = n;
      }
    };
    for (const Node& n : p_.nodes) {
      switch (n.op) {
        case Op::and_:
        case Op::or_:
          if (n.a <= p_.operands.size() && n.b <= p_.operands.size() - n.a) {
            for (std::uint32_t j = n.a; j < n.a + n.b; ++j) use(p_.operands[j]);
          }
          break;
        case Op::not_:
        case Op::condition:
        case Op::in_values:
          use(n.a);
          break;
        case Op::const_bool:
        case Op::const_int:
        case Op::fact:
          break;
        default:
          use(n.a);
          use(n.b);
      }
    }
    for (const Rule& r : p_.rules) {
      use(r.when);
      use(r.unless);
    }
    for (const Constraint& c : p_.constraints) use(c.node);
    if (first != kNone) {
      problem("node {} ({}) is used more than once; only facts, constants and conditions are shared", first,
              to_string(p_.nodes[first].op));
    }
  }

  void node(std::uint32_t i) {
    const Node& n = p_.nodes[i];
    const Type* t = type(n.type);
    if (n.op > Op::condition) {
      problem("node {}: unknown operation {}", i, static_cast<unsigned>(n.op));
      return;
    }
    const std::string_view op = to_string(n.op);
    if (t == nullptr) {
      problem("node {} ({}): type {} does not exist", i, op, n.type);
      return;
    }
    // Operands come before the node that uses them: one forward sweep evaluates all.
    // An operand whose own type is missing was reported at that node: checks stop there.
    auto earlier = [&](std::uint32_t operand, std::string_view role) {
      if (operand < i) return operand_type(i, operand) != nullptr;
      problem("node {} ({}): its {} is node {}, not an earlier node", i, op, role, operand);
      return false;
    };
    auto operand_kind = [&](std::uint32_t operand, std::string_view role, TypeKind kind) {
      if (!earlier(operand, role)) return false;
      if (operand_type(i, operand)->kind == kind) return true;
      problem("node {} ({}): its {} is node {} of type '{}'", i, op, role, operand, operand_type(i, operand)->name);
      return false;
    };
    auto result_kind = [&](TypeKind kind) {
      if (t->kind != kind) problem("node {} ({}): its type '{}' is not what the operation gives", i, op, t->name);
    };
    switch (n.op) {
      case Op::const_bool:
        result_kind(TypeKind::boolean);
        if (n.imm != 0 && n.imm != 1) problem("node {} ({}): {} is not a truth value", i, op, n.imm);
        break;
      case Op::const_int:
        if (t->kind != TypeKind::integer && t->kind != TypeKind::enumeration) {
          problem("node {} ({}): a constant of type '{}'", i, op, t->name);
        } else if (!holds(*t, n.imm)) {
          problem("node {} ({}): {} is not a value of type '{}'", i, op, n.imm, t->name);
        }
        break;
      case Op::fact:
        if (n.a >= p_.facts.size()) {
          problem("node {} ({}): fact {} does not exist", i, op, n.a);
        } else if (p_.facts[n.a].type != n.type) {
          problem("node {} ({}): reads fact '{}' with type {}, not its type {}", i, op, p_.facts[n.a].name, n.type,
                  p_.facts[n.a].type);
        }
        break;
      case Op::and_:
      case Op::or_:
        result_kind(TypeKind::boolean);
        if (n.a > p_.operands.size() || n.b > p_.operands.size() - n.a) {
          problem("node {} ({}): operands {} .. {} are past the operand list ({})", i, op, n.a,
                  std::uint64_t{n.a} + n.b, p_.operands.size());
          break;
        }
        for (std::uint32_t j = n.a; j < n.a + n.b; ++j) {
          if (!operand_kind(p_.operands[j], "operand", TypeKind::boolean)) break;
        }
        break;
      case Op::not_:
      case Op::condition:
        result_kind(TypeKind::boolean);
        operand_kind(n.a, n.op == Op::not_ ? "operand" : "body", TypeKind::boolean);
        if (n.op == Op::condition) {
          if (n.label >= p_.conditions.size()) {
            problem("node {} ({}): condition {} does not exist", i, op, n.label);
          } else if (p_.conditions[n.label].node != i) {
            problem("node {} ({}): condition '{}' names node {} as its own", i, op, p_.conditions[n.label].name,
                    p_.conditions[n.label].node);
          }
        }
        break;
      case Op::eq:
      case Op::ne: {
        result_kind(TypeKind::boolean);
        if (!earlier(n.a, "left operand") || !earlier(n.b, "right operand")) break;
        const Type* x = operand_type(i, n.a);
        const Type* y = operand_type(i, n.b);
        const bool both_ints = x->kind == TypeKind::integer && y->kind == TypeKind::integer;
        if (!both_ints && p_.nodes[n.a].type != p_.nodes[n.b].type) {
          problem("node {} ({}): compares '{}' with '{}'", i, op, x->name, y->name);
        }
        break;
      }
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge:
        result_kind(TypeKind::boolean);
        if (operand_kind(n.a, "left operand", TypeKind::integer)) {
          operand_kind(n.b, "right operand", TypeKind::integer);
        }
        break;
      case Op::add:
      case Op::sub:
      case Op::mul:
        result_kind(TypeKind::integer);
        if (!operand_kind(n.a, "left operand", TypeKind::integer) ||
            !operand_kind(n.b, "right operand", TypeKind::integer)) {
          break;
        }
        // Products stay linear, so static analysis can reason about them.
        if (n.op == Op::mul && p_.nodes[n.a].op != Op::const_int && p_.nodes[n.b].op != Op::const_int) {
          problem("node {} ({}): multiplies two nodes neither of which is a constant", i, op);
        }
        break;
      case Op::in_values: {
        result_kind(TypeKind::boolean);
        if (!operand_kind(n.a, "operand", TypeKind::enumeration)) break;
        const std::size_t values = operand_type(i, n.a)->values.size();
        if (values < kSetBits && (static_cast<std::uint64_t>(n.imm) >> values) != 0) {
          problem("node {} ({}): its mask names values past the {} of type '{}'", i, op, values,
                  operand_type(i, n.a)->name);
        }
        break;
      }
      case Op::has: {
        result_kind(TypeKind::boolean);
        if (!operand_kind(n.a, "set", TypeKind::set) || !earlier(n.b, "element")) break;
        const Type* set = operand_type(i, n.a);
        if (p_.nodes[n.b].type != set->element) {
          problem("node {} ({}): looks for '{}' in '{}'", i, op, operand_type(i, n.b)->name, set->name);
        }
        break;
      }
    }
  }

  void conditions() {
    std::unordered_set<std::string_view> names;
    for (std::uint32_t c = 0; c < p_.conditions.size(); ++c) {
      const ConditionInfo& info = p_.conditions[c];
      if (!names.insert(info.name).second) problem("condition '{}' is declared twice", info.name);
      if (!plain_name(info.name)) problem("condition {}: its name '{}' is empty or has control characters", c, info.name);
      if (info.node >= p_.nodes.size() || p_.nodes[info.node].op != Op::condition ||
          p_.nodes[info.node].label != c) {
        problem("condition '{}': node {} is not its condition node", info.name, info.node);
      }
    }
  }

  void constraints() {
    std::unordered_set<std::string_view> names;
    for (std::uint32_t c = 0; c < p_.constraints.size(); ++c) {
      const Constraint& info = p_.constraints[c];
      if (!names.insert(info.name).second) problem("constraint '{}' is declared twice", info.name);
      if (!plain_name(info.name)) problem("constraint {}: its name '{}' is empty or has control characters", c, info.name);
      if (info.node >= p_.nodes.size() || !is_kind(p_.nodes[info.node].type, TypeKind::boolean)) {
        problem("constraint '{}': node {} is not a bool node", info.name, info.node);
      }
    }
  }

  // An effective period whose end is before its start could never be in force: the
  // compiler refuses it, so a file that has one was not written by the compiler.
  void period(const Effective& e, std::string_view what) {
    if (e.from != kNoDate && e.until != kNoDate && e.until < e.from) {
      problem("{}: in force until {}, before it starts on {}", what, format_date(e.until), format_date(e.from));
    }
  }

  void obligations() {
    for (std::size_t o = 0; o < p_.obligations.size(); ++o) {
      if (!plain_name(p_.obligations[o].name)) {
        problem("obligation {}: its name '{}' is empty or has control characters", o, p_.obligations[o].name);
      }
    }
    for (std::size_t o = 1; o < p_.obligations.size(); ++o) {
      if (!(p_.obligations[o - 1].name < p_.obligations[o].name)) {
        problem("obligations '{}' and '{}' are not in order of name (or the name is repeated)",
                p_.obligations[o - 1].name, p_.obligations[o].name);
      }
    }
  }

  void policies() {
    std::unordered_set<std::string_view> names;
    std::uint64_t next = 0;
    const Type* sectors = is_kind(p_.sector_type, TypeKind::enumeration) ? type(p_.sector_type) : nullptr;
    for (std::uint32_t i = 0; i < p_.policies.size(); ++i) {
      const Policy& pol = p_.policies[i];
      if (!names.insert(pol.name).second) problem("policy '{}' is declared twice", pol.name);
      if (!plain_name(pol.name)) problem("policy {}: its name '{}' is empty or has control characters", i, pol.name);
      if (pol.default_effect > Effect::deny) problem("policy '{}': unknown default effect", pol.name);
      if (pol.combine > Combine::first) problem("policy '{}': unknown combine mode", pol.name);
      period(pol.effective, fmt::format("policy '{}'", pol.name));
      if (pol.sector < -1 || (pol.sector >= 0 && sectors != nullptr &&
                              static_cast<std::uint64_t>(pol.sector) >= sectors->values.size())) {
        problem("policy '{}': sector {} does not exist", pol.name, pol.sector);
      }
      if (pol.first_rule != next) {
        problem("policy '{}': its rules start at {}, not at {} where the previous policy's end", pol.name,
                pol.first_rule, next);
        rules_sound_ = false;
      }
      next = std::uint64_t{pol.first_rule} + pol.rule_count;
    }
    if (next != p_.rules.size()) {
      problem("the policies' rules end at {}, but the program has {} rules", next, p_.rules.size());
      rules_sound_ = false;
    }
  }

  void rules() {
    if (!rules_sound_) return;  // rule.policy cannot be checked against broken ranges
    for (std::uint32_t pi = 0; pi < p_.policies.size() && !full(); ++pi) {
      const Policy& pol = p_.policies[pi];
      std::unordered_set<std::string_view> names;
      for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
        if (!names.insert(p_.rules[r].name).second) problem("{} is declared twice", rule_name(r));
        if (!plain_name(p_.rules[r].name)) problem("{}: its name is empty or has control characters", rule_name(r));
        rule(r, pi);
      }
    }
  }

  void rule(std::uint32_t r, std::uint32_t policy) {
    const Rule& rule = p_.rules[r];
    const Policy& pol = p_.policies[policy];
    if (rule.policy != policy) {
      problem("{} lies among the rules of policy '{}' but names policy {}", rule_name(r), pol.name, rule.policy);
      rules_sound_ = false;
    }
    if (rule.effect > Effect::deny) problem("{}: unknown effect", rule_name(r));
    period(rule.effective, rule_name(r));
    auto condition = [&](std::uint32_t node, std::string_view role, bool optional) {
      if (node == kNone && optional) return;
      if (node >= p_.nodes.size() || !is_kind(p_.nodes[node].type, TypeKind::boolean)) {
        problem("{}: its {} is node {}, not a bool node", rule_name(r), role, node);
      }
    };
    condition(rule.when, "when", true);
    condition(rule.unless, "unless", true);
    auto ids = [&](const std::vector<std::uint32_t>& list, std::size_t bound, std::string_view what) {
      for (std::uint32_t id : list) {
        if (id >= bound) {
          problem("{}: {} {} does not exist", rule_name(r), what, id);
          return false;
        }
      }
      if (!strictly_ascending(list)) {
        problem("{}: its {}s are not in ascending order without repeats", rule_name(r), what);
        return false;
      }
      return true;
    };
    ids(rule.requires_, p_.obligations.size(), "obligation");
    ids(rule.facts, p_.facts.size(), "fact");
    const bool overrides = ids(rule.overrides, p_.rules.size(), "overridden rule");
    const bool beaten = ids(rule.beaten_by, p_.rules.size(), "beating rule");
    if (!overrides || !beaten) {
      rules_sound_ = false;
      return;
    }
    // Overrides stay within a policy; the decision of a policy reads only its own rules.
    auto local = [&](std::uint32_t other) { return other >= pol.first_rule && other < pol.first_rule + pol.rule_count; };
    for (std::uint32_t o : rule.overrides) {
      if (!local(o)) problem("{} overrides {} of another policy", rule_name(r), rule_name(o));
      if (o == r) problem("{} overrides itself", rule_name(r));
    }
    for (std::uint32_t b : rule.beaten_by) {
      if (!local(b)) problem("{} is beaten by {} of another policy", rule_name(r), rule_name(b));
    }
  }

  // The override relation is acyclic, and beaten_by is its transitive closure: on an
  // acyclic relation the closure is the one solution of
  //   beaten_by(v) = union over direct overriders u of v: {u} and beaten_by(u),
  // so checking that equation at every rule checks the closure without computing it.
  void overrides() {
    const std::size_t n = p_.rules.size();
    // Direct overriders of each rule, as one flat list (counting sort by target).
    std::vector<std::uint32_t> begin(n + 1, 0), by;
    for (const Rule& rule : p_.rules) {
      for (std::uint32_t v : rule.overrides) ++begin[v + 1];
    }
    for (std::size_t v = 0; v < n; ++v) begin[v + 1] += begin[v];
    by.resize(begin[n]);
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (std::uint32_t u = 0; u < n; ++u) {
      for (std::uint32_t v : p_.rules[u].overrides) by[fill[v]++] = u;
    }

    // Kahn's algorithm: a rule whose overriders are all placed can be placed.
    std::vector<std::uint32_t> waiting(n), ready;
    for (std::uint32_t v = 0; v < n; ++v) {
      waiting[v] = begin[v + 1] - begin[v];
      if (waiting[v] == 0) ready.push_back(v);
    }
    std::size_t placed = 0;
    while (!ready.empty()) {
      const std::uint32_t u = ready.back();
      ready.pop_back();
      ++placed;
      for (std::uint32_t v : p_.rules[u].overrides) {
        if (--waiting[v] == 0) ready.push_back(v);
      }
    }
    if (placed != n) {
      for (std::uint32_t v = 0; v < n; ++v) {
        if (waiting[v] != 0) {
          problem("the override relation has a cycle through {}", rule_name(v));
          return;
        }
      }
    }

    std::vector<std::uint32_t> member(n, kNone), justified(n, kNone);
    for (std::uint32_t v = 0; v < n && !full(); ++v) {
      const Rule& rule = p_.rules[v];
      for (std::uint32_t w : rule.beaten_by) member[w] = v;
      for (std::uint32_t j = begin[v]; j < begin[v + 1]; ++j) {
        const std::uint32_t u = by[j];
        if (member[u] != v) {
          problem("{} overrides {} but is not in its beaten_by list", rule_name(u), rule_name(v));
          break;
        }
        justified[u] = v;
        for (std::uint32_t w : p_.rules[u].beaten_by) {
          if (member[w] != v) {
            problem("{} beats {}, which overrides {}, but is not in its beaten_by list", rule_name(w), rule_name(u),
                    rule_name(v));
            break;
          }
          justified[w] = v;
        }
      }
      for (std::uint32_t w : rule.beaten_by) {
        if (justified[w] != v) {
          problem("{} is in the beaten_by list of {} but does not override it, directly or through others",
                  rule_name(w), rule_name(v));
          break;
        }
      }
    }
  }

  void scenarios() {
    for (const NamedScenario& s : p_.scenarios) {
      if (full()) return;
      const std::size_t n = p_.facts.size();
      if (s.facts.values.size() != n || s.facts.known.size() != n) {
        problem("scenario \"{}\": {} values and {} known flags for {} facts", s.title, s.facts.values.size(),
                s.facts.known.size(), n);
        continue;
      }
      for (std::uint32_t f = 0; f < n; ++f) {
        const std::uint8_t known = s.facts.known[f];
        if (known > 1) {
          problem("scenario \"{}\": fact '{}' has known flag {}", s.title, p_.facts[f].name, known);
        } else if (known == 1 && type(p_.facts[f].type) != nullptr &&
                   !holds(*type(p_.facts[f].type), s.facts.values[f])) {
          problem("scenario \"{}\": fact '{}' has value {}, not one of type '{}'", s.title, p_.facts[f].name,
                  s.facts.values[f], type(p_.facts[f].type)->name);
        }
      }
      if (!s.expect) continue;
      const Expectation& e = *s.expect;
      if (e.outcome > Outcome::undetermined) problem("scenario \"{}\": unknown expected outcome", s.title);
      for (std::uint32_t o : e.obligations) {
        if (o >= p_.obligations.size()) problem("scenario \"{}\": expects obligation {}, which does not exist", s.title, o);
      }
      for (std::uint32_t f : e.missing) {
        if (f >= n) problem("scenario \"{}\": expects missing fact {}, which does not exist", s.title, f);
      }
    }
  }

  const Program& p_;
  std::size_t max_;
  std::vector<std::string> problems_;
  bool rules_sound_ = true;  // policies' ranges and rule ids hold: the override checks may index
};

}  // namespace

std::vector<std::string> verify(const Program& program, std::size_t max_problems) {
  return Verifier(program, max_problems == 0 ? 1 : max_problems).run();
}

}  // namespace proviso
