// Exact undetermined decisions (language.md section 6): reach, pivotal rules, relevant
// facts. Polynomial in the number of rules; no assignment is ever enumerated.
//
// Notation for one policy: A its applying rules, U its undetermined ones, S = A ∪ T for
// an assignment T ⊆ U. "x beats y" is the transitive `beaten_by` relation, a strict
// partial order, so every rule of S is either a winner (a maximal element: nothing in
// S beats it) or beaten by a winner of S (follow beaters upwards; by transitivity the
// last one beats it). `strictest` decides the strictest effect among the winners,
// `first` the effect of the first winner in source order, the default when S is empty.
//
// The one lemma everything rests on. Fix a pool P ⊇ A, a set X of excluded rules and a
// set Z of rules that may not be winners. Call S ok when A ⊆ S ⊆ P, S ∩ X = ∅ and no
// rule of S ∩ Z is a winner of S. Then:
//
//   some S is ok  ⟺  A ∩ X = ∅  and every rule of A ∩ Z is beaten by a rule of
//                    avail = P \ X \ Z,                           (covered() below)
//
// and then S* = A ∪ avail is ok. (⟸: in S* the rules of Z are those of A ∩ Z, each
// beaten. ⟹: a rule z of A ∩ Z in an ok S is beaten by a winner w of S; w is not in Z
// since S's rules in Z are not winners, not in X, and in P: so w ∈ avail.) S* also
// keeps as winners any rules of avail that nothing in S* beats, which is how the
// callers designate winners: they put their beaters into X.
//
// A threshold view turns "does the decision change" into that lemma: two effects differ
// exactly when some k ∈ {refer, deny} lies above one and not the other, so it suffices
// to ask, per k, whether [decision ≥ k] can change.
#include "decide/undetermined.hpp"

#include <algorithm>
#include <bit>

#include "plan/truth.hpp"

