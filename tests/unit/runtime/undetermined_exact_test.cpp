// Exact undetermined decisions (language.md section 6) against brute force: every
// assignment of the undetermined rules is enumerated here (fine in a test, never in the
// runtime), on thousands of random multi-policy inputs, for the bundle's outcome, each
// policy's own outcome and reach, and the pivotal rules. Then relevance against a
// tree-walking definition on random expressions, and the patterns named in the issue.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <optional>
#include <set>

#include "decide/undetermined.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

using runtime::internal::MaskPolicy;
using runtime::internal::WidePolicy;
using runtime::internal::WideSet;

enum class St : std::uint8_t { applies, no, unknown };

// One policy as plain data; beats[x][y]: x beats y (transitively closed).
struct RandomPolicy {
  Combine combine = Combine::strictest;
  Effect default_effect = Effect::deny;
  std::vector<Effect> effect;
  std::vector<St> status;
  std::vector<std::vector<std::uint8_t>> beats;
  std::size_t size() const { return effect.size(); }
};

// `live` rules that may apply or be undetermined, among `count` rules (the others do not
// apply; with count > 64 they exercise the wide sets). Overrides form a random DAG
// through all of them, and may chain through rules that do not apply.
RandomPolicy random_policy(std::mt19937& rng, std::uint32_t count, std::uint32_t live, int apply_pct,
                           int unknown_pct) {
  RandomPolicy p;
  p.combine = rng() % 2 ? Combine::first : Combine::strictest;
  p.default_effect = static_cast<Effect>(rng() % 3);
  for (std::uint32_t i = 0; i < count; ++i) p.effect.push_back(static_cast<Effect>(rng() % 3));
  p.status.assign(count, St::no);
  std::vector<std::uint32_t> positions(count);
  for (std::uint32_t i = 0; i < count; ++i) positions[i] = i;
  std::shuffle(positions.begin(), positions.end(), rng);
  for (std::uint32_t i = 0; i < live && i < count; ++i) {
    const int roll = static_cast<int>(rng() % 100);
    p.status[positions[i]] = roll < apply_pct ? St::applies : roll < apply_pct + unknown_pct ? St::unknown : St::no;
  }
  // A random rank; edges only from higher to lower rank, so the relation is acyclic.
  std::vector<std::uint32_t> rank(count);
  for (std::uint32_t i = 0; i < count; ++i) rank[i] = i;
  std::shuffle(rank.begin(), rank.end(), rng);
  const int density = static_cast<int>(rng() % 4);  // none, sparse, medium, dense
  std::vector<std::vector<std::uint32_t>> direct(count);
  for (std::uint32_t x = 0; x < count; ++x) {
    const std::uint32_t tries = count <= 10 ? count : 3;
    for (std::uint32_t t = 0; t < tries; ++t) {
      const std::uint32_t y = count <= 10 ? t : static_cast<std::uint32_t>(rng() % count);
      if (rank[x] > rank[y] && static_cast<int>(rng() % 10) < density * 2) direct[x].push_back(y);
    }
  }
  p.beats.assign(count, std::vector<std::uint8_t>(count, 0));
  for (std::uint32_t x = 0; x < count; ++x) {
    std::vector<std::uint32_t> stack = direct[x];
    while (!stack.empty()) {
      const std::uint32_t y = stack.back();
      stack.pop_back();
      if (p.beats[x][y]) continue;
      p.beats[x][y] = 1;
      for (std::uint32_t z : direct[y]) stack.push_back(z);
    }
  }
  return p;
}

// --- brute force: the definitions, read literally ---

Effect decide(const RandomPolicy& p, const std::vector<std::uint8_t>& in) {
  bool any = false;
  Effect first = Effect::share, top = Effect::share;
  for (std::size_t x = 0; x < p.size(); ++x) {
    if (!in[x]) continue;
    bool beaten = false;
    for (std::size_t y = 0; y < p.size(); ++y) beaten |= in[y] && p.beats[y][x];
    if (beaten) continue;
    if (!any) first = p.effect[x];
    any = true;
    top = std::max(top, p.effect[x]);
  }
  if (!any) return p.default_effect;
  return p.combine == Combine::first ? first : top;
}

struct Brute {
  Outcome decision = Outcome::deny;
  std::vector<Outcome> policies;
  std::vector<Effect> lowest, highest;
  std::vector<std::vector<std::uint32_t>> pivotal;  // per policy, local indices ascending
};

