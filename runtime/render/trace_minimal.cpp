// The minimal trace, written as JSON straight from the node values: no TraceNode tree,
// no owned strings, so a batch line with its justification costs little more than one
// without. What it keeps (language.md, "Trace modes"):
// - a rule that applied, was overridden or is undetermined: a sufficient reason. A true
//   `and` shows all its children, a false `and` one false child; a true `or` one true
//   child, a false `or` all; an unknown node its unknown children (as the full trace).
// - a rule that did not apply: its name and the one leaf (comparison, fact, constant)
//   that failed, found by following a failing child down from its condition.
// - a rule not in force: its name and status.
// Nodes carry "node", "name", "value" and, when not empty, "children"; rule nodes add
// "status" and "effect". Text, citations and places are left to the full trace.
#include <algorithm>
#include <stdexcept>
#include <vector>

#include "proviso/runtime/render.hpp"
#include "render/json_out.hpp"

namespace proviso {

using runtime::internal::append_name;
using runtime::internal::append_tri;

namespace {

Tri negate(Tri t) {
  if (t == Tri::unknown) return t;
  return t == Tri::true_ ? Tri::false_ : Tri::true_;
}

class MinimalWriter {
 public:
  MinimalWriter(std::string& out, const RenderContext& c)
      : out_(out), p_(c.program), s_(c.scenario), r_(c.result), values_(c.result.values) {
    // Conditions are expanded once per rule: a stamp per condition, kept per thread so
    // that a batch allocates it once.
    thread_local std::vector<std::uint32_t> expanded;
    thread_local std::uint32_t stamp = 0;
    if (expanded.size() < p_.conditions.size()) expanded.resize(p_.conditions.size(), 0);
    expanded_ = &expanded;
    stamp_ = &stamp;
  }

  void policies() {
    for (std::size_t i = 0; i < r_.policies.size(); ++i) {
      if (i) out_ += ',';
      policy(r_.policies[i]);
    }
  }

 private:
  void policy(const PolicyResult& pr) {
    const Policy& pol = p_.policies[pr.policy];
    out_ += "{\"node\":\"policy\",\"name\":";
    append_name(out_, pol.name);
    out_ += ",\"value\":";
    append_tri(out_, pr.decision == Outcome::undetermined ? Tri::unknown : (pr.by_default ? Tri::false_ : Tri::true_));
    out_ += ",\"text\":\"decides ";
    out_ += to_string(pr.decision);
    if (pr.decision != Outcome::undetermined) {
      if (pr.by_default) {
        out_ += " by default";
      } else if (pr.conflict) {
        out_ += ", resolving a conflict by ";
        out_ += to_string(pol.combine);
      }
    }
    out_ += "\",\"children\":[";
    for (std::uint32_t id = pol.first_rule; id < pol.first_rule + pol.rule_count; ++id) {
      if (id != pol.first_rule) out_ += ',';
      rule(id, r_.rule_status[id]);
    }
    out_ += "]}";
  }

  void rule(std::uint32_t id, RuleStatus status) {
    const Rule& rule = p_.rules[id];
    if (++*stamp_ == 0) {  // wrapped: old stamps could match again
      std::fill(expanded_->begin(), expanded_->end(), 0);
      *stamp_ = 1;
    }
    out_ += "{\"node\":\"rule\",\"name\":";
    append_name(out_, rule.name);
    out_ += ",\"value\":";
    const Tri whole = values_.rules[id];
    const Tri shown = status == RuleStatus::applied || status == RuleStatus::overridden ? Tri::true_
                      : status == RuleStatus::undetermined                              ? Tri::unknown
                                                                                        : Tri::false_;
    append_tri(out_, shown);
    out_ += ",\"status\":\"";
    out_ += to_string(status);
    out_ += "\",\"effect\":\"";
    out_ += to_string(rule.effect);
    out_ += '"';
    if (std::binary_search(r_.overflow.begin(), r_.overflow.end(), id)) {
      out_ += ",\"overflow\":true";
    }
    if (status == RuleStatus::not_in_force) {
      out_ += '}';
      return;
    }
    out_ += ",\"children\":[";
    if (status == RuleStatus::not_applicable || whole == Tri::false_) {
      // `when and not unless` is false: the `when` failed, or the `unless` held.
      if (rule.when != kNone && value(rule.when) == Tri::false_) {
        failed_leaf(rule.when, Tri::false_, 1);
      } else if (rule.unless != kNone) {
        failed_leaf(rule.unless, Tri::true_, 1);
      }
    } else {
      // The condition is `when and not unless`: explained as an `and` of the two.
      bool first = true;
      if (rule.when != kNone && part_explains(whole, value(rule.when), false)) {
        reason(rule.when, 1);
        first = false;
      }
      if (rule.unless != kNone) {
        const Tri blocked = negate(value(rule.unless));
        if (part_explains(whole, blocked, false)) {
          if (!first) out_ += ',';
          out_ += "{\"node\":\"not\",\"name\":";
          std::string name = "unless ";
          name += p_.nodes[rule.unless].text;
          append_json_string(out_, name);
          out_ += ",\"value\":";
          append_tri(out_, blocked);
          out_ += ",\"children\":[";
          reason(rule.unless, 2);
          out_ += "]}";
        }
      }
    }
    out_ += "]}";
  }

