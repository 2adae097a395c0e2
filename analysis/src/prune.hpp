#pragma once
// Syntactic pruning before any solver call: for each rule, an over-approximation of
// the fact values under which it can apply (enum and bool values as bitmasks, ints as
// intervals, set members as present/absent), read off its condition's and/or/not
// structure. Two rules whose approximations contradict cannot apply together.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::analysis::internal {

// A conjunction of per-fact constraints; `empty` means it can never hold. A fact not
// listed is unconstrained.
struct Approx {
  struct Item {
    std::uint64_t key;   // fact * (kSetMaskBits + 1) for the value, + 1 + member for a set member
    std::uint64_t mask;  // enum/bool/member: allowed values; ints: unused
    std::int64_t lo, hi; // ints: allowed interval; others: unused
    bool is_int;
  };
  std::vector<Item> items;  // sorted by key
  bool empty = false;

  static Approx top() { return {}; }
  static Approx bottom() { Approx a; a.empty = true; return a; }
};

// At most `max_items` constraints are kept (the lowest keys): fewer only weakens it.
Approx meet(const std::vector<const Approx*>& parts, std::size_t max_items);
Approx join(const std::vector<const Approx*>& parts);

class Pruner {
 public:
  // `max_items`: AnalysisOptions::max_prune_items.
  Pruner(const Program& p, std::size_t max_items);
  // What must hold whenever the rule applies.
  const Approx& rule(std::uint32_t r) const { return rules_[r]; }
  // The two rules can never apply together (their approximations contradict).
  bool disjoint(std::uint32_t r1, std::uint32_t r2) const;

 private:
  void node(std::uint32_t id);
  std::optional<Approx> atom(const Node& n, bool positive) const;

  const Program& p_;
  std::size_t max_items_;
  std::vector<Approx> pos_, neg_;  // per node: what holds when it is true / false
  std::vector<Approx> rules_;
};

}  // namespace proviso::analysis::internal