Brute brute_force(const std::vector<RandomPolicy>& ps) {
  Brute out;
  std::vector<std::pair<std::size_t, std::uint32_t>> open;  // (policy, rule)
  for (std::size_t i = 0; i < ps.size(); ++i) {
    for (std::uint32_t r = 0; r < ps[i].size(); ++r) {
      if (ps[i].status[r] == St::unknown) open.push_back({i, r});
    }
  }
  const std::size_t n = std::size_t{1} << open.size();
  std::vector<Effect> bundle(n);
  std::vector<std::set<Effect>> own(ps.size());
  for (std::size_t asg = 0; asg < n; ++asg) {
    Effect b = Effect::share;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      std::vector<std::uint8_t> in(ps[i].size(), 0);
      for (std::uint32_t r = 0; r < ps[i].size(); ++r) in[r] = ps[i].status[r] == St::applies;
      for (std::size_t j = 0; j < open.size(); ++j) {
        if (open[j].first == i && ((asg >> j) & 1u)) in[open[j].second] = 1;
      }
      const Effect e = decide(ps[i], in);
      own[i].insert(e);
      b = std::max(b, e);
    }
    bundle[asg] = b;
  }
  const std::set<Effect> all(bundle.begin(), bundle.end());
  out.decision = ps.empty()         ? Outcome::deny
                 : all.size() > 1   ? Outcome::undetermined
                                    : static_cast<Outcome>(*all.begin());
  out.pivotal.resize(ps.size());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    out.policies.push_back(own[i].size() > 1 ? Outcome::undetermined : static_cast<Outcome>(*own[i].begin()));
    out.lowest.push_back(*own[i].begin());
    out.highest.push_back(*own[i].rbegin());
  }
  for (std::size_t j = 0; j < open.size(); ++j) {
    for (std::size_t asg = 0; asg < n; ++asg) {
      if (((asg >> j) & 1u) == 0 && bundle[asg] != bundle[asg | (std::size_t{1} << j)]) {
        out.pivotal[open[j].first].push_back(open[j].second);
        break;
      }
    }
  }
  return out;
}

// --- the inputs the runtime's computation takes ---

template <class Set>
struct Built {
  std::vector<std::vector<Set>> beaten_by, beats;
  std::vector<runtime::internal::PolicyInput<Set>> inputs;
};

template <class Set>
Set empty_set(std::uint32_t count) {
  if constexpr (std::is_same_v<Set, WideSet>) {
    return WideSet(count);
  } else {
    (void)count;
    return 0;
  }
}
template <class Set>
void put(Set& s, std::uint32_t i) {
  if constexpr (std::is_same_v<Set, WideSet>) {
    s.set(i);
  } else {
    s |= std::uint64_t{1} << i;
  }
}
template <class Set>
std::vector<std::uint32_t> members(const Set& s, std::uint32_t count) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    bool in = false;
    if constexpr (std::is_same_v<Set, WideSet>) {
      in = s.test(i);
    } else {
      in = (s >> i) & 1u;
    }
    if (in) out.push_back(i);
  }
  return out;
}

template <class Set>
Built<Set> build(const std::vector<RandomPolicy>& ps) {
  Built<Set> b;
  b.beaten_by.resize(ps.size());
  b.beats.resize(ps.size());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto n = static_cast<std::uint32_t>(ps[i].size());
    b.beaten_by[i].assign(n, empty_set<Set>(n));
    b.beats[i].assign(n, empty_set<Set>(n));
    for (std::uint32_t x = 0; x < n; ++x) {
      for (std::uint32_t y = 0; y < n; ++y) {
        if (!ps[i].beats[x][y]) continue;
        put(b.beats[i][x], y);
        put(b.beaten_by[i][y], x);
      }
    }
  }
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto n = static_cast<std::uint32_t>(ps[i].size());
    runtime::internal::PolicyInput<Set> in;
    in.combine = ps[i].combine;
    in.default_effect = ps[i].default_effect;
    in.count = n;
    in.effect = ps[i].effect.data();
    in.beaten_by = b.beaten_by[i].data();
    in.beats = b.beats[i].data();
    in.applies = empty_set<Set>(n);
    in.unknown = empty_set<Set>(n);
    for (std::uint32_t r = 0; r < n; ++r) {
      if (ps[i].status[r] == St::applies) put(in.applies, r);
      if (ps[i].status[r] == St::unknown) put(in.unknown, r);
    }
    b.inputs.push_back(in);
  }
  return b;
}

