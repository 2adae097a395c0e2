// The minimal trace: beside each rule of a result's `policies[].rules`, a "why" string,
// a sufficient reason for the rule's status (language.md, "The minimal trace"): leaf
// expressions as written, each as it holds in the scenario (`f8 > 768` when true,
// `f8 <= 768` or `not f8 > 768` when false, `f8 > 768 is unknown`), joined by " and ":
// a Proviso expression that holds in the scenario and settles the rule's status. Written
// straight from the node values: no trace tree, no owned strings, a few bytes a rule.
// - a rule that applied or was overridden: a true `and` gives all its children, a false
//   `and` (below a `not`) one false child; a true `or` one true child, a false `or` all;
// - an undetermined rule: the unknown leaves of its unknown parts;
// - a rule that did not apply: a sufficient reason for its `when` being false (a false
//   `and` one false child, a false `or` all) or its `unless` holding. One leaf alone
//   would not do: when an `or` fails, every branch of it failed;
// - a rule not in force: no "why".
// The rule's `unless` is explained with its `when`, as an `and` of the two: its leaves
// are literals like the others.
#include <algorithm>
#include <deque>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "proviso/runtime/render.hpp"
#include "render/json_out.hpp"

namespace proviso {

using runtime::internal::append_tri;

namespace {

Tri negate(Tri t) {
  if (t == Tri::unknown) return t;
  return t == Tri::true_ ? Tri::false_ : Tri::true_;
}

class ReasonWriter {
 public:
  ReasonWriter(std::string& out, const Program& p, const NodeValues& values)
      : out_(out), p_(p), values_(values) {
    // Conditions are walked once per rule: a stamp per condition, kept per thread so
    // that a batch allocates it once.
    thread_local std::vector<std::uint32_t> expanded;
    thread_local std::uint32_t stamp = 0;
    thread_local std::vector<std::string_view> written;
    thread_local std::string why;
    thread_local std::deque<std::string> formatted;  // constants' text made for keys (stable)
    if (expanded.size() < p_.conditions.size()) expanded.resize(p_.conditions.size(), 0);
    expanded_ = &expanded;
    stamp_ = &stamp;
    written_ = &written;
    why_ = &why;
    formatted_ = &formatted;
  }

  // Appends `,"why":"..."` for rule `id` with status `status`.
  void rule(std::uint32_t id, RuleStatus status) {
    if (status == RuleStatus::not_in_force) return;
    const Rule& rule = p_.rules[id];
    if (++*stamp_ == 0) {  // wrapped: old stamps could match again
      std::fill(expanded_->begin(), expanded_->end(), 0);
      *stamp_ = 1;
    }
    written_->clear();
    why_->clear();
    formatted_->clear();
    const Tri whole = values_.rules[id];
    if (status == RuleStatus::not_applicable || whole == Tri::false_) {
      // `when and not unless` is false: the `when` failed, or the `unless` held. Either
      // is explained in full: a false `or` by all its branches, not one of them.
      if (rule.when != kNone && value(rule.when) == Tri::false_) {
        reason(rule.when, 1);
      } else if (rule.unless != kNone) {
        reason(rule.unless, 1);
      }
    } else {
      // The condition is `when and not unless`: explained as an `and` of the two.
      if (rule.when != kNone && part_explains(whole, value(rule.when), false)) reason(rule.when, 1);
      if (rule.unless != kNone && part_explains(whole, negate(value(rule.unless)), false)) reason(rule.unless, 1);
    }
    out_ += ",\"why\":";
    append_json_string(out_, why_->empty() ? std::string_view("true") : std::string_view(*why_));
  }

 private:
  // Whether `part` belongs in a sufficient reason for an `and` whose value is `whole`
  // (an `or` with true and false swapped): every part of a true `and`, the unknown parts
  // of an unknown one. A false `and` is explained by one false part: the caller picks it.
  static bool part_explains(Tri whole, Tri part, bool is_or) {
    if (whole == Tri::unknown) return part == Tri::unknown;
    const Tri settling = is_or ? Tri::true_ : Tri::false_;
    return whole != settling || part == settling;
  }