namespace proviso::runtime::internal {

bool WideSet::any() const {
  for (std::uint64_t w : words_) {
    if (w != 0) return true;
  }
  return false;
}

std::uint32_t WideSet::next(std::uint32_t from) const {
  std::size_t i = from / 64;
  if (i >= words_.size()) return kNone;
  std::uint64_t w = words_[i] & (~std::uint64_t{0} << (from % 64));
  while (true) {
    if (w != 0) return static_cast<std::uint32_t>(i * 64 + static_cast<std::size_t>(std::countr_zero(w)));
    if (++i == words_.size()) return kNone;
    w = words_[i];
  }
}

namespace {

// The set operations the solver needs, for a bit mask and for a WideSet of `n` rules.
template <class Set>
struct Ops;

template <>
struct Ops<std::uint64_t> {
  using S = std::uint64_t;
  explicit Ops(std::uint32_t) {}
  S none() const { return 0; }
  S below(std::uint32_t i) const { return i >= 64 ? ~S{0} : (S{1} << i) - 1; }  // rules before i
  static S both(S a, S b) { return a & b; }
  static S either(S a, S b) { return a | b; }
  static S minus(S a, S b) { return a & ~b; }
  static S minus_one(S a, std::uint32_t i) { return a & ~(S{1} << i); }
  static bool any(S a) { return a != 0; }
  static bool meets(S a, S b) { return (a & b) != 0; }
  static bool test(S a, std::uint32_t i) { return (a >> i) & 1u; }
  static void add(S& a, std::uint32_t i) { a |= S{1} << i; }
  // Calls f on each member in order until it returns true; says whether it did.
  template <class F>
  static bool find(S a, F&& f) {
    for (; a != 0; a &= a - 1) {
      if (f(static_cast<std::uint32_t>(std::countr_zero(a)))) return true;
    }
    return false;
  }
};

template <>
struct Ops<WideSet> {
  using S = WideSet;
  std::uint32_t n;
  explicit Ops(std::uint32_t count) : n(count) {}
  S none() const { return S(n); }
  S below(std::uint32_t i) const {
    S s(n);
    auto& w = s.words();
    for (std::size_t j = 0; j < w.size(); ++j) {
      const std::size_t lo = j * 64;
      if (i >= lo + 64) w[j] = ~std::uint64_t{0};
      else if (i > lo) w[j] = (std::uint64_t{1} << (i - lo)) - 1;
    }
    return s;
  }
  template <class F>
  static S zip(const S& a, const S& b, F f) {
    S out = a;
    for (std::size_t j = 0; j < out.words().size(); ++j) out.words()[j] = f(a.words()[j], b.words()[j]);
    return out;
  }
  static S both(const S& a, const S& b) { return zip(a, b, [](std::uint64_t x, std::uint64_t y) { return x & y; }); }
  static S either(const S& a, const S& b) { return zip(a, b, [](std::uint64_t x, std::uint64_t y) { return x | y; }); }
  static S minus(const S& a, const S& b) { return zip(a, b, [](std::uint64_t x, std::uint64_t y) { return x & ~y; }); }
  static S minus_one(const S& a, std::uint32_t i) {
    S out = a;
    out.words()[i / 64] &= ~(std::uint64_t{1} << (i % 64));
    return out;
  }
  static bool any(const S& a) { return a.any(); }
  static bool meets(const S& a, const S& b) {
    for (std::size_t j = 0; j < a.words().size(); ++j) {
      if ((a.words()[j] & b.words()[j]) != 0) return true;
    }
    return false;
  }
  static bool test(const S& a, std::uint32_t i) { return a.test(i); }
  static void add(S& a, std::uint32_t i) { a.set(i); }
  template <class F>
  static bool find(const S& a, F&& f) {
    for (std::uint32_t i = a.next(0); i != kNone; i = a.next(i + 1)) {
      if (f(i)) return true;
    }
    return false;
  }
};

constexpr unsigned bit(Effect e) { return 1u << static_cast<unsigned>(e); }

template <class Set>
class Solver {
 public:
  explicit Solver(const PolicyInput<Set>& p)
      : p_(p), o_(p.count), a_(p.applies), au_(Ops<Set>::either(p.applies, p.unknown)),
        at_least_refer_(o_.none()), deny_(o_.none()) {
    Ops<Set>::find(au_, [&](std::uint32_t r) {
      if (p_.effect[r] != Effect::share) Ops<Set>::add(at_least_refer_, r);
      if (p_.effect[r] == Effect::deny) Ops<Set>::add(deny_, r);
      return false;
    });
    none_applies_ = !Ops<Set>::any(a_);
  }

  Reach reach() const { return p_.combine == Combine::strictest ? reach_strictest() : reach_first(); }

  Set pivotal(Effect others_lowest) const {
    Set out = o_.none();
    if (others_lowest == Effect::deny) return out;
    Ops<Set>::find(p_.unknown, [&](std::uint32_t u) {
      // A rule beaten by an applying rule never wins nor beats a winner: it changes nothing.
      if (!unbeaten_by_applied(u)) return false;
      // u is pivotal when for some assignment of the policy's other rules, with
      // decisions x (u applies) and y (it does not), and some decision o the other
      // policies reach, max(x, o) != max(y, o): when x != y and o < max(x, y). The least
      // o they reach is best, and x, y with max(x, y) > o differ exactly when some
      // threshold k > o has [x ≥ k] != [y ≥ k].
      const bool pivots =
          changes_at(u, Effect::deny) || (others_lowest == Effect::share && changes_at(u, Effect::refer));
      if (pivots) Ops<Set>::add(out, u);
      return false;
    });
    return out;
  }

 private:
  using O = Ops<Set>;

  // Rules of A ∪ U whose effect is at least k (k = refer or deny).
  const Set& at_least(Effect k) const { return k == Effect::deny ? deny_ : at_least_refer_; }
  bool unbeaten_by_applied(std::uint32_t r) const { return !O::meets(p_.beaten_by[r], a_); }
  // Every rule of `must` is beaten by a rule of `avail` (the lemma's condition).
  bool covered(const Set& must, const Set& avail) const {
    return !O::find(must, [&](std::uint32_t z) { return !O::meets(p_.beaten_by[z], avail); });
  }
  bool high(std::uint32_t r, Effect k) const { return p_.effect[r] >= k; }