std::string describe(const std::vector<RandomPolicy>& ps) {
  std::string s;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const RandomPolicy& p = ps[i];
    s += "policy " + std::to_string(i) + " combine " + std::string(to_string(p.combine)) + " default " +
         std::string(to_string(p.default_effect)) + "\n";
    for (std::size_t x = 0; x < p.size(); ++x) {
      if (p.status[x] == St::no && p.size() > 10) continue;
      s += "  r" + std::to_string(x) + " " + std::string(to_string(p.effect[x])) + " " +
           (p.status[x] == St::applies ? "applies" : p.status[x] == St::unknown ? "unknown" : "no") + " beats";
      for (std::size_t y = 0; y < p.size(); ++y) {
        if (p.beats[x][y] && (p.size() <= 10 || p.status[y] != St::no)) s += " r" + std::to_string(y);
      }
      s += "\n";
    }
  }
  return s;
}

struct Tally {
  int cases = 0, undetermined = 0, determined_with_unknowns = 0, pivotal = 0, not_pivotal = 0, first = 0;
};

template <class Set>
void check_case(const std::vector<RandomPolicy>& ps, Tally& tally) {
  const Brute want = brute_force(ps);
  Built<Set> b = build<Set>(ps);
  const auto got = runtime::internal::solve<Set>(b.inputs);
  SCOPED_TRACE(describe(ps));
  ASSERT_EQ(got.decision, want.decision);
  ASSERT_EQ(got.policies, want.policies);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const runtime::internal::Reach r = runtime::internal::reach(b.inputs[i]);
    ASSERT_EQ(r.lowest, want.lowest[i]) << "policy " << i;
    ASSERT_EQ(r.highest, want.highest[i]) << "policy " << i;
    ASSERT_EQ(members(got.pivotal[i], static_cast<std::uint32_t>(ps[i].size())), want.pivotal[i]) << "policy " << i;
  }
  ++tally.cases;
  bool unknowns = false;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    tally.first += ps[i].combine == Combine::first;
    for (std::size_t x = 0; x < ps[i].size(); ++x) {
      if (ps[i].status[x] != St::unknown) continue;
      unknowns = true;
      const bool p = std::count(want.pivotal[i].begin(), want.pivotal[i].end(), x) > 0;
      tally.pivotal += p;
      tally.not_pivotal += !p;
    }
  }
  tally.undetermined += want.decision == Outcome::undetermined;
  tally.determined_with_unknowns += unknowns && want.decision != Outcome::undetermined;
}

// 1 to 4 policies of up to `live` rules that may apply, at most 11 undetermined in all.
std::vector<RandomPolicy> random_bundle(std::mt19937& rng, std::uint32_t min_count, std::uint32_t max_count,
                                        std::uint32_t live) {
  while (true) {
    std::vector<RandomPolicy> ps;
    const int apply_pct = static_cast<int>(rng() % 60), unknown_pct = 20 + static_cast<int>(rng() % 60);
    const std::uint32_t policies = 1 + rng() % 4;
    int open = 0;
    for (std::uint32_t i = 0; i < policies; ++i) {
      const std::uint32_t count = min_count + rng() % (max_count - min_count + 1);
      ps.push_back(random_policy(rng, count, std::min(live, count), apply_pct, unknown_pct));
      open += static_cast<int>(std::count(ps.back().status.begin(), ps.back().status.end(), St::unknown));
    }
    if (open <= 11) return ps;
  }
}

TEST(UndeterminedExact, MasksAgreeWithBruteForceOnRandomBundles) {
  std::mt19937 rng(20261206);
  Tally t;
  for (int i = 0; i < 20000 && !HasFatalFailure(); ++i) {
    check_case<std::uint64_t>(random_bundle(rng, 1, 8, 8), t);
  }
  EXPECT_EQ(t.cases, 20000);
  // The generator must produce every kind of case, or agreement would prove little.
  EXPECT_GT(t.undetermined, 4000);
  EXPECT_GT(t.determined_with_unknowns, 2000);
  EXPECT_GT(t.pivotal, 10000);
  EXPECT_GT(t.not_pivotal, 10000);
  EXPECT_GT(t.first, 10000);
}

TEST(UndeterminedExact, WideSetsAgreeWithBruteForce) {
  std::mt19937 rng(7);
  Tally t;
  for (int i = 0; i < 3000 && !HasFatalFailure(); ++i) check_case<WideSet>(random_bundle(rng, 1, 8, 8), t);
  // Rules spread over more than one word, most of which do not apply.
  for (int i = 0; i < 600 && !HasFatalFailure(); ++i) check_case<WideSet>(random_bundle(rng, 65, 150, 9), t);
  EXPECT_EQ(t.cases, 3600);
  EXPECT_GT(t.undetermined, 600);
  EXPECT_GT(t.pivotal, 1500);
}

