// The forward sweep: every node's value and known flag in Kleene three-valued logic.
#include "proviso/runtime/evaluate.hpp"

#include <stdexcept>

namespace proviso {

std::string_view to_string(RuleStatus s) {
  switch (s) {
    case RuleStatus::applied: return "applied";
    case RuleStatus::not_applicable: return "not_applicable";
    case RuleStatus::overridden: return "overridden";
    case RuleStatus::undetermined: return "undetermined";
  }
  return "undetermined";
}

Evaluator::Evaluator(const Program& program) : program_(program) {
  const std::size_t n = program.nodes.size();
  values_.assign(n, 0);
  known_.assign(n, 0);
  alias_.resize(n);
  code_.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& node = program.nodes[i];
    alias_[i] = i;
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int:
        // Constants never change, so they are written once here and never swept.
        values_[i] = node.imm;
        known_[i] = 1;
        break;
      case Op::condition:
        // A condition is its body: consumers read the body's node directly.
        alias_[i] = alias_[node.a];
        break;
      case Op::and_:
      case Op::or_: {
        auto first = static_cast<std::uint32_t>(operands_.size());
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) {
          operands_.push_back(alias_[program.operands[j]]);
        }
        code_.push_back({0, i, first, node.b, node.op});
        break;
      }
      case Op::fact:
        code_.push_back({0, i, node.a, 0, node.op});
        break;
      case Op::not_:
        code_.push_back({0, i, alias_[node.a], 0, node.op});
        break;
      default:
        code_.push_back({node.imm, i, alias_[node.a], alias_[node.b], node.op});
        break;
    }
  }

  const std::size_t rules = program.rules.size();
  when_.resize(rules);
  unless_.resize(rules);
  effect_.resize(rules);
  beaten_begin_.assign(rules + 1, 0);
  for (std::size_t r = 0; r < rules; ++r) {
    const Rule& rule = program.rules[r];
    when_[r] = rule.when == kNone ? kNone : alias_[rule.when];
    unless_[r] = rule.unless == kNone ? kNone : alias_[rule.unless];
    effect_[r] = rule.effect;
    beaten_begin_[r] = static_cast<std::uint32_t>(beaten_.size());
    beaten_.insert(beaten_.end(), rule.beaten_by.begin(), rule.beaten_by.end());
  }
  beaten_begin_[rules] = static_cast<std::uint32_t>(beaten_.size());
  rule_tri_.assign(rules, static_cast<std::uint8_t>(Tri::false_));
  applies_.assign(rules, 0);

  covering_.reserve(program.policies.size());
  decision_.resize(program.policies.size());
  undetermined_rules_.assign(program.policies.size(), 0);
  policy_open_.assign(program.policies.size(), 0);
  fact_mark_.assign(program.facts.size(), 0);
  obligation_mark_.assign(program.obligations.size(), 0);
}

Tri Evaluator::node_value(std::uint32_t node) const {
  std::uint32_t n = alias_[node];
  if (!known_[n]) return Tri::unknown;
  return values_[n] != 0 ? Tri::true_ : Tri::false_;
}

