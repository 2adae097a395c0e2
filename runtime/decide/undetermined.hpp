#pragma once
// Exact undetermined decisions (language.md section 6), over plain data.
//
// An *assignment* chooses, for every undetermined rule of the covering policies, whether
// it applies. The bundle is undetermined exactly when two assignments give different
// decisions; a rule is *pivotal* when, for some assignment of the others, the decision
// with it applying differs from the decision without. Nothing here enumerates
// assignments: every question is answered by a polynomial number of checks of one
// kind, "is there a set of applying rules with these winners and these losers?", whose
// answer is a single greatest candidate set (see undetermined.cpp for the proofs).
//
// The evaluator fills PolicyInput from its per-rule tables and the sweep's rule values;
// the unit tests fill it by hand and compare with brute force.
#include <cstdint>
#include <span>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/runtime/evaluate.hpp"

namespace proviso::runtime::internal {

// A set of a policy's rules by local index, for policies (or compacted rule lists) of
// any size. The rules of one policy are numbered 0 .. count-1 in source order.
class WideSet {
 public:
  WideSet() = default;
  explicit WideSet(std::uint32_t count) : words_((count + 63) / 64, 0) {}
  void set(std::uint32_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
  bool test(std::uint32_t i) const { return (words_[i / 64] >> (i % 64)) & 1u; }
  bool any() const;
  // The index of the first member at or after `from`, or kNone.
  std::uint32_t next(std::uint32_t from) const;
  const std::vector<std::uint64_t>& words() const { return words_; }
  std::vector<std::uint64_t>& words() { return words_; }
  friend bool operator==(const WideSet&, const WideSet&) = default;

 private:
  std::vector<std::uint64_t> words_;
};

// One covering policy, as the exact computation needs it. `Set` is std::uint64_t (a
// bit per rule, at most 64 rules) or WideSet. `beaten_by` must be transitively closed
// (Rule::beaten_by is) and `beats` its converse; both stay within the policy.
template <class Set>
struct PolicyInput {
  Combine combine = Combine::strictest;
  Effect default_effect = Effect::deny;
  std::uint32_t count = 0;
  const Effect* effect = nullptr;  // per rule
  const Set* beaten_by = nullptr;  // per rule: the rules that beat it
  const Set* beats = nullptr;      // per rule: the rules it beats
  Set applies{};                   // condition true
  Set unknown{};                   // condition unknown (undetermined); the rest do not apply
};
using MaskPolicy = PolicyInput<std::uint64_t>;
using WidePolicy = PolicyInput<WideSet>;

// The least and the most strict decision that assignments give one policy. Its own
// decision is undetermined exactly when they differ.
struct Reach {
  Effect lowest = Effect::deny;
  Effect highest = Effect::deny;
  bool determined() const { return lowest == highest; }
};

template <class Set>
Reach reach(const PolicyInput<Set>& policy);

// The undetermined rules of `policy` that are pivotal for the bundle, when the other
// covering policies can together decide no less strictly than `others_lowest` (the
// strictest of their Reach::lowest; share when there are none). Policies' rules are
// disjoint, so that is all a policy needs to know of the others.
template <class Set>
Set pivotal(const PolicyInput<Set>& policy, Effect others_lowest);

// The strictest `lowest` of the covering policies other than one: kept as the top two.
class OthersLowest {
 public:
  void add(Effect lowest);
  Effect without(Effect own_lowest) const;
  Effect all() const { return top_; }

 private:
  Effect top_ = Effect::share, second_ = Effect::share;
  std::uint32_t top_count_ = 0;
};

// The whole computation for a bundle whose covering policies are `policies`: the
// bundle's outcome, each policy's own outcome and its pivotal rules. No covering policy
// is a determined deny.
template <class Set>
struct Exact {
  Outcome decision = Outcome::deny;
  std::vector<Outcome> policies;
  std::vector<Set> pivotal;
};
template <class Set>
Exact<Set> solve(std::span<const PolicyInput<Set>> policies);

// A large policy's applying and undetermined rules, renumbered 0 .. m-1 in source order
// (the rules that do not apply never matter), with their overrides restricted to them.
// Built into `MaskPolicy` when m <= 64, else into `WidePolicy`; `global` maps back.
struct Compacted {
  std::vector<std::uint32_t> global;  // local index -> rule id
  std::vector<Effect> effect;
  std::vector<std::uint64_t> beaten_by, beats;
  std::vector<WideSet> wide_beaten_by, wide_beats;
  MaskPolicy mask;
  WidePolicy wide;
  bool is_wide = false;
};
// `truth` holds each rule's condition for rules first .. first+count (1 true, 2 false,
// 3 unknown, as plan/truth.hpp); `local` is scratch of one entry per rule of the
// program, all kNone, and is left so.
void compact_policy(const Program& program, std::uint32_t policy, const std::uint8_t* truth,
                    std::vector<std::uint32_t>& local, Compacted& out);

// Node values of the last sweep, through whatever holds them: a reference to a callable
// `Tri(std::uint32_t node)` that must outlive this object.
class NodeValues {
 public:
  template <class F>
  explicit NodeValues(const F& f)
      : context_(&f), call_([](const void* c, std::uint32_t node) { return (*static_cast<const F*>(c))(node); }) {}
  Tri operator()(std::uint32_t node) const { return call_(context_, node); }