TEST(UndeterminedExact, NoCoveringPolicyIsADeterminedDeny) {
  const auto got = runtime::internal::solve<std::uint64_t>({});
  EXPECT_EQ(got.decision, Outcome::deny);
  EXPECT_TRUE(got.policies.empty());
}

TEST(UndeterminedExact, OthersLowestKeepsTheTopTwo) {
  runtime::internal::OthersLowest o;
  o.add(Effect::refer);
  o.add(Effect::deny);
  o.add(Effect::share);
  EXPECT_EQ(o.all(), Effect::deny);
  EXPECT_EQ(o.without(Effect::deny), Effect::refer);
  EXPECT_EQ(o.without(Effect::refer), Effect::deny);
  o.add(Effect::deny);
  EXPECT_EQ(o.without(Effect::deny), Effect::deny);
  runtime::internal::OthersLowest alone;
  alone.add(Effect::refer);
  EXPECT_EQ(alone.without(Effect::refer), Effect::share);
}

// The evaluator on the same random policies, turned into a Program: a rule that applies
// is `when true`, one that does not `when false`, an undetermined one `when u_i` with
// its own unknown fact. Policies of more than 64 rules are compacted to their applying
// and undetermined rules, into masks or (over 64 of them) wide sets.
TEST(UndeterminedExact, TheEvaluatorAgreesWithBruteForceOnLargePolicies) {
  std::mt19937 rng(99);
  int wide = 0, undetermined = 0;
  for (int i = 0; i < 400 && !HasFatalFailure(); ++i) {
    std::vector<RandomPolicy> ps;
    int open = 0;
    do {
      ps.clear();
      open = 0;
      for (std::uint32_t k = 0, n = 1 + rng() % 2; k < n; ++k) {
        const std::uint32_t count = 65 + rng() % 90;
        const std::uint32_t live = i % 2 ? count : 30 + rng() % 30;  // odd cases: over 64 live rules
        ps.push_back(random_policy(rng, count, live, 80 + static_cast<int>(rng() % 15), 6));
        // Mostly shares among the applying rules, or some deny nearly always stands.
        for (std::size_t r = 0; r < ps.back().size(); ++r) {
          if (ps.back().status[r] == St::applies && rng() % 64 != 0) ps.back().effect[r] = Effect::share;
        }
        open += static_cast<int>(std::count(ps.back().status.begin(), ps.back().status.end(), St::unknown));
      }
    } while (open > 11 || open == 0);
    test::ProgramBuilder b;
    std::vector<std::vector<std::uint32_t>> fact_of(ps.size());
    for (std::size_t k = 0; k < ps.size(); ++k) {
      for (std::size_t r = 0; r < ps[k].size(); ++r) {
        fact_of[k].push_back(ps[k].status[r] == St::unknown
                                 ? b.fact("u" + std::to_string(k) + "_" + std::to_string(r), b.bool_type())
                                 : kNone);
      }
    }
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const RandomPolicy& rp = ps[k];
      b.policy("p" + std::to_string(k), -1, rp.default_effect, rp.combine);
      const std::uint32_t first = static_cast<std::uint32_t>(b.raw().rules.size());
      for (std::size_t r = 0; r < rp.size(); ++r) {
        const std::uint32_t when =
            rp.status[r] == St::unknown ? b.f(fact_of[k][r]) : b.lit(rp.status[r] == St::applies);
        b.rule("r" + std::to_string(r), rp.effect[r], when);
      }
      for (std::size_t x = 0; x < rp.size(); ++x) {
        for (std::size_t y = 0; y < rp.size(); ++y) {
          if (rp.beats[x][y]) b.overrides(first + static_cast<std::uint32_t>(x), first + static_cast<std::uint32_t>(y));
        }
      }
    }
    const Program p = b.build();
    Scenario s;
    s.reset(p.facts.size());
    s.set(kFactFrom, 0);
    s.set(kFactTo, 1);
    Evaluation ev(make_plan(p));
    const Result got = ev.evaluate(s);
    const Brute want = brute_force(ps);
    SCOPED_TRACE(describe(ps));
    ASSERT_EQ(ev.decide(s), want.decision);
    ASSERT_EQ(got.decision, want.decision);
    ASSERT_EQ(got.policies.size(), ps.size());
    std::vector<std::uint32_t> missing;
    for (std::size_t k = 0; k < ps.size(); ++k) {
      ASSERT_EQ(got.policies[k].decision, want.policies[k]) << "policy " << k;
      if (want.decision == Outcome::undetermined) {
        for (std::uint32_t r : want.pivotal[k]) missing.push_back(fact_of[k][r]);
      }
      wide += std::count(ps[k].status.begin(), ps[k].status.end(), St::no) + 64 < static_cast<long>(ps[k].size());
    }
    std::sort(missing.begin(), missing.end());
    ASSERT_EQ(got.missing, missing);
    ASSERT_EQ(got.next_question, missing.empty() ? kNone : missing.front());  // one fact per rule: a tie
    undetermined += want.decision == Outcome::undetermined;
  }
  EXPECT_GT(wide, 150);
  EXPECT_GT(undetermined, 80);
}