void Evaluator::sweep(const Scenario& s) {
  if (s.values.size() < program_.facts.size() || s.known.size() < program_.facts.size()) {
    throw std::invalid_argument("scenario holds fewer facts than the program declares");
  }
  std::int64_t* v = values_.data();
  std::uint8_t* k = known_.data();
  const std::int64_t* sv = s.values.data();
  const std::uint8_t* sk = s.known.data();
  const std::uint32_t* ops = operands_.data();

  for (const Instr& in : code_) {
    const std::uint32_t d = in.dst;
    switch (in.op) {
      case Op::fact:
        v[d] = sv[in.a];
        k[d] = sk[in.a];
        break;
      case Op::and_: {
        // false wins over unknown, unknown over true.
        bool unknown = false, falsified = false;
        for (std::uint32_t j = in.a, e = in.a + in.b; j < e; ++j) {
          const std::uint32_t c = ops[j];
          if (!k[c]) {
            unknown = true;
          } else if (v[c] == 0) {
            falsified = true;
            break;
          }
        }
        v[d] = !falsified && !unknown;
        k[d] = falsified || !unknown;
        break;
      }
      case Op::or_: {
        bool unknown = false, verified = false;
        for (std::uint32_t j = in.a, e = in.a + in.b; j < e; ++j) {
          const std::uint32_t c = ops[j];
          if (!k[c]) {
            unknown = true;
          } else if (v[c] != 0) {
            verified = true;
            break;
          }
        }
        v[d] = verified;
        k[d] = verified || !unknown;
        break;
      }
      case Op::not_:
        v[d] = k[in.a] && v[in.a] == 0;
        k[d] = k[in.a];
        break;
      case Op::eq:
        k[d] = k[in.a] & k[in.b];
        v[d] = v[in.a] == v[in.b];
        break;
      case Op::ne:
        k[d] = k[in.a] & k[in.b];
        v[d] = v[in.a] != v[in.b];
        break;
      case Op::lt:
        k[d] = k[in.a] & k[in.b];
        v[d] = v[in.a] < v[in.b];
        break;
      case Op::le:
        k[d] = k[in.a] & k[in.b];
        v[d] = v[in.a] <= v[in.b];
        break;
      case Op::gt:
        k[d] = k[in.a] & k[in.b];
        v[d] = v[in.a] > v[in.b];
        break;
      case Op::ge:
        k[d] = k[in.a] & k[in.b];
        v[d] = v[in.a] >= v[in.b];
        break;
      // Arithmetic that leaves the 64-bit range has no value the language could give
      // it: bounded ints cannot get there (the compiler bounds them), and for unbounded
      // ints the language's choice is that the result is unknown. Unknown propagates
      // into the rules that use it, which then stay undetermined instead of deciding on
      // a wrapped or saturated number.
      case Op::add: {
        std::int64_t r = 0;
        const bool overflow = __builtin_add_overflow(v[in.a], v[in.b], &r);
        v[d] = r;
        k[d] = k[in.a] & k[in.b] & !overflow;
        break;
      }
      case Op::sub: {
        std::int64_t r = 0;
        const bool overflow = __builtin_sub_overflow(v[in.a], v[in.b], &r);
        v[d] = r;
        k[d] = k[in.a] & k[in.b] & !overflow;
        break;
      }
      case Op::mul: {
        std::int64_t r = 0;
        const bool overflow = __builtin_mul_overflow(v[in.a], v[in.b], &r);
        v[d] = r;
        k[d] = k[in.a] & k[in.b] & !overflow;
        break;
      }
      case Op::in_values: {
        const std::int64_t x = v[in.a];
        v[d] = x >= 0 && x < 64 && ((static_cast<std::uint64_t>(in.imm) >> x) & 1u);
        k[d] = k[in.a];
        break;
      }
      case Op::has: {
        const std::int64_t x = v[in.b];
        v[d] = x >= 0 && x < 64 && ((static_cast<std::uint64_t>(v[in.a]) >> x) & 1u);
        k[d] = k[in.a] & k[in.b];
        break;
      }
      case Op::const_bool:
      case Op::const_int:
      case Op::condition:
        break;  // never emitted: constants are preset, conditions are aliases
    }
  }
}

Tri Evaluator::condition_of(std::uint32_t rule) const {
  const std::uint32_t w = when_[rule];
  // A rule without `when` (the compiler always gives one) would hold unconditionally.
  std::uint8_t when = w == kNone ? 1 : (known_[w] ? static_cast<std::uint8_t>(values_[w] != 0) : 2);
  const std::uint32_t u = unless_[rule];
  if (u == kNone || when == 0) return static_cast<Tri>(when);
  // not unless
  const std::uint8_t blocked = known_[u] ? static_cast<std::uint8_t>(values_[u] != 0) : 2;
  if (blocked == 1) return Tri::false_;
  if (blocked == 2 || when == 2) return Tri::unknown;
  return Tri::true_;
}

}  // namespace proviso
