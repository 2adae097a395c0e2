// The evaluator's set-up: the program compiled into the batched steps of the forward
// sweep (sweep.cpp), and the per-rule and per-policy tables the decisions read.
#include "proviso/runtime/evaluate.hpp"

#include <algorithm>

#include "decide/undetermined.hpp"
#include "plan/sweep_steps.hpp"
#include "plan/truth.hpp"

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

namespace {

// The comparison that holds of (b, a) exactly when `op` holds of (a, b).
Op mirrored(Op op) {
  switch (op) {
    case Op::lt: return Op::gt;
    case Op::le: return Op::ge;
    case Op::gt: return Op::lt;
    case Op::ge: return Op::le;
    default: return op;
  }
}

runtime::internal::Step compare_code(Op op, bool with_constant) {
  const int base = with_constant ? runtime::internal::eq_i : runtime::internal::eq;
  return static_cast<runtime::internal::Step>(base + (static_cast<int>(op) - static_cast<int>(Op::eq)));
}

}  // namespace

Evaluator::Evaluator(const Program& program)
    : program_(program),
      exact_(new runtime::internal::ExactState(program), [](runtime::internal::ExactState* x) { delete x; }) {
  compile_sweep();

  const std::size_t rules = program.rules.size();
  effect_.resize(rules);
  beaten_begin_.assign(rules + 1, 0);
  beaten_mask_.assign(rules, 0);
  for (std::size_t r = 0; r < rules; ++r) {
    const Rule& rule = program.rules[r];
    effect_[r] = rule.effect;
    beaten_begin_[r] = static_cast<std::uint32_t>(beaten_.size());
    beaten_.insert(beaten_.end(), rule.beaten_by.begin(), rule.beaten_by.end());
  }
  beaten_begin_[rules] = static_cast<std::uint32_t>(beaten_.size());
  applies_.assign(rules, 0);

  const std::size_t policies = program.policies.size();
  masks_.resize(policies);
  for (std::size_t pi = 0; pi < policies; ++pi) {
    const Policy& pol = program.policies[pi];
    PolicyMasks& m = masks_[pi];
    m.small = pol.rule_count <= 64;
    if (!m.small) continue;
    for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
      const std::uint32_t r = pol.first_rule + i;
      const std::uint64_t bit = std::uint64_t{1} << i;
      (effect_[r] == Effect::share ? m.share : effect_[r] == Effect::refer ? m.refer : m.deny) |= bit;
      for (std::uint32_t b : program.rules[r].beaten_by) {
        // Overrides stay within a policy; anything else cannot beat this rule.
        if (b >= pol.first_rule && b < pol.first_rule + pol.rule_count) {
          beaten_mask_[r] |= std::uint64_t{1} << (b - pol.first_rule);
        }
      }
    }
  }
  applies_mask_.assign(policies, 0);
  unknown_mask_.assign(policies, 0);
  covering_.reserve(policies);
  decision_.resize(policies);
  undetermined_rules_.assign(policies, 0);
  policy_open_.assign(policies, 0);
  obligation_mark_.assign(program.obligations.size(), 0);
}