// ------------------------------------------------------------------------ relevance
// The definition, as a walk down the expression tree (named conditions expanded) with
// its own Kleene evaluation: a fact is relevant when a path of unknown sub-expressions
// leads to it from the rule's condition.

struct Val {
  bool known = false;
  std::int64_t v = 0;
};

Val eval_tree(const Program& p, const Scenario& s, std::uint32_t n) {
  const Node& node = p.nodes[n];
  auto boolean = [](std::optional<bool> b) { return b ? Val{true, *b ? 1 : 0} : Val{}; };
  auto kid = [&](std::uint32_t j) { return eval_tree(p, s, j); };
  switch (node.op) {
    case Op::const_bool:
    case Op::const_int: return {true, node.imm};
    case Op::fact: return s.known[node.a] ? Val{true, s.values[node.a]} : Val{};
    case Op::condition: return kid(node.a);
    case Op::and_:
    case Op::or_: {
      const bool is_and = node.op == Op::and_;
      bool unknown = false;
      for (std::uint32_t j = node.a; j < node.a + node.b; ++j) {
        const Val k = kid(p.operands[j]);
        if (!k.known) unknown = true;
        else if ((k.v != 0) != is_and) return boolean(!is_and);  // a false conjunct, a true disjunct
      }
      return unknown ? Val{} : boolean(is_and);
    }
    case Op::not_: {
      const Val k = kid(node.a);
      return k.known ? boolean(k.v == 0) : Val{};
    }
    case Op::in_values: {
      const Val k = kid(node.a);
      return k.known ? boolean(((node.imm >> k.v) & 1) != 0) : Val{};
    }
    default: break;
  }
  const Val a = kid(node.a), b = kid(node.b);
  if (!a.known || !b.known) return {};
  std::int64_t out = 0;
  switch (node.op) {
    case Op::eq: return boolean(a.v == b.v);
    case Op::ne: return boolean(a.v != b.v);
    case Op::lt: return boolean(a.v < b.v);
    case Op::le: return boolean(a.v <= b.v);
    case Op::gt: return boolean(a.v > b.v);
    case Op::ge: return boolean(a.v >= b.v);
    case Op::add: return __builtin_add_overflow(a.v, b.v, &out) ? Val{} : Val{true, out};
    case Op::sub: return __builtin_sub_overflow(a.v, b.v, &out) ? Val{} : Val{true, out};
    case Op::mul: return __builtin_mul_overflow(a.v, b.v, &out) ? Val{} : Val{true, out};
    default: break;
  }
  ADD_FAILURE() << "unexpected node";
  return {};
}

void relevant_tree(const Program& p, const Scenario& s, std::uint32_t n, std::set<std::uint32_t>& out) {
  if (eval_tree(p, s, n).known) return;
  const Node& node = p.nodes[n];
  switch (node.op) {
    case Op::const_bool:
    case Op::const_int: return;
    case Op::fact: out.insert(node.a); return;
    case Op::and_:
    case Op::or_:
      for (std::uint32_t j = node.a; j < node.a + node.b; ++j) relevant_tree(p, s, p.operands[j], out);
      return;
    case Op::not_:
    case Op::in_values:
    case Op::condition: relevant_tree(p, s, node.a, out); return;
    default:
      relevant_tree(p, s, node.a, out);
      relevant_tree(p, s, node.b, out);
  }
}

class RandomExpressions {
 public:
  explicit RandomExpressions(std::mt19937& rng) : rng_(rng) {
    for (int i = 0; i < 5; ++i) bools_.push_back(b_.fact("b" + std::to_string(i), b_.bool_type()));
    for (int i = 0; i < 2; ++i) ints_.push_back(b_.fact("n" + std::to_string(i), b_.int_type()));
    color_ = b_.enum_type("color", {"red", "green", "blue"});
    enum_ = b_.fact("e", color_);
    b_.policy("p");
    for (int r = 0; r < 6; ++r) {
      auto rule = b_.rule("r" + std::to_string(r), Effect::share, boolean(3));
      if (rng_() % 3 == 0) rule.unless(boolean(2));
    }
  }
  Program build() { return b_.build(); }
  std::vector<std::uint32_t> facts() const {
    std::vector<std::uint32_t> all = bools_;
    all.insert(all.end(), ints_.begin(), ints_.end());
    all.push_back(enum_);
    return all;
  }
  std::uint32_t enum_fact() const { return enum_; }