 private:
  const void* context_;
  Tri (*call_)(const void*, std::uint32_t);
};

// The relevant unknown facts of rules: reached from the rule's condition (`when`,
// `unless`, through named conditions) by descending only into sub-expressions whose
// value is unknown. Holds scratch sized to one program.
class RelevantFacts {
 public:
  explicit RelevantFacts(const Program& program);
  // For each fact relevant to some of `rules`: adds to count[fact] the number of them it
  // is relevant to, and appends the fact to `counted` when count[fact] was 0. Rules that
  // share named conditions share the walk: each unknown node is visited once per 64 rules.
  void count(std::span<const std::uint32_t> rules, const NodeValues& values, std::vector<std::uint32_t>& count,
             std::vector<std::uint32_t>& counted);
  // Appends each relevant unknown fact of `rule` to `out` once, in no particular order.
  void of_rule(std::uint32_t rule, const NodeValues& values, std::vector<std::uint32_t>& out);

 private:
  // Marks, with bit j, the nodes and facts reached from rules[j] (at most 64 rules):
  // mask_ per node, fact_mask_ per fact, the facts reached in facts_.
  void walk(std::span<const std::uint32_t> rules, const NodeValues& values);
  void clear();

  const Program& program_;
  std::vector<std::uint8_t> seen_;        // per node, during one walk: reached
  std::vector<std::uint32_t> users_;      // per node, during one walk: reached users not yet passed
  std::vector<std::uint64_t> mask_;       // per node, during one walk
  std::vector<std::uint64_t> fact_mask_;  // per fact, during one walk
  std::vector<std::uint32_t> stack_, touched_, facts_;
};

// Calls f(i) for each member i of a set, in order.
template <class F>
void for_each(std::uint64_t s, F&& f) {
  for (; s != 0; s &= s - 1) f(static_cast<std::uint32_t>(__builtin_ctzll(s)));
}
template <class F>
void for_each(const WideSet& s, F&& f) {
  for (std::uint32_t i = s.next(0); i != kNone; i = s.next(i + 1)) f(i);
}

// What the evaluator keeps for the computation, sized to one program: its small
// policies' rule tables as masks, each covering policy's reach for the flow of the last
// run, and scratch.
class ExactState {
 public:
  explicit ExactState(const Program& program);

  // Calls f(input, rule_of) for a policy, where rule_of(i) is the rule id of local index
  // i. `truth` holds the rules' conditions (plan/truth.hpp encoding) from the policy's
  // first rule on; `applies` and `unknown` are their masks when it has at most 64 rules
  // (then its own tables are used), ignored otherwise (then it is compacted).
  template <class F>
  decltype(auto) with_policy(std::uint32_t policy, const std::uint8_t* truth, std::uint64_t applies,
                             std::uint64_t unknown, F&& f) {
    const Policy& pol = program_.policies[policy];
    if (pol.rule_count <= 64) {
      MaskPolicy in;
      in.combine = pol.combine;
      in.default_effect = pol.default_effect;
      in.count = pol.rule_count;
      in.effect = effect_.data() + pol.first_rule;
      in.beaten_by = beaten_mask_.data() + pol.first_rule;
      in.beats = beats_mask_.data() + pol.first_rule;
      in.applies = applies;
      in.unknown = unknown;
      const std::uint32_t first = pol.first_rule;
      return f(in, [first](std::uint32_t i) { return first + i; });
    }
    compact_policy(program_, policy, truth, local_, compacted_);
    auto rule_of = [this](std::uint32_t i) { return compacted_.global[i]; };
    if (compacted_.is_wide) return f(compacted_.wide, rule_of);
    return f(compacted_.mask, rule_of);
  }

  std::vector<Reach> reach;               // per policy
  RelevantFacts relevant;
  std::vector<std::uint32_t> rules;       // pivotal rules, or rules that may add obligations
  std::vector<std::uint32_t> facts;       // relevant facts
  std::vector<std::uint32_t> fact_count;  // per fact: rules it is relevant to (0 between uses)

 private:
  const Program& program_;
  std::vector<Effect> effect_;                            // per rule
  std::vector<std::uint64_t> beaten_mask_, beats_mask_;  // small policies: local bits
  std::vector<std::uint32_t> local_;                     // compact_policy's scratch
  Compacted compacted_;
};

}  // namespace proviso::runtime::internal
