#pragma once
// The Z3 encoding of a compiled Program: a second implementation of the runtime's
// semantics, written as a sweep over the same flat IR the runtime's plan runs.
//
// Scope: analysis reasons about fully specified scenarios (every fact known, every
// value inside its type). The only source of `unknown` left is an int operation that
// overflows 64 bits, which the runtime treats as unknown; terms are therefore tri-state
// and follow Kleene's logic exactly, but only where interval arithmetic says an
// overflow is possible, so programs over bounded ints pay nothing for it.
#include <z3++.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::analysis::internal {

// Enumeration sorts by signature (name and values), so that the two programs of a diff
// share the sort, and the variables, of identical types.
class SortCache {
 public:
  struct EnumSort {
    z3::sort sort;
    z3::func_decl_vector values;  // constructors, index = the runtime's value index
  };

  explicit SortCache(z3::context& ctx) : ctx_(ctx) {}
  const EnumSort& enum_sort(const Type& t);
  // The value index of a constructor application of `s`, or kNone.
  static std::uint32_t value_of(const EnumSort& s, const z3::expr& value);

 private:
  z3::context& ctx_;
  std::map<std::string, std::unique_ptr<EnumSort>> by_signature_;
  std::map<std::string, int> name_uses_;
};

// The solver variables of one fact.
struct FactVar {
  TypeKind kind;
  z3::expr value;                  // bool, int or enum; `true` for sets
  std::vector<z3::expr> members;   // set: one Bool per value of the element enum
  const SortCache::EnumSort* sort = nullptr;  // enum
  // When set, the fact is known exactly when this holds, and unknown otherwise (Kleene,
  // as the runtime): explanations reason about scenarios that keep facts unknown.
  // Unset: always known, and the encoding is what it always was.
  std::optional<z3::expr> known;
};

// Fresh variables for fact `id` of `p`, named after the fact plus `suffix`.
FactVar make_fact_var(z3::context& ctx, SortCache& sorts, const Program& p, std::uint32_t id,
                      std::string_view suffix = {});
// Fresh variables for every fact of `p`.
std::vector<FactVar> make_fact_vars(z3::context& ctx, SortCache& sorts, const Program& p,
                                    std::string_view suffix = {});
// The facts' own ranges: each int inside its bounds.
z3::expr fact_domain(z3::context& ctx, const Program& p, const std::vector<FactVar>& vars);
// The range of one fact (`true` when its type alone bounds it).
z3::expr fact_domain(z3::context& ctx, const Program& p, const std::vector<FactVar>& vars, std::uint32_t fact);

// A tri-state Boolean: `t` holds exactly when the runtime computes true, `f` exactly
// when it computes false. `total` terms are never unknown (then f is !t).
struct BoolTerm {
  z3::expr t;
  z3::expr f;
  bool total = true;
};

class Encoder {
 public:
  // `on`: policies and rules not in force on that day cover and apply to nothing
  // (kNoDate: every one counts).
  Encoder(z3::context& ctx, SortCache& sorts, const Program& p, std::vector<FactVar> facts, Day on = kNoDate);

  const Program& program() const { return p_; }
  // The analysis date, kNoDate when dates are not considered; witnesses carry it.
  Day on() const { return on_; }
  // Every constraint of the program holds (is not false), with the ranges of the facts
  // they read: what every real scenario satisfies. `true` when there are none.
  z3::expr constraints_hold() const;
  // Constraint `c` is false (violated).
  z3::expr constraint_false(std::uint32_t c) const;
  // The facts a node reads, ascending.
  std::vector<std::uint32_t> facts_of(std::uint32_t node) const;
  const FactVar& fact(std::uint32_t id) const { return facts_[id]; }
  const std::vector<FactVar>& facts() const { return facts_; }
  z3::context& ctx() const { return ctx_; }

  BoolTerm node_bool(std::uint32_t node) const;
  // The policy covers the flow (from or to is its sector, or it has none).
  const z3::expr& covers(std::uint32_t policy) const { return covers_[policy]; }
  // The rule's condition holds on a covered flow (t), or it does not apply (f).
  const BoolTerm& applies(std::uint32_t rule) const { return applies_[rule]; }
  // Applies and no rule that beats it surely applies: the runtime's `applied` status.
  const z3::expr& applied(std::uint32_t rule) const { return applied_[rule]; }
  // Every rule of the policy is determined, so its decision is not `undetermined`.
  z3::expr determinate(std::uint32_t policy) const;
  // The policy's decision as Int 0 share, 1 refer, 2 deny (meaningful when it covers
  // the flow and is determinate).
  const z3::expr& decision(std::uint32_t policy) const { return decision_[policy]; }
  // The policy's share stands on its own: it does not defer, and its default decided or
  // a non-deferring share rule applied (meaningful when it decides share).
  z3::expr share_contests(std::uint32_t policy) const;
  // The bundle's decision as Int 0..2 (meaningful when every covering policy is
  // determinate), and whether the bundle's share carries obligation `o`.
  z3::expr bundle_decision() const;
  z3::expr bundle_determinate() const;
  z3::expr bundle_obligation(std::uint32_t obligation) const;

 private:
  struct Term {
    z3::expr a;  // bool: holds when true; int/enum: the value
    z3::expr b;  // bool: holds when false; int: holds when defined (no overflow on the way)
    bool total;
    std::int64_t lo, hi;             // int: static range of the value when defined
    std::vector<z3::expr> members;   // set
  };

  Term encode(const Node& n);
  Term bool_term(z3::expr t, z3::expr f, bool total) const;
  Term compare(const Node& n, const Term& x, const Term& y);
  Term arithmetic(const Node& n, const Term& x, const Term& y);
  Term constant(const Node& n) const;
  z3::expr enum_value(std::uint32_t type, std::int64_t index) const;
  void encode_rules();
  void encode_decisions();

  z3::context& ctx_;
  SortCache& sorts_;
  const Program& p_;
  Day on_ = kNoDate;
  std::vector<FactVar> facts_;
  std::vector<Term> terms_;  // per node
  std::vector<z3::expr> covers_;
  std::vector<BoolTerm> applies_;
  std::vector<z3::expr> applied_;
  std::vector<z3::expr> decision_;
};

// Effect as the Int the decision terms use.
inline int effect_code(Effect e) { return static_cast<int>(e); }

}  // namespace proviso::analysis::internal