  // Writes the leaves of a sufficient reason for node `n`'s value.
  void reason(std::uint32_t n, std::size_t depth) {
    const Node& node = p_.nodes[n];
    if (depth >= kMaxDepth) return leaf(n);  // deeper: the node stands as a leaf
    switch (node.op) {
      case Op::and_:
      case Op::or_: {
        const bool is_or = node.op == Op::or_;
        const Tri v = value(n);
        const Tri settling = is_or ? Tri::true_ : Tri::false_;
        const bool one = v == settling;  // one settling child is enough
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) {
          const std::uint32_t child = p_.operands[j];
          if (is_constant(child)) continue;
          const Tri cv = value(child);
          if (one ? cv != settling : !part_explains(v, cv, is_or)) continue;
          reason(child, depth + 1);
          if (one) break;
        }
        return;
      }
      case Op::not_: return reason(node.a, depth + 1);
      case Op::condition: {
        std::uint32_t& seen = (*expanded_)[node.label];
        if (seen == *stamp_) return;  // its leaves are written already
        seen = *stamp_;
        return reason(node.a, depth + 1);
      }
      default: return leaf(n);
    }
  }

  // One literal of the reason, once per rule: the leaf as it holds.
  void leaf(std::uint32_t n) {
    const Node& node = p_.nodes[n];
    std::string_view text = node.text;
    if (node.op == Op::condition) {
      text = p_.conditions[node.label].name;
    } else if (text.empty() && node.op == Op::fact) {
      text = p_.facts[node.a].name;
    }
    std::string formatted;
    if (text.empty() && is_constant(n)) {
      formatted = format_value(p_, node.type, node.imm);
      text = formatted;
    }
    for (std::string_view k : *written_) {
      if (k == text) return;
    }
    // A leaf cut at the depth limit may be an and, or, or not: bracketed, so that the
    // reason still reads as one expression.
    const bool bracket = node.op == Op::and_ || node.op == Op::or_ || node.op == Op::not_;
    if (!written_->empty()) *why_ += " and ";
    const Tri v = value(n);
    if (v != Tri::false_ || !append_negated_comparison(node.op, text)) {
      if (v == Tri::false_) *why_ += "not ";
      if (bracket) *why_ += '(';
      *why_ += text;
      if (bracket) *why_ += ')';
    }
    if (v == Tri::unknown) *why_ += " is unknown";
    // The texts outlive the rule but for a formatted constant's: keep that one here.
    if (!formatted.empty()) {
      formatted_->push_back(std::move(formatted));
      text = formatted_->back();
    }
    written_->push_back(text);
  }

  // A false comparison reads better as its opposite (`consent == given` for a false
  // `consent != given`): written so when the text holds its operator exactly once,
  // spaced, and no comment or line break could hide another. Integers are totally
  // ordered, so `not a < b` is `a >= b`.
  bool append_negated_comparison(Op op, std::string_view text) {
    std::string_view from, to;
    switch (op) {
      case Op::eq: from = " == ", to = " != "; break;
      case Op::ne: from = " != ", to = " == "; break;
      case Op::lt: from = " < ", to = " >= "; break;
      case Op::le: from = " <= ", to = " > "; break;
      case Op::gt: from = " > ", to = " <= "; break;
      case Op::ge: from = " >= ", to = " < "; break;
      default: return false;
    }
    if (text.find_first_of("#\n\r") != std::string_view::npos) return false;
    const std::size_t at = text.find(from);
    if (at == std::string_view::npos || text.find(from, at + 1) != std::string_view::npos) return false;
    *why_ += text.substr(0, at);
    *why_ += to;
    *why_ += text.substr(at + from.size());
    return true;
  }

  Tri value(std::uint32_t n) const { return values_.nodes[n]; }

  bool is_constant(std::uint32_t n) const {
    const Op op = p_.nodes[n].op;
    return op == Op::const_bool || op == Op::const_int;
  }

  static constexpr std::size_t kMaxDepth = 512;  // as TraceOptions::max_depth

  std::string& out_;
  const Program& p_;
  const NodeValues& values_;
  std::vector<std::uint32_t>* expanded_ = nullptr;
  std::uint32_t* stamp_ = nullptr;
  std::vector<std::string_view>* written_ = nullptr;  // the leaves of this rule's reason
  std::string* why_ = nullptr;
  std::deque<std::string>* formatted_ = nullptr;
};

}  // namespace

namespace runtime::internal {

MinimalReasons::MinimalReasons(std::string& out, const RenderContext& c) : out_(out), c_(c) {
  const Program& p = c.program;
  const Result& r = c.result;
  if (r.values.nodes.size() != p.nodes.size() || r.values.rules.size() != p.rules.size() ||
      r.rule_status.size() != p.rules.size()) {
    throw std::invalid_argument("the minimal trace needs the node values: evaluate with EvaluateOptions::keep_values");
  }
}

void MinimalReasons::rule(std::uint32_t id) const {
  ReasonWriter(out_, c_.program, c_.result.values).rule(id, c_.result.rule_status[id]);
}

}  // namespace runtime::internal
}  // namespace proviso