  // --- strictest ---
  // Decision ≥ e: the default when nothing applies, or a winner of effect ≥ e. A rule r
  // of A ∪ U wins in some S exactly when no applying rule beats it (then it wins in
  // A ∪ {r}; and A ⊆ S always).
  bool strictest_at_least(Effect e) const {
    if (none_applies_ && p_.default_effect >= e) return true;
    return O::find(at_least(e), [&](std::uint32_t r) { return unbeaten_by_applied(r); });
  }
  // Decision ≤ e with e < deny: the default when nothing applies, or a non-empty S with
  // no winner above e. The lemma with P = A ∪ U, X = ∅, Z = the rules above e; S* is
  // non-empty when A is or when avail is.
  bool strictest_at_most(Effect e) const {
    if (none_applies_ && p_.default_effect <= e) return true;
    const Set& z = at_least(static_cast<Effect>(static_cast<int>(e) + 1));
    const Set avail = O::minus(au_, z);
    if (none_applies_ && !O::any(avail)) return false;
    return covered(O::both(a_, z), avail);
  }
  Reach reach_strictest() const {
    Reach r;
    r.highest = strictest_at_least(Effect::deny)    ? Effect::deny
                : strictest_at_least(Effect::refer) ? Effect::refer
                                                    : Effect::share;
    r.lowest = strictest_at_most(Effect::share)   ? Effect::share
               : strictest_at_most(Effect::refer) ? Effect::refer
                                                  : Effect::deny;
    return r;
  }

  // --- first ---
  // r can be the first winner: the lemma with X = the rules that beat r and Z = the
  // rules before r (each must be beaten); r itself is in avail and nothing there beats it.
  bool can_be_first(std::uint32_t r) const {
    if (!unbeaten_by_applied(r)) return false;
    const Set z = o_.below(r);
    return covered(O::both(a_, z), O::minus(O::minus(au_, p_.beaten_by[r]), z));
  }
  Reach reach_first() const {
    unsigned found = none_applies_ ? bit(p_.default_effect) : 0u;
    O::find(au_, [&](std::uint32_t r) {
      if ((found & bit(p_.effect[r])) == 0 && can_be_first(r)) found |= bit(p_.effect[r]);
      return found == 7u;
    });
    Reach r;
    r.lowest = static_cast<Effect>(std::countr_zero(found));
    r.highest = static_cast<Effect>(31 - std::countl_zero(found));
    return r;
  }

  // Can [decision ≥ k] differ between S ∪ {u} and S, for some S = A ∪ T, T ⊆ U \ {u}?
  // Only sets without a beater of u matter (otherwise u neither wins nor, by
  // transitivity, beats a winner); the caller checked that A has none.
  bool changes_at(std::uint32_t u, Effect k) const {
    return p_.combine == Combine::strictest ? strictest_changes_at(u, k) : first_changes_at(u, k);
  }

  // With u unbeaten, the winners of S ∪ {u} are u and the winners of S that u does not
  // beat.
  //  - u high: [≥ k] goes 0 -> 1 exactly when S has no high winner (or S is empty with
  //    a low default). Lemma: P = A ∪ U \ {u}, X = beaters of u, Z = high rules.
  //  - u low: [≥ k] goes 1 -> 0 exactly when S has a high winner h and u beats every high
  //    winner (or S is empty with a high default). Try each such h: X = beaters of h
  //    (which include u's), Z = the high rules u does not beat; h stays a winner.
  bool strictest_changes_at(std::uint32_t u, Effect k) const {
    const Set& hi = at_least(k);
    const Set q = O::minus_one(au_, u);
    if (high(u, k)) {
      if (none_applies_ && p_.default_effect < k) return true;
      const Set avail = O::minus(O::minus(q, p_.beaten_by[u]), hi);
      if (none_applies_ && !O::any(avail)) return false;
      return covered(O::both(a_, hi), avail);
    }
    if (none_applies_ && p_.default_effect >= k) return true;
    const Set z = O::minus(hi, p_.beats[u]);
    const Set must = O::both(a_, z);
    return O::find(O::both(O::both(p_.beats[u], hi), q), [&](std::uint32_t h) {
      return unbeaten_by_applied(h) && covered(must, O::minus(O::minus(q, p_.beaten_by[h]), z));
    });
  }