  // Whether `part` belongs in a sufficient reason for an `and` whose value is `whole`
  // (an `or` with true and false swapped): every part of a true `and`, the unknown parts
  // of an unknown one. A false `and` is explained by one false part: the caller picks it.
  static bool part_explains(Tri whole, Tri part, bool is_or) {
    if (whole == Tri::unknown) return part == Tri::unknown;
    const Tri settling = is_or ? Tri::true_ : Tri::false_;
    return whole != settling || part == settling;
  }

  // Follows a child of `n` whose value is `target` (the value that makes the rule fail)
  // down to a leaf, and writes that leaf.
  void failed_leaf(std::uint32_t n, Tri target, std::size_t depth) {
    for (;;) {
      const Node& node = p_.nodes[n];
      if (depth >= kMaxDepth) break;
      if (node.op == Op::not_) {
        n = node.a;
        target = negate(target);
      } else if (node.op == Op::condition) {
        n = node.a;
      } else if (node.op == Op::and_ || node.op == Op::or_) {
        std::uint32_t pick = kNone;
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) {
          const std::uint32_t child = p_.operands[j];
          if (value(child) == target && (pick == kNone || is_constant(pick))) pick = child;
        }
        if (pick == kNone) break;
        n = pick;
      } else {
        break;
      }
      ++depth;
    }
    reason(n, depth);
  }