 private:
  std::uint32_t integer(int depth) {
    const auto pick = rng_() % (depth > 0 ? 5 : 3);
    if (pick == 0) return b_.num(static_cast<std::int64_t>(rng_() % 7) - 2);
    if (pick <= 2) return b_.f(ints_[rng_() % ints_.size()]);
    if (pick == 3) return b_.arith(rng_() % 2 ? Op::add : Op::sub, integer(depth - 1), integer(depth - 1));
    return b_.arith(Op::mul, integer(depth - 1), b_.num(static_cast<std::int64_t>(rng_() % 5) + 1));
  }
  std::uint32_t boolean(int depth) {
    const auto pick = rng_() % (depth > 0 ? 9 : 4);
    switch (pick) {
      case 0: return b_.lit(rng_() % 2 == 0);
      case 1:
        if (!conditions_.empty()) return conditions_[rng_() % conditions_.size()];
        [[fallthrough]];
      case 2: return b_.f(bools_[rng_() % bools_.size()]);
      case 3: {
        std::uint64_t mask = 1 + rng_() % 6;
        std::uint32_t e = b_.f(enum_);
        if (mask == 1) return b_.in(e, {"red"});
        if (mask == 2) return b_.in(e, {"green", "blue"});
        return b_.is(enum_, "blue");
      }
      case 4: return b_.neg(boolean(depth - 1));
      case 5:
      case 6: {
        std::vector<std::uint32_t> kids;
        for (std::uint32_t k = 0, n = 2 + rng_() % 4; k < n; ++k) kids.push_back(boolean(depth - 1));
        return pick == 5 ? b_.all(kids) : b_.any(kids);
      }
      case 7: {
        const Op ops[] = {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge};
        return b_.cmp(ops[rng_() % 6], integer(1), integer(1));
      }
      default: {
        // A named condition, used here and perhaps again later: the graph is a DAG.
        const std::uint32_t c = b_.condition("c" + std::to_string(conditions_.size()), boolean(depth - 1));
        conditions_.push_back(c);
        return c;
      }
    }
  }

  std::mt19937& rng_;
  test::ProgramBuilder b_;
  std::vector<std::uint32_t> bools_, ints_, conditions_;
  std::uint32_t color_ = 0, enum_ = 0;
};

TEST(Relevance, AgreesWithTheTreeDefinitionOnRandomExpressions) {
  std::mt19937 rng(11);
  int compared = 0, with_facts = 0, narrower = 0;
  for (int prog = 0; prog < 400; ++prog) {
    RandomExpressions gen(rng);
    const Program p = gen.build();
    Evaluation ev(make_plan(p));
    runtime::internal::RelevantFacts relevant(p);
    Result vr;  // the values the relevance walk reads, from each evaluation below
    auto value = [&](std::uint32_t n) { return vr.values.nodes[n]; };
    const runtime::internal::NodeValues values(value);
    for (int k = 0; k < 30; ++k) {
      Scenario s;
      s.reset(p.facts.size());
      s.set(kFactFrom, 0);
      s.set(kFactTo, 1);
      for (std::uint32_t f : gen.facts()) {
        if (rng() % 2) continue;
        std::int64_t v = static_cast<std::int64_t>(rng() % 2);
        if (f == gen.enum_fact()) v = static_cast<std::int64_t>(rng() % 3);
        else if (p.facts[f].type == p.int_type)
          v = rng() % 20 == 0 ? INT64_MAX - 1 : static_cast<std::int64_t>(rng() % 9) - 3;
        s.set(f, v);
      }
      ev.evaluate(s, vr, EvaluateOptions{.keep_values = true});
      std::vector<std::uint32_t> open, want_count(p.facts.size(), 0);
      for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
        const Rule& rule = p.rules[r];
        // The sweep and the tree agree on the condition (when and not unless).
        const Val when = eval_tree(p, s, rule.when);
        const Val unless = rule.unless == kNone ? Val{true, 0} : eval_tree(p, s, rule.unless);
        Tri want = Tri::unknown;
        if ((when.known && when.v == 0) || (unless.known && unless.v != 0)) want = Tri::false_;
        else if (when.known && unless.known) want = Tri::true_;
        ASSERT_EQ(vr.values.rules[r], want) << "rule " << r << " of program " << prog;
        if (want != Tri::unknown) continue;
        std::set<std::uint32_t> expected;
        relevant_tree(p, s, rule.when, expected);
        if (rule.unless != kNone) relevant_tree(p, s, rule.unless, expected);
        std::vector<std::uint32_t> got;
        relevant.of_rule(r, values, got);
        std::sort(got.begin(), got.end());
        ASSERT_EQ(got, std::vector<std::uint32_t>(expected.begin(), expected.end()))
            << "rule " << r << " of program " << prog << ": " << p.nodes[rule.when].text;
        ++compared;
        open.push_back(r);
        for (std::uint32_t f : expected) ++want_count[f];
        with_facts += !expected.empty();
        std::size_t unknown_mentioned = 0;
        for (std::uint32_t f : rule.facts) unknown_mentioned += !s.known[f];
        narrower += expected.size() < unknown_mentioned;
      }
      // All undetermined rules at once: how many of them each fact is relevant to.
      std::vector<std::uint32_t> count(p.facts.size(), 0), counted;
      relevant.count(open, values, count, counted);
      ASSERT_EQ(count, want_count) << "program " << prog;
      std::sort(counted.begin(), counted.end());
      std::vector<std::uint32_t> want_counted;
      for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
        if (want_count[f] > 0) want_counted.push_back(f);
      }
      ASSERT_EQ(counted, want_counted);
    }
  }
  EXPECT_GT(compared, 10000);
  EXPECT_GT(with_facts, 9000);
  EXPECT_GT(narrower, 2000);  // cases where relevance is narrower than "every unknown fact mentioned"
}