  // With u unbeaten, the first winner of S ∪ {u} is either u itself or a winner w' of S
  // before u that u does not beat; the first winner of S is w (or none).
  //  1. After: u. Every rule of S before u that u does not beat is no winner (Z ⊇
  //     zu); before: the default if S is empty, else a first winner w of S, which then
  //     comes after u or is beaten by u. Try each w: X = beaters of u and of w, Z = zu ∪
  //     the rules before w.
  //  2. After: w' < u, before: w < w' with u beating w (any other first winner of S
  //     would stay first). Try each pair: X = beaters of w and w' (those of u are among
  //     w's), Z = the rules before w, and those before w' that u does not beat.
  bool first_changes_at(std::uint32_t u, Effect k) const {
    const bool hu = high(u, k);
    if (none_applies_ && (p_.default_effect >= k) != hu) return true;
    const Set q = O::minus_one(au_, u);
    const Set zu = O::minus(o_.below(u), p_.beats[u]);
    const Set q_u = O::minus(q, p_.beaten_by[u]);
    const bool after_u = O::find(q_u, [&](std::uint32_t w) {
      if (high(w, k) == hu || (w < u && !O::test(p_.beats[u], w)) || !unbeaten_by_applied(w)) return false;
      const Set z = O::either(zu, o_.below(w));
      return covered(O::both(a_, z), O::minus(O::minus(q_u, p_.beaten_by[w]), z));
    });
    if (after_u) return true;
    return O::find(O::both(O::both(p_.beats[u], q), o_.below(u)), [&](std::uint32_t w) {
      if (!unbeaten_by_applied(w)) return false;
      const bool hw = high(w, k);
      const Set q_w = O::minus(q, p_.beaten_by[w]);
      const Set between = O::minus(O::minus(O::both(q_w, o_.below(u)), o_.below(w + 1)), p_.beats[u]);
      // w2 does not beat w (q_w), and w does not beat w2: u would beat it too.
      return O::find(between, [&](std::uint32_t w2) {
        if (high(w2, k) == hw || !unbeaten_by_applied(w2)) return false;
        const Set z = O::either(o_.below(w), O::minus(o_.below(w2), p_.beats[u]));
        return covered(O::both(a_, z), O::minus(O::minus(q_w, p_.beaten_by[w2]), z));
      });
    });
  }

  const PolicyInput<Set>& p_;
  Ops<Set> o_;
  Set a_, au_;
  Set at_least_refer_, deny_;  // within A ∪ U
  bool none_applies_ = false;
};

}  // namespace

template <class Set>
Reach reach(const PolicyInput<Set>& policy) {
  return Solver<Set>(policy).reach();
}

template <class Set>
Set pivotal(const PolicyInput<Set>& policy, Effect others_lowest) {
  return Solver<Set>(policy).pivotal(others_lowest);
}

template Reach reach(const MaskPolicy&);
template Reach reach(const WidePolicy&);
template std::uint64_t pivotal(const MaskPolicy&, Effect);
template WideSet pivotal(const WidePolicy&, Effect);

void OthersLowest::add(Effect lowest) {
  if (top_count_ == 0 || lowest > top_) {
    second_ = top_count_ == 0 ? Effect::share : top_;
    top_ = lowest;
    top_count_ = 1;
  } else if (lowest == top_) {
    ++top_count_;
  } else if (lowest > second_) {
    second_ = lowest;
  }
}

Effect OthersLowest::without(Effect own_lowest) const {
  return own_lowest == top_ && top_count_ == 1 ? second_ : top_;
}

// The bundle decides the strictest of its policies' decisions, and the policies'
// assignments are independent: its least decision is the strictest of their least ones,
// its most strict the strictest of their most strict ones. It is determined exactly when
// these agree, which is exactly when no rule is pivotal (walk from one assignment to
// another one rule at a time: where the decision changes, that rule is pivotal).
template <class Set>
Exact<Set> solve(std::span<const PolicyInput<Set>> policies) {
  Exact<Set> out;
  if (policies.empty()) return out;
  std::vector<Reach> reaches;
  OthersLowest others;
  Effect highest = Effect::share;
  for (const PolicyInput<Set>& p : policies) {
    const Reach r = reach(p);
    reaches.push_back(r);
    others.add(r.lowest);
    highest = std::max(highest, r.highest);
    out.policies.push_back(r.determined() ? static_cast<Outcome>(r.lowest) : Outcome::undetermined);
  }
  out.decision = others.all() == highest ? static_cast<Outcome>(highest) : Outcome::undetermined;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    out.pivotal.push_back(pivotal(policies[i], others.without(reaches[i].lowest)));
  }
  return out;
}