  // Writes node `n` with a sufficient reason for its value beneath it.
  void reason(std::uint32_t n, std::size_t depth) {
    const Node& node = p_.nodes[n];
    const Tri v = value(n);
    const bool deeper = depth < kMaxDepth;
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int:
        out_ += "{\"node\":\"constant\",\"name\":";
        if (node.text.empty()) {
          append_json_string(out_, format_value(p_, node.type, node.imm));
        } else {
          append_json_string(out_, node.text);
        }
        out_ += ",\"value\":";
        append_tri(out_, v);
        out_ += '}';
        return;
      case Op::fact: fact(node.a); return;
      case Op::and_:
      case Op::or_: {
        const bool is_or = node.op == Op::or_;
        open(is_or ? "or" : "and", node.text, v);
        if (!deeper) return cut();
        const Tri settling = is_or ? Tri::true_ : Tri::false_;
        bool first = true;
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) {
          const std::uint32_t child = p_.operands[j];
          if (is_constant(child)) continue;
          const Tri cv = value(child);
          const bool one = v == settling;  // one settling child is enough
          if (one ? cv != settling : !part_explains(v, cv, is_or)) continue;
          out_ += first ? ",\"children\":[" : ",";
          first = false;
          reason(child, depth + 1);
          if (one) break;
        }
        if (!first) out_ += ']';
        out_ += '}';
        return;
      }
      case Op::not_:
        open("not", node.text, v);
        if (!deeper) return cut();
        out_ += ",\"children\":[";
        reason(node.a, depth + 1);
        out_ += "]}";
        return;
      case Op::condition: {
        const ConditionInfo& c = p_.conditions[node.label];
        open("condition", c.name, v);
        std::uint32_t& seen = (*expanded_)[node.label];
        if (seen != *stamp_) {
          if (!deeper) return cut();
          seen = *stamp_;
          out_ += ",\"children\":[";
          reason(node.a, depth + 1);
          out_ += ']';
        }
        out_ += '}';
        return;
      }
      default:
        // Comparisons, membership, arithmetic: the expression with the facts it reads
        // and any boolean operands explained.
        open("compare", node.text, v);
        if (!deeper) return cut();
        Operands ops;
        operands(n, depth + 1, ops);
        if (!ops.first) out_ += ']';
        out_ += '}';
        return;
    }
  }

  // The operands written so far beneath one comparison.
  struct Operands {
    static constexpr std::size_t kFacts = 16;
    std::uint32_t facts[kFacts] = {};
    std::size_t count = 0;
    bool first = true;
  };

  void operands(std::uint32_t n, std::size_t depth, Operands& ops) {
    const Node& node = p_.nodes[n];
    const std::uint32_t kids[2] = {node.a, node.op == Op::in_values ? kNone : node.b};
    for (std::uint32_t child : kids) {
      if (child == kNone) continue;
      const Node& c = p_.nodes[child];
      switch (c.op) {
        case Op::const_bool:
        case Op::const_int: break;
        case Op::fact: {
          bool listed = false;  // a fact read twice is listed once
          for (std::size_t i = 0; i < ops.count; ++i) listed |= ops.facts[i] == c.a;
          if (listed) break;
          if (ops.count < Operands::kFacts) ops.facts[ops.count++] = c.a;
          next_operand(ops);
          fact(c.a);
          break;
        }
        case Op::add:
        case Op::sub:
        case Op::mul:
          if (depth < kMaxDepth) operands(child, depth + 1, ops);
          break;
        default:
          // A boolean operand (a comparison of comparisons): explained on its own.
          next_operand(ops);
          reason(child, depth);
          break;
      }
    }
  }

  void next_operand(Operands& ops) {
    out_ += ops.first ? ",\"children\":[" : ",";
    ops.first = false;
  }

  void fact(std::uint32_t id) {
    const Fact& f = p_.facts[id];
    out_ += "{\"node\":\"fact\",\"name\":";
    append_name(out_, f.name);
    out_ += ",\"value\":";
    if (id < s_.known.size() && s_.known[id]) {
      append_value_json(out_, p_, f.type, s_.values[id]);
    } else {
      out_ += "\"unknown\"";
    }
    out_ += '}';
  }

  void open(std::string_view kind, std::string_view name, Tri v) {
    out_ += "{\"node\":\"";
    out_ += kind;
    out_ += "\",\"name\":";
    append_json_string(out_, name);
    out_ += ",\"value\":";
    append_tri(out_, v);
  }

  // Children left out at the depth limit: said so, so a cut trace never reads as whole.
  void cut() { out_ += ",\"cut\":true}"; }

  Tri value(std::uint32_t n) const { return values_.nodes[n]; }

  bool is_constant(std::uint32_t n) const {
    const Op op = p_.nodes[n].op;
    return op == Op::const_bool || op == Op::const_int;
  }

  static constexpr std::size_t kMaxDepth = 512;  // as TraceOptions::max_depth

  std::string& out_;
  const Program& p_;
  const Scenario& s_;
  const Result& r_;
  const NodeValues& values_;
  std::vector<std::uint32_t>* expanded_ = nullptr;
  std::uint32_t* stamp_ = nullptr;
};

}  // namespace

void append_minimal_trace_json(std::string& out, const RenderContext& c) {
  const Program& p = c.program;
  const Result& r = c.result;
  if (r.values.nodes.size() != p.nodes.size() || r.values.rules.size() != p.rules.size() ||
      r.rule_status.size() != p.rules.size()) {
    throw std::invalid_argument("the minimal trace needs the node values: evaluate with EvaluateOptions::keep_values");
  }
  for (const PolicyResult& pr : r.policies) {
    if (pr.policy >= p.policies.size()) throw std::invalid_argument("the minimal trace: the result is not of this program");
  }
  runtime::internal::append_decision_root(out, p, c.scenario, r);
  MinimalWriter(out, c).policies();
  out += "]}";
}

}  // namespace proviso
