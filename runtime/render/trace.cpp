// The justification trace: for each covering policy, each rule with the part of its
// condition that explains its status, kept minimal (language.md section 8).
#include "proviso/runtime/trace.hpp"

#include <algorithm>
#include <stdexcept>

namespace proviso {

std::string_view to_string(TraceKind k) {
  switch (k) {
    case TraceKind::condition: return "condition";
    case TraceKind::fact: return "fact";
    case TraceKind::and_: return "and";
    case TraceKind::or_: return "or";
    case TraceKind::not_: return "not";
    case TraceKind::compare: return "compare";
    case TraceKind::constant: return "constant";
    case TraceKind::rule: return "rule";
    case TraceKind::policy: return "policy";
  }
  return "fact";
}

namespace {

Tri rule_value(RuleStatus s) {
  switch (s) {
    case RuleStatus::applied:
    case RuleStatus::overridden: return Tri::true_;
    case RuleStatus::not_applicable:
    case RuleStatus::not_in_force: return Tri::false_;
    case RuleStatus::undetermined: return Tri::unknown;
  }
  return Tri::unknown;
}

Tri negate(Tri t) {
  if (t == Tri::unknown) return t;
  return t == Tri::true_ ? Tri::false_ : Tri::true_;
}

// Whether a conjunct belongs in the minimal explanation of an `and` whose value is
// `whole`: all of a true one, the false ones of a false one, the unknown ones of an
// unknown one. For `or`, swap true and false.
bool explains(Tri whole, Tri part, bool is_or) {
  if (whole == Tri::unknown) return part == Tri::unknown;
  const Tri settling = is_or ? Tri::true_ : Tri::false_;
  return whole != settling || part == settling;
}

class Builder {
 public:
  Builder(const Program& p, const Scenario& s, const NodeValues& values, const TraceOptions& options)
      : p_(p), s_(s), values_(values), max_depth_(options.max_depth), expanded_(p_.conditions.size(), 0) {}

  TraceNode policy(const PolicyResult& pr, const Result& r) {
    const Policy& pol = p_.policies[pr.policy];
    TraceNode node;
    node.kind = TraceKind::policy;
    node.name = pol.name;
    node.id = pr.policy;
    node.value = pr.decision == Outcome::undetermined ? Tri::unknown : (pr.by_default ? Tri::false_ : Tri::true_);
    node.text = describe(pr, pol);
    node.place = pol.place;
    // Reserved up front: growing a vector of TraceNodes moves every node it holds.
    node.children.reserve(pol.rule_count);
    for (std::uint32_t r_id = pol.first_rule; r_id < pol.first_rule + pol.rule_count; ++r_id) {
      rule(r_id, r.rule_status[r_id], node.children.emplace_back());
      node.children.back().overflow = std::binary_search(r.overflow.begin(), r.overflow.end(), r_id);
    }
    return node;
  }

 private:
  static std::string describe(const PolicyResult& pr, const Policy& pol) {
    std::string text = "decides ";
    text += to_string(pr.decision);
    if (pr.decision == Outcome::undetermined) return text;
    if (pr.by_default) return text + " by default";
    if (pr.conflict) text += ", resolving a conflict by " + std::string(to_string(pol.combine));
    return text;
  }

  // The nodes below a policy are written in place, each into a fresh (default) node that
  // its parent has just added: returning them by value moved every node once more.
  void rule(std::uint32_t id, RuleStatus status, TraceNode& node) {
    const Rule& rule = p_.rules[id];
    ++stamp_;  // conditions are expanded once per rule
    node.kind = TraceKind::rule;
    node.name = rule.name;
    node.id = id;
    node.status = status;
    node.effect = rule.effect;
    node.value = rule_value(status);
    node.text = rule.because;
    node.cites = rule.cites;
    node.place = rule.place;
    const std::string own = rule.effective.describe(), of_policy = p_.policies[rule.policy].effective.describe();
    node.effective = own.empty() ? of_policy : of_policy.empty() ? own : own + "; its policy " + of_policy;
    // Not in force: its condition was not what decided, so it is not explained.
    if (status == RuleStatus::not_in_force) return;
    // The condition is `when and not unless`: explained like an `and` of the two.
    const Tri whole = values_.rules[id];
    const bool when = rule.when != kNone && explains(whole, node_value(rule.when), false);
    const Tri not_blocked = rule.unless != kNone ? negate(node_value(rule.unless)) : Tri::unknown;
    const bool unless = rule.unless != kNone && explains(whole, not_blocked, false);
    node.children.reserve(std::size_t{when} + std::size_t{unless});
    if (when) expr(rule.when, 1, node.children.emplace_back());
    if (unless) {
      TraceNode& u = node.children.emplace_back();
      u.kind = TraceKind::not_;
      u.name = "unless " + p_.nodes[rule.unless].text;
      u.text = "unless";
      u.value = not_blocked;
      expr(rule.unless, 2, u.children.emplace_back());
    }
  }

