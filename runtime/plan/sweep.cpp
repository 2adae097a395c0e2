// The forward sweep: every node's value in Kleene three-valued logic, one tight loop per
// batch of steps with the same operation.
#include <cstring>
#include <stdexcept>

#include "decide/eval_state.hpp"
#include "plan/sweep_steps.hpp"
#include "plan/truth.hpp"

namespace proviso::runtime::internal {

void EvalState::sweep(const Scenario& s) {
  const std::size_t facts = program_.facts.size();
  const std::uint32_t fact_base = plan_.fact_base;
  if (s.values.size() < facts || s.known.size() < facts) {
    throw std::invalid_argument("scenario holds fewer facts than the program declares");
  }
  // Restrict: the byte arrays would otherwise alias everything, and every store would
  // force the loops to reload their instructions.
  std::int64_t* __restrict const v = values_.data();
  std::uint8_t* __restrict const k = known_.data();
  std::uint8_t* __restrict const t = truth_.data();
  if (facts > 0) {
    std::memcpy(v + fact_base, s.values.data(), facts * sizeof(std::int64_t));
    std::memcpy(k + fact_base, s.known.data(), facts);
  }
  const std::uint32_t* __restrict const ops = plan_.operands.data();
  const Instr* __restrict const code = plan_.code.data();

  for (const Batch& batch : plan_.batches) {
    const Instr* const first = code + batch.begin;
    const Instr* const last = code + batch.end;
    switch (batch.code) {
      case bool_fact:
        for (const Instr* in = first; in != last; ++in) t[in->dst] = truth_of(k[in->a], v[in->a] != 0);
        break;
      case and2:
        for (const Instr* in = first; in != last; ++in) t[in->dst] = kAnd[t[in->a] << 2 | t[in->b]];
        break;
      case or2:
        for (const Instr* in = first; in != last; ++in) t[in->dst] = kOr[t[in->a] << 2 | t[in->b]];
        break;
      case and4:
        for (const Instr* in = first; in != last; ++in) {
          const auto cd = static_cast<std::uint64_t>(in->imm);
          const unsigned w = t[in->a], x = t[in->b], y = t[cd & 0xffffffffu], z = t[cd >> 32];
          t[in->dst] = static_cast<std::uint8_t>(((w & x & y & z) & 1) | ((w | x | y | z) & 2));
        }
        break;
      case or4:
        for (const Instr* in = first; in != last; ++in) {
          const auto cd = static_cast<std::uint64_t>(in->imm);
          const unsigned w = t[in->a], x = t[in->b], y = t[cd & 0xffffffffu], z = t[cd >> 32];
          t[in->dst] = static_cast<std::uint8_t>(((w | x | y | z) & 1) | ((w & x & y & z) & 2));
        }
        break;
      case and_n:
        for (const Instr* in = first; in != last; ++in) {
          // Over all operands: "may be true" of all, and "may be false" of any.
          unsigned all = 3, any = 0;
          for (const std::uint32_t* o = ops + in->a, *e = o + in->b; o != e; ++o) {
            all &= t[*o];
            any |= t[*o];
          }
          t[in->dst] = static_cast<std::uint8_t>((all & 1) | (any & 2));
        }
        break;
      case or_n:
        for (const Instr* in = first; in != last; ++in) {
          unsigned all = 3, any = 0;
          for (const std::uint32_t* o = ops + in->a, *e = o + in->b; o != e; ++o) {
            all &= t[*o];
            any |= t[*o];
          }
          t[in->dst] = static_cast<std::uint8_t>((any & 1) | (all & 2));
        }
        break;
      case not1:
        for (const Instr* in = first; in != last; ++in) t[in->dst] = truth_not(t[in->a]);
        break;
      case rule_cond:
        for (const Instr* in = first; in != last; ++in) t[in->dst] = kAndNot[t[in->a] << 2 | t[in->b]];
        break;
      case bool_eq:
      case bool_ne:
        for (const Instr* in = first; in != last; ++in) {
          const std::uint8_t x = t[in->a], y = t[in->b];
          const bool known = x != kUnknown && y != kUnknown;
          t[in->dst] = truth_of(known, (x == y) == (batch.code == bool_eq));
        }
        break;
#define PROVISO_COMPARE(name, expr_)                                  \
  case name:                                                          \
    for (const Instr* in = first; in != last; ++in) {                 \
      const std::int64_t x = v[in->a], y = v[in->b];                  \
      t[in->dst] = truth_of(k[in->a] & k[in->b], (expr_));            \
    }                                                                 \
    break;                                                            \
  case name##_i:                                                      \
    for (const Instr* in = first; in != last; ++in) {                 \
      const std::int64_t x = v[in->a], y = in->imm;                   \
      t[in->dst] = truth_of(k[in->a], (expr_));                       \
    }                                                                 \
    break;
      PROVISO_COMPARE(eq, x == y)
      PROVISO_COMPARE(ne, x != y)
      PROVISO_COMPARE(lt, x < y)
      PROVISO_COMPARE(le, x <= y)
      PROVISO_COMPARE(gt, x > y)
      PROVISO_COMPARE(ge, x >= y)
#undef PROVISO_COMPARE
      // Arithmetic that leaves the 64-bit range has no value the language could give
      // it: bounded ints cannot get there (the compiler bounds them), and for unbounded
      // ints the language's choice is that the result is unknown. Unknown propagates
      // into the rules that use it, which then stay undetermined instead of deciding on
      // a wrapped or saturated number.
      case add:
        for (const Instr* in = first; in != last; ++in) {
          std::int64_t r = 0;
          const bool overflow = __builtin_add_overflow(v[in->a], v[in->b], &r);
          v[in->dst] = r;
          k[in->dst] = k[in->a] & k[in->b] & !overflow;
        }
        break;
      case sub:
        for (const Instr* in = first; in != last; ++in) {
          std::int64_t r = 0;
          const bool overflow = __builtin_sub_overflow(v[in->a], v[in->b], &r);
          v[in->dst] = r;
          k[in->dst] = k[in->a] & k[in->b] & !overflow;
        }
        break;
      case mul:
        for (const Instr* in = first; in != last; ++in) {
          std::int64_t r = 0;
          const bool overflow = __builtin_mul_overflow(v[in->a], v[in->b], &r);
          v[in->dst] = r;
          k[in->dst] = k[in->a] & k[in->b] & !overflow;
        }
        break;
      case in_values:
        for (const Instr* in = first; in != last; ++in) {
          const auto x = static_cast<std::uint64_t>(v[in->a]);
          t[in->dst] = truth_of(k[in->a], x < 64 && ((static_cast<std::uint64_t>(in->imm) >> x) & 1u));
        }
        break;
      case has:
        for (const Instr* in = first; in != last; ++in) {
          const auto x = static_cast<std::uint64_t>(v[in->b]);
          t[in->dst] = truth_of(k[in->a] & k[in->b], x < 64 && ((static_cast<std::uint64_t>(v[in->a]) >> x) & 1u));
        }
        break;
      case has_i:
        for (const Instr* in = first; in != last; ++in) {
          const auto x = static_cast<std::uint64_t>(in->imm);
          t[in->dst] = truth_of(k[in->a], x < 64 && ((static_cast<std::uint64_t>(v[in->a]) >> x) & 1u));
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace proviso::runtime::internal
