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

#include "proviso/runtime/json_fragments.hpp"
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
  ReasonWriter(std::string& out, const Program& p, const NodeValues& values, const JsonFragments* fragments)
      : out_(out), p_(p), values_(values), fragments_(fragments) {
    // Conditions are walked once per rule: a stamp per condition, kept per thread so
    // that a batch allocates it once.
    thread_local std::vector<std::uint32_t> expanded;
    thread_local std::uint32_t stamp = 0;
    thread_local std::vector<std::string_view> written;
    thread_local std::string raw;
    thread_local std::deque<std::string> kept;
    if (expanded.size() < p_.conditions.size()) expanded.resize(p_.conditions.size(), 0);
    expanded_ = &expanded;
    stamp_ = &stamp;
    written_ = &written;
    raw_ = &raw;
    kept_ = &kept;
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
    kept_->clear();
    out_ += ",\"why\":\"";
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
    if (written_->empty()) out_ += "true";
    out_ += '"';
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
    const JsonFragments::Leaf* made = fragments_ != nullptr ? fragments_->leaf(n) : nullptr;
    std::string slow_text;
    const std::string_view text = made != nullptr ? std::string_view(made->text)
                                                  : std::string_view(slow_text = runtime::internal::leaf_text(p_, n));
    for (std::string_view k : *written_) {
      if (k == text) return;
    }
    if (!written_->empty()) out_ += " and ";
    const Tri v = value(n);
    if (made != nullptr) {
      out_ += made->literals[static_cast<std::size_t>(v)];
      written_->push_back(text);
      return;
    }
    raw_->clear();
    runtime::internal::append_literal(*raw_, p_.nodes[n], text, v);
    runtime::internal::append_json_body(out_, *raw_);
    // The text must outlive this call, to keep the leaf once: a stable home for it.
    kept_->push_back(std::move(slow_text));
    written_->push_back(kept_->back());
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
  const JsonFragments* fragments_;
  std::vector<std::uint32_t>* expanded_ = nullptr;
  std::uint32_t* stamp_ = nullptr;
  std::vector<std::string_view>* written_ = nullptr;  // the leaves of this rule's reason
  std::string* raw_ = nullptr;               // a literal before it is escaped
  std::deque<std::string>* kept_ = nullptr;  // texts made for this rule's leaves
};

}  // namespace

namespace runtime::internal {

std::string leaf_text(const Program& p, std::uint32_t n) {
  const Node& node = p.nodes[n];
  if (node.op == Op::condition) return p.conditions[node.label].name;
  if (!node.text.empty()) return node.text;
  if (node.op == Op::fact) return p.facts[node.a].name;
  if (node.op == Op::const_bool || node.op == Op::const_int) return format_value(p, node.type, node.imm);
  return node.text;
}

namespace {

// A false comparison reads better as its opposite (`consent == given` for a false
// `consent != given`): written so when the text holds its operator exactly once,
// spaced, and no comment or line break could hide another. Integers are totally
// ordered, so `not a < b` is `a >= b`.
bool append_negated_comparison(std::string& out, Op op, std::string_view text) {
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
  out += text.substr(0, at);
  out += to;
  out += text.substr(at + from.size());
  return true;
}

}  // namespace

void append_literal(std::string& out, const Node& node, std::string_view text, Tri v) {
  if (v == Tri::false_ && append_negated_comparison(out, node.op, text)) return;
  const bool bracket = node.op == Op::and_ || node.op == Op::or_ || node.op == Op::not_;
  if (v == Tri::false_) out += "not ";
  if (bracket) out += '(';
  out += text;
  if (bracket) out += ')';
  if (v == Tri::unknown) out += " is unknown";
}

MinimalReasons::MinimalReasons(std::string& out, const RenderContext& c, const JsonFragments* fragments)
    : out_(out), c_(c), fragments_(fragments) {
  const Program& p = c.program;
  const Result& r = c.result;
  if (r.values.nodes.size() != p.nodes.size() || r.values.rules.size() != p.rules.size() ||
      r.rule_status.size() != p.rules.size()) {
    throw std::invalid_argument("the minimal trace needs the node values: evaluate with EvaluateOptions::keep_values");
  }
}

void MinimalReasons::rule(std::uint32_t id) const {
  ReasonWriter(out_, c_.program, c_.result.values, fragments_).rule(id, c_.result.rule_status[id]);
}

}  // namespace runtime::internal
}  // namespace proviso