  void expr(std::uint32_t n, std::size_t depth, TraceNode& out) {
    const Node& node = p_.nodes[n];
    if (node.op == Op::fact) {
      fact(node.a, out);
      return;
    }
    out.value = node_value(n);
    out.name = node.text;
    const bool deeper = depth < max_depth_;
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int:
        out.kind = TraceKind::constant;
        if (out.name.empty()) out.name = format_value(p_, node.type, node.imm);
        return;
      case Op::and_:
      case Op::or_: {
        const bool is_or = node.op == Op::or_;
        out.kind = is_or ? TraceKind::or_ : TraceKind::and_;
        if (!deeper) {
          out.cut = true;
          return;
        }
        auto kept = [&](std::uint32_t child) {
          return !is_constant(child) && explains(out.value, node_value(child), is_or);
        };
        std::size_t count = 0;
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) count += kept(p_.operands[j]);
        out.children.reserve(count);
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) {
          if (kept(p_.operands[j])) expr(p_.operands[j], depth + 1, out.children.emplace_back());
        }
        return;
      }
      case Op::not_:
        out.kind = TraceKind::not_;
        if (deeper) expr(node.a, depth + 1, out.children.emplace_back());
        out.cut = !deeper;
        return;
      case Op::condition: {
        const ConditionInfo& c = p_.conditions[node.label];
        out.kind = TraceKind::condition;
        out.name = c.name;
        out.id = node.label;
        out.text = c.text;
        out.cites = c.cites;
        if (deeper && expanded_[node.label] != stamp_) {
          expanded_[node.label] = stamp_;
          expr(node.a, depth + 1, out.children.emplace_back());
        }
        out.cut = !deeper && expanded_[node.label] != stamp_;
        return;
      }
      default:
        // Comparisons, membership and (at the top only) arithmetic: the expression
        // as written, with the facts it reads and any boolean operands explained.
        out.kind = TraceKind::compare;
        if (deeper) {
          out.children.reserve(2);  // mostly one fact per side
          operands(n, out, depth + 1);
        }
        out.cut = !deeper;
        return;
    }
  }

  void operands(std::uint32_t n, TraceNode& out, std::size_t depth) {
    const Node& node = p_.nodes[n];
    const std::uint32_t kids[2] = {node.a, node.op == Op::in_values ? kNone : node.b};
    for (std::uint32_t child : kids) {
      if (child == kNone) continue;
      const Node& c = p_.nodes[child];
      switch (c.op) {
        case Op::const_bool:
        case Op::const_int: break;
        case Op::fact: {
          bool listed = false;
          for (const TraceNode& k : out.children) listed |= k.kind == TraceKind::fact && k.name == p_.facts[c.a].name;
          if (!listed) fact(c.a, out.children.emplace_back());
          break;
        }
        case Op::add:
        case Op::sub:
        case Op::mul:
          if (depth < max_depth_) {
            operands(child, out, depth + 1);
          } else {
            out.cut = true;
          }
          break;
        default:
          expr(child, depth, out.children.emplace_back());
          break;
      }
    }
  }

  void fact(std::uint32_t id, TraceNode& out) {
    const Fact& f = p_.facts[id];
    out.kind = TraceKind::fact;
    out.name = f.name;
    out.id = id;
    out.text = f.question;
    out.cites = f.cites;
    if (!s_.known[id]) {
      out.value = Tri::unknown;
      return;
    }
    out.display = format_value(p_, f.type, s_.values[id]);
    const bool boolean = p_.types[f.type].kind == TypeKind::boolean;
    out.value = boolean && s_.values[id] == 0 ? Tri::false_ : Tri::true_;
  }

  Tri node_value(std::uint32_t n) const { return values_.nodes[n]; }

  bool is_constant(std::uint32_t n) const {
    const Op op = p_.nodes[n].op;
    return op == Op::const_bool || op == Op::const_int;
  }

  const Program& p_;
  const Scenario& s_;
  const NodeValues& values_;
  const std::size_t max_depth_;
  std::vector<std::uint32_t> expanded_;  // per condition: the rule stamp that expanded it
  std::uint32_t stamp_ = 0;
};

}  // namespace

Trace build_trace(const Program& program, const Scenario& s, const Result& r, const TraceOptions& options) {
  const bool has_values = r.values.nodes.size() == program.nodes.size() && r.values.rules.size() == program.rules.size();
  if (!has_values && r.values.empty()) {
    throw std::invalid_argument("build_trace needs the node values: evaluate with EvaluateOptions::keep_values");
  }
  const std::size_t facts = program.facts.size();
  bool fits = has_values && r.rule_status.size() == program.rules.size() && s.values.size() >= facts &&
              s.known.size() >= facts;
  for (const PolicyResult& pr : r.policies) fits = fits && pr.policy < program.policies.size();
  if (!fits) throw std::invalid_argument("build_trace: the result or the scenario is not of this program");
  Trace trace;
  Builder builder(program, s, r.values, options);
  trace.policies.reserve(r.policies.size());
  for (const PolicyResult& pr : r.policies) trace.policies.push_back(builder.policy(pr, r));
  return trace;
}

}  // namespace proviso