template Exact<std::uint64_t> solve(std::span<const MaskPolicy>);
template Exact<WideSet> solve(std::span<const WidePolicy>);

void compact_policy(const Program& program, std::uint32_t policy, const std::uint8_t* truth,
                    std::vector<std::uint32_t>& local, Compacted& out) {
  const Policy& pol = program.policies[policy];
  out.global.clear();
  out.effect.clear();
  for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
    if (truth[i] == kFalse) continue;
    local[pol.first_rule + i] = static_cast<std::uint32_t>(out.global.size());
    out.global.push_back(pol.first_rule + i);
    out.effect.push_back(program.rules[pol.first_rule + i].effect);
  }
  const auto m = static_cast<std::uint32_t>(out.global.size());
  out.is_wide = m > 64;
  auto fill = [&](auto& beaten_by, auto& beats, auto& input, auto none) {
    using O = Ops<std::decay_t<decltype(none)>>;
    beaten_by.assign(m, none);
    beats.assign(m, none);
    input.applies = none;
    input.unknown = none;
    for (std::uint32_t x = 0; x < m; ++x) {
      const std::uint32_t g = out.global[x];
      O::add(truth[g - pol.first_rule] == kTrue ? input.applies : input.unknown, x);
      for (std::uint32_t b : program.rules[g].beaten_by) {
        const std::uint32_t y = local[b];
        if (y == kNone) continue;  // does not apply, or (never) outside the policy
        O::add(beaten_by[x], y);
        O::add(beats[y], x);
      }
    }
    input.combine = pol.combine;
    input.default_effect = pol.default_effect;
    input.count = m;
    input.effect = out.effect.data();
    input.beaten_by = beaten_by.data();
    input.beats = beats.data();
  };
  if (out.is_wide) {
    fill(out.wide_beaten_by, out.wide_beats, out.wide, WideSet(m));
  } else {
    fill(out.beaten_by, out.beats, out.mask, std::uint64_t{0});
  }
  for (std::uint32_t g : out.global) local[g] = kNone;
}

RelevantFacts::RelevantFacts(const Program& program)
    : program_(program),
      seen_(program.nodes.size(), 0),
      users_(program.nodes.size(), 0),
      mask_(program.nodes.size(), 0),
      fact_mask_(program.facts.size(), 0) {}