void Evaluator::compile_sweep() {
  using namespace runtime::internal;
  const Program& p = program_;
  const std::size_t n = p.nodes.size();
  fact_base_ = static_cast<std::uint32_t>(n);
  // Two more slots hold constant true and false: they pad short and/or steps and stand
  // in for a rule's missing `unless`.
  // After them, one slot per rule receives the rule's condition.
  const std::size_t slots = n + p.facts.size() + 2 + p.rules.size();
  slot_true_ = static_cast<std::uint32_t>(n + p.facts.size());
  slot_false_ = slot_true_ + 1;
  rule_base_ = slot_true_ + 2;
  values_.assign(slots, 0);
  known_.assign(slots, 0);
  truth_.assign(slots, kUnknown);
  is_bool_.assign(slots, 0);
  alias_.resize(n);
  std::vector<std::uint32_t> level(slots, 0);
  std::vector<std::uint8_t> constant(slots, 0);
  for (std::uint32_t slot : {slot_true_, slot_false_}) {
    truth_[slot] = slot == slot_true_ ? kTrue : kFalse;
    is_bool_[slot] = constant[slot] = known_[slot] = 1;
    values_[slot] = slot == slot_true_ ? 1 : 0;
  }

  struct Pending {
    std::uint32_t level;
    Step code;
    Instr instr;
  };
  std::vector<Pending> pending;
  pending.reserve(n + p.facts.size());

  // Bool facts are turned into truth values first; other facts are read as they are.
  for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
    const std::uint32_t type = p.facts[f].type;
    if (type < p.types.size() && p.types[type].kind == TypeKind::boolean) {
      is_bool_[fact_base_ + f] = 1;
      pending.push_back({0, bool_fact, {0, fact_base_ + f, fact_base_ + f, 0}});
    }
  }

  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& node = p.nodes[i];
    alias_[i] = i;
    switch (node.op) {
      case Op::const_bool:
        truth_[i] = node.imm != 0 ? kTrue : kFalse;
        is_bool_[i] = 1;
        [[fallthrough]];
      case Op::const_int:
        // Constants never change, so they are written once here and never swept.
        values_[i] = node.imm;
        known_[i] = 1;
        constant[i] = 1;
        continue;
      case Op::fact:
        // The scenario is copied into the fact slots at the start of each sweep.
        alias_[i] = fact_base_ + node.a;
        continue;
      case Op::condition:
        alias_[i] = alias_[node.a];  // a condition is its body
        continue;
      default:
        break;
    }
    Pending step{0, and2, {0, i, 0, 0}};
    std::uint32_t deepest = 0;
    auto use = [&](std::uint32_t slot) {
      deepest = std::max(deepest, level[slot]);
      return slot;
    };
    is_bool_[i] = 1;
    switch (node.op) {
      case Op::and_:
      case Op::or_: {
        const bool is_and = node.op == Op::and_;
        if (node.b == 2) {
          step.code = is_and ? and2 : or2;
          step.instr.a = use(alias_[p.operands[node.a]]);
          step.instr.b = use(alias_[p.operands[node.a + 1]]);
        } else if (node.b == 3 || node.b == 4) {
          // Four operands in place; a fourth that is missing is the identity.
          std::uint32_t o[4];
          for (std::uint32_t j = 0; j < 4; ++j) {
            o[j] = j < node.b ? use(alias_[p.operands[node.a + j]]) : (is_and ? slot_true_ : slot_false_);
          }
          step.code = is_and ? and4 : or4;
          step.instr.a = o[0];
          step.instr.b = o[1];
          step.instr.imm = static_cast<std::int64_t>(o[2] | (static_cast<std::uint64_t>(o[3]) << 32));
        } else {
          step.code = is_and ? and_n : or_n;
          step.instr.a = static_cast<std::uint32_t>(operands_.size());
          step.instr.b = node.b;
          for (std::uint32_t j = node.a; j < node.a + node.b; ++j) operands_.push_back(use(alias_[p.operands[j]]));
        }
        break;
      }
      case Op::not_:
        step.code = not1;
        step.instr.a = use(alias_[node.a]);
        break;
      case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge: {
        std::uint32_t a = alias_[node.a], b = alias_[node.b];
        if (is_bool_[a] || is_bool_[b]) {
          // Comparing truth values (`c == false`): unknown when either side is.
          step.code = node.op == Op::ne ? bool_ne : bool_eq;
          step.instr.a = use(a);
          step.instr.b = use(b);
          break;
        }
        Op op = node.op;
        if (constant[a] && !constant[b]) {
          std::swap(a, b);
          op = mirrored(op);
        }
        if (constant[b]) {
          step.code = compare_code(op, true);
          step.instr.a = use(a);
          step.instr.imm = values_[b];
        } else {
          step.code = compare_code(op, false);
          step.instr.a = use(a);
          step.instr.b = use(b);
        }
        break;
      }
      case Op::add: case Op::sub: case Op::mul:
        is_bool_[i] = 0;
        step.code = node.op == Op::add ? add : node.op == Op::sub ? sub : mul;
        step.instr.a = use(alias_[node.a]);
        step.instr.b = use(alias_[node.b]);
        break;
      case Op::in_values:
        step.code = in_values;
        step.instr.a = use(alias_[node.a]);
        step.instr.imm = node.imm;
        break;
      case Op::has: {
        const std::uint32_t b = alias_[node.b];
        step.instr.a = use(alias_[node.a]);
        if (constant[b]) {
          step.code = has_i;
          step.instr.imm = values_[b];
        } else {
          step.code = has;
          step.instr.b = use(b);
        }
        break;
      }
      default:
        break;
    }
    step.level = deepest + 1;
    level[i] = step.level;
    pending.push_back(step);
  }

  // Each rule's condition, `when` and not `unless`: a missing `unless` is the constant
  // false slot, and a missing `when` (the compiler always gives one) the true slot.
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    const Rule& rule = p.rules[r];
    const std::uint32_t when = rule.when == kNone ? slot_true_ : alias_[rule.when];
    const std::uint32_t unless = rule.unless == kNone ? slot_false_ : alias_[rule.unless];
    const std::uint32_t dst = rule_base_ + r;
    is_bool_[dst] = 1;
    pending.push_back({std::max(level[when], level[unless]) + 1, rule_cond, {0, dst, when, unless}});
  }

  // Steps of one level depend only on lower levels, so within a level they may run in
  // any order: grouping them by operation turns the sweep into a few tight loops.
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& x, const Pending& y) {
    return x.level != y.level ? x.level < y.level : x.code < y.code;
  });
  code_.reserve(pending.size());
  for (const Pending& step : pending) {
    const auto at = static_cast<std::uint32_t>(code_.size());
    if (batches_.empty() || batches_.back().code != step.code || pending[batches_.back().begin].level != step.level) {
      batches_.push_back({step.code, at, at});
    }
    code_.push_back(step.instr);
    batches_.back().end = at + 1;
  }
}

Tri Evaluator::node_value(std::uint32_t node) const {
  const std::uint32_t n = alias_[node];
  if (is_bool_[n]) return runtime::internal::to_tri(truth_[n]);
  if (!known_[n]) return Tri::unknown;
  return values_[n] != 0 ? Tri::true_ : Tri::false_;
}

std::int64_t Evaluator::node_int(std::uint32_t node) const {
  const std::uint32_t n = alias_[node];
  if (is_bool_[n]) return truth_[n] == runtime::internal::kTrue ? 1 : 0;
  return values_[n];
}


}  // namespace proviso