TEST(Relevance, CountsOverMoreRulesThanOneWordHolds) {
  // 150 rules sharing one condition: counted 64 at a time.
  test::ProgramBuilder b;
  const std::uint32_t x = b.fact("x", b.bool_type()), y = b.fact("y", b.bool_type());
  const std::uint32_t shared = b.condition("shared", b.any({b.f(x), b.f(y)}));
  b.policy("p");
  for (int r = 0; r < 150; ++r) b.rule("r" + std::to_string(r), Effect::share, r % 3 ? shared : b.f(y));
  const Program p = b.build();
  Evaluation ev(make_plan(p));
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  const Result vr = ev.evaluate(s, EvaluateOptions{.keep_values = true});
  auto value = [&](std::uint32_t n) { return vr.values.nodes[n]; };
  const runtime::internal::NodeValues values(value);
  runtime::internal::RelevantFacts relevant(p);
  std::vector<std::uint32_t> rules(150), count(p.facts.size(), 0), counted;
  for (std::uint32_t r = 0; r < 150; ++r) rules[r] = r;
  relevant.count(rules, values, count, counted);
  EXPECT_EQ(count[x], 100u);
  EXPECT_EQ(count[y], 150u);
  std::sort(counted.begin(), counted.end());
  EXPECT_EQ(counted, (std::vector<std::uint32_t>{x, y}));
}

TEST(Relevance, ALongChainOfConditionsDoesNotExhaustTheStack) {
  test::ProgramBuilder b;
  const std::uint32_t u = b.fact("u", b.bool_type()), k = b.fact("k", b.bool_type());
  std::uint32_t c = b.condition("c0", b.f(u));
  for (int i = 1; i < 20000; ++i) c = b.condition("c" + std::to_string(i), b.any({c, b.f(k)}));
  b.policy("p");
  b.rule("r", Effect::share, c);
  const Program p = b.build();
  Evaluation ev(make_plan(p));
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  s.set(k, 0);
  const Result r = ev.evaluate(s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (std::vector<std::uint32_t>{u}));
  EXPECT_EQ(r.next_question, u);
}

// ------------------------------------------------------------ the patterns

struct Flow {
  test::ProgramBuilder b;
  std::uint32_t a, bf, c, d;
  Flow() {
    a = b.fact("a", b.bool_type(), "Is a so?");
    bf = b.fact("b", b.bool_type(), "Is b so?");
    c = b.fact("c", b.bool_type());
    d = b.fact("d", b.bool_type());
  }
  static Scenario scenario(const Program& p) {
    Scenario s;
    s.reset(p.facts.size());
    s.set(kFactFrom, 0);
    s.set(kFactTo, 1);
    return s;
  }
};

Result run(const Program& p, const Scenario& s) {
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s);
  EXPECT_EQ(ev.decide(s), r.decision);
  return r;
}