// Two passes. The first finds the unknown nodes reached from the rules' conditions
// through unknown nodes (a depth-first search with an explicit stack: no recursion,
// however long a chain of named conditions), counting for each the edges that reach it.
// The second passes the rules' bits down in topological order (Kahn's): a node is
// passed on once every reached node that uses it has been, so its mask is complete.
void RelevantFacts::walk(std::span<const std::uint32_t> rules, const NodeValues& values) {
  auto for_operands = [&](const Node& node, auto&& f) {
    switch (node.op) {
      case Op::const_bool:
      case Op::const_int:
      case Op::fact:
        break;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t j = node.a; j < node.a + node.b; ++j) f(program_.operands[j]);
        break;
      case Op::not_:
      case Op::in_values:
      case Op::condition:
        f(node.a);
        break;
      case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge:
      case Op::add: case Op::sub: case Op::mul: case Op::has:
        f(node.a);
        f(node.b);
        break;
    }
  };
  auto reach = [&](std::uint32_t node) {
    if (seen_[node]) return true;
    if (values(node) != Tri::unknown) return false;
    seen_[node] = 1;
    touched_.push_back(node);
    stack_.push_back(node);
    return true;
  };
  for (std::size_t j = 0; j < rules.size(); ++j) {
    const Rule& r = program_.rules[rules[j]];
    for (std::uint32_t root : {r.when, r.unless}) {
      if (root != kNone && reach(root)) mask_[root] |= std::uint64_t{1} << j;
    }
  }
  while (!stack_.empty()) {
    const std::uint32_t n = stack_.back();
    stack_.pop_back();
    for_operands(program_.nodes[n], [&](std::uint32_t child) {
      if (reach(child)) ++users_[child];
    });
  }
  for (std::uint32_t n : touched_) {
    if (users_[n] == 0) stack_.push_back(n);
  }
  while (!stack_.empty()) {
    const std::uint32_t n = stack_.back();
    stack_.pop_back();
    const std::uint64_t bits = mask_[n];
    const Node& node = program_.nodes[n];
    if (node.op == Op::fact) {
      if (fact_mask_[node.a] == 0) facts_.push_back(node.a);
      fact_mask_[node.a] |= bits;  // one fact may have several nodes
      continue;
    }
    // Only unknown operands were reached: a known one settles nothing further down.
    for_operands(node, [&](std::uint32_t child) {
      if (!seen_[child]) return;
      mask_[child] |= bits;
      if (--users_[child] == 0) stack_.push_back(child);
    });
  }
}

void RelevantFacts::clear() {
  for (std::uint32_t n : touched_) {
    mask_[n] = 0;
    seen_[n] = 0;
    users_[n] = 0;  // already 0 after a whole walk: the reached nodes form a DAG
  }
  for (std::uint32_t f : facts_) fact_mask_[f] = 0;
  touched_.clear();
  facts_.clear();
}

void RelevantFacts::count(std::span<const std::uint32_t> rules, const NodeValues& values,
                          std::vector<std::uint32_t>& count, std::vector<std::uint32_t>& counted) {
  for (std::size_t first = 0; first < rules.size(); first += 64) {
    walk(rules.subspan(first, std::min<std::size_t>(64, rules.size() - first)), values);
    for (std::uint32_t f : facts_) {
      if (count[f] == 0) counted.push_back(f);
      count[f] += static_cast<std::uint32_t>(std::popcount(fact_mask_[f]));
    }
    clear();
  }
}

void RelevantFacts::of_rule(std::uint32_t rule, const NodeValues& values, std::vector<std::uint32_t>& out) {
  walk(std::span<const std::uint32_t>(&rule, 1), values);
  out.insert(out.end(), facts_.begin(), facts_.end());
  clear();
}

ExactState::ExactState(const Program& program)
    : reach(program.policies.size()),
      relevant(program),
      fact_count(program.facts.size(), 0),
      program_(program),
      effect_(program.rules.size()),
      beaten_mask_(program.rules.size(), 0),
      beats_mask_(program.rules.size(), 0),
      local_(program.rules.size(), kNone) {
  for (std::uint32_t r = 0; r < program.rules.size(); ++r) effect_[r] = program.rules[r].effect;
  for (const Policy& pol : program.policies) {
    if (pol.rule_count > 64) continue;
    for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
      for (std::uint32_t b : program.rules[pol.first_rule + i].beaten_by) {
        // Overrides stay within a policy; anything else cannot beat a rule.
        if (b < pol.first_rule || b >= pol.first_rule + pol.rule_count) continue;
        beaten_mask_[pol.first_rule + i] |= std::uint64_t{1} << (b - pol.first_rule);
        beats_mask_[b] |= std::uint64_t{1} << i;
      }
    }
  }
}

}  // namespace proviso::runtime::internal