using Ids = std::vector<std::uint32_t>;

TEST(UndeterminedPatterns, TwoRulesInTwoPoliciesThatMustApplyTogether) {
  // The sender may share for care, the receiver with consent: only both give share.
  // No single rule changes the decision, yet answering both questions could.
  Flow w;
  w.b.policy("sends", -1, Effect::deny);
  w.b.rule("for_care", Effect::share, w.b.f(w.a));
  w.b.policy("receives", -1, Effect::deny);
  w.b.rule("with_consent", Effect::share, w.b.f(w.bf));
  const Program p = w.b.build();
  Scenario s = Flow::scenario(p);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.a, w.bf}));
  EXPECT_EQ(r.next_question, w.a);  // a tie: the earlier declaration
  EXPECT_EQ(r.policies[0].decision, Outcome::undetermined);
  EXPECT_EQ(r.policies[1].decision, Outcome::undetermined);

  s.set(w.a, 0);  // the sender cannot share: deny whatever b is
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.next_question, kNone);
  EXPECT_EQ(r.policies[1].decision, Outcome::undetermined);  // on its own it could go either way
}

TEST(UndeterminedPatterns, TwoRulesEachBeatingOneOfTwoAppliedDenies) {
  Flow w;
  w.b.policy("p", -1, Effect::deny);
  const std::uint32_t d1 = w.b.rule("d1", Effect::deny, w.b.lit(true));
  const std::uint32_t d2 = w.b.rule("d2", Effect::deny, w.b.lit(true));
  w.b.rule("s1", Effect::share, w.b.f(w.a)).beats({d1});
  w.b.rule("s2", Effect::share, w.b.f(w.bf)).beats({d2});
  const Program p = w.b.build();
  Scenario s = Flow::scenario(p);
  Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);  // a and b true: both denies beaten, share
  EXPECT_EQ(r.missing, (Ids{w.a, w.bf}));
  EXPECT_EQ(r.policies[0].decision, Outcome::undetermined);
  s.set(w.bf, 0);
  r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::deny);  // d2 stands whatever a is
  EXPECT_TRUE(r.missing.empty());
}

TEST(UndeterminedPatterns, AFactInASettledBranchIsNotListed) {
  // a or (b and c), c false: b cannot matter.
  Flow w;
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("r", Effect::share, w.b.any({w.b.f(w.a), w.b.all({w.b.f(w.bf), w.b.f(w.c)})}));
  const Program p = w.b.build();
  Scenario s = Flow::scenario(p);
  s.set(w.c, 0);
  const Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.a}));
  EXPECT_EQ(r.next_question, w.a);
}

TEST(UndeterminedPatterns, TheNextQuestionMattersToTheMostPivotalRules) {
  Flow w;
  w.b.policy("p", -1, Effect::deny);
  w.b.rule("r1", Effect::share, w.b.all({w.b.f(w.bf), w.b.f(w.d)}));
  w.b.rule("r2", Effect::share, w.b.all({w.b.f(w.c), w.b.f(w.d)}));
  const Program p = w.b.build();
  const Result r = run(p, Flow::scenario(p));
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.bf, w.c, w.d}));
  EXPECT_EQ(r.next_question, w.d);  // relevant to both rules, though declared last
}

TEST(UndeterminedPatterns, OnlyPivotalRulesContributeFacts) {
  // `extra` is undetermined but cannot change the decision: share either way unless
  // `stop` applies.
  Flow w;
  w.b.policy("p", -1, Effect::share);
  w.b.rule("extra", Effect::share, w.b.f(w.c));
  w.b.rule("stop", Effect::deny, w.b.f(w.bf));
  const Program p = w.b.build();
  const Result r = run(p, Flow::scenario(p));
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_EQ(r.missing, (Ids{w.bf}));
  EXPECT_EQ(r.next_question, w.bf);
}

TEST(UndeterminedPatterns, AnOverflowIsUndeterminedWithNothingToAsk) {
  test::ProgramBuilder b;
  const std::uint32_t n = b.fact("n", b.int_type());
  b.policy("p", -1, Effect::deny);
  b.rule("big", Effect::share, b.cmp(Op::gt, b.arith(Op::add, b.f(n), b.num(1)), b.num(10)));
  const Program p = b.build();
  Scenario s = Flow::scenario(p);
  s.set(n, INT64_MAX);
  const Result r = run(p, s);
  EXPECT_EQ(r.decision, Outcome::undetermined);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.next_question, kNone);
}

}  // namespace
}  // namespace proviso
