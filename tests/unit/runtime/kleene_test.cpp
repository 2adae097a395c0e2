// Kleene three-valued logic of the forward sweep (language.md section 6).
#include <gtest/gtest.h>

#include <limits>

#include "proviso/runtime/evaluate.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

using test::ProgramBuilder;

// Three bool facts x, y, z; each can be set false, true or left unknown.
struct Fixture {
  ProgramBuilder b;
  std::uint32_t x, y, z;
  Fixture() {
    x = b.fact("x", b.bool_type());
    y = b.fact("y", b.bool_type());
    z = b.fact("z", b.bool_type());
  }
};

void set_tri(Scenario& s, std::uint32_t fact, Tri t) {
  if (t != Tri::unknown) s.set(fact, t == Tri::true_ ? 1 : 0);
}

// Every node's value after evaluating `s`.
NodeValues values_of(Evaluation& ev, const Scenario& s) {
  return ev.evaluate(s, EvaluateOptions{.keep_values = true}).values;
}

constexpr Tri F = Tri::false_, T = Tri::true_, U = Tri::unknown;

struct Binary {
  Tri a, b, expect;
};

TEST(Kleene, AndTruthTable) {
  const Binary table[] = {{F, F, F}, {F, T, F}, {F, U, F}, {T, F, F}, {T, T, T},
                          {T, U, U}, {U, F, F}, {U, T, U}, {U, U, U}};
  Fixture fx;
  auto n = fx.b.all({fx.b.f(fx.x), fx.b.f(fx.y)});
  Program p = fx.b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  for (const Binary& row : table) {
    Scenario s;
    s.reset(p.facts.size());
    set_tri(s, fx.x, row.a);
    set_tri(s, fx.y, row.b);
    v = values_of(ev, s);
    EXPECT_EQ(v.nodes.at(n), row.expect) << int(row.a) << " and " << int(row.b);
  }
}

TEST(Kleene, OrTruthTable) {
  const Binary table[] = {{F, F, F}, {F, T, T}, {F, U, U}, {T, F, T}, {T, T, T},
                          {T, U, T}, {U, F, U}, {U, T, T}, {U, U, U}};
  Fixture fx;
  auto n = fx.b.any({fx.b.f(fx.x), fx.b.f(fx.y)});
  Program p = fx.b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  for (const Binary& row : table) {
    Scenario s;
    s.reset(p.facts.size());
    set_tri(s, fx.x, row.a);
    set_tri(s, fx.y, row.b);
    v = values_of(ev, s);
    EXPECT_EQ(v.nodes.at(n), row.expect) << int(row.a) << " or " << int(row.b);
  }
}

TEST(Kleene, NotTruthTable) {
  Fixture fx;
  auto n = fx.b.neg(fx.b.f(fx.x));
  Program p = fx.b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  const std::pair<Tri, Tri> table[] = {{F, T}, {T, F}, {U, U}};
  for (auto [in, expect] : table) {
    Scenario s;
    s.reset(p.facts.size());
    set_tri(s, fx.x, in);
    v = values_of(ev, s);
    EXPECT_EQ(v.nodes.at(n), expect);
  }
}

TEST(Kleene, NaryAndOrMixUnknownsAndFalsehoods) {
  Fixture fx;
  auto conj = fx.b.all({fx.b.f(fx.x), fx.b.f(fx.y), fx.b.f(fx.z)});
  auto disj = fx.b.any({fx.b.f(fx.x), fx.b.f(fx.y), fx.b.f(fx.z)});
  Program p = fx.b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  Scenario s;
  s.reset(p.facts.size());
  s.set(fx.y, 0);  // x unknown, y false, z unknown
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(conj), F);  // one false settles an and, whatever is unknown
  EXPECT_EQ(v.nodes.at(disj), U);
  s.set(fx.z, 1);
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(disj), T);  // one true settles an or
}

TEST(Kleene, ComparisonsWithAnUnknownOperandAreUnknown) {
  ProgramBuilder b;
  auto n = b.fact("n", b.int_type());
  auto m = b.fact("m", b.int_type());
  const Op ops[] = {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge};
  std::vector<std::uint32_t> nodes;
  for (Op op : ops) nodes.push_back(b.cmp(op, b.f(n), b.f(m)));
  Program p = b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  Scenario s;
  s.reset(p.facts.size());
  s.set(n, 3);
  v = values_of(ev, s);
  for (auto node : nodes) EXPECT_EQ(v.nodes.at(node), U) << p.nodes[node].text;
  s.set(m, 5);
  v = values_of(ev, s);
  const Tri expect[] = {F, T, T, T, F, F};  // 3 vs 5
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    EXPECT_EQ(v.nodes.at(nodes[i]), expect[i]) << p.nodes[nodes[i]].text;
  }
}

TEST(Kleene, ArithmeticPropagatesUnknownAndOverflowIsUnknown) {
  ProgramBuilder b;
  auto n = b.fact("n", b.int_type());
  auto sum = b.arith(Op::add, b.f(n), b.num(1));
  auto big = b.cmp(Op::gt, sum, b.num(0));
  auto twice = b.cmp(Op::gt, b.arith(Op::mul, b.f(n), b.num(2)), b.num(0));
  auto low = b.cmp(Op::lt, b.arith(Op::sub, b.f(n), b.num(1)), b.num(0));
  auto exact = b.cmp(Op::eq, sum, b.num(42));
  Program p = b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  Scenario s;
  s.reset(p.facts.size());
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(big), U);

  s.set(n, 41);
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(exact), T);
  EXPECT_EQ(v.nodes.at(sum), T);  // an int node reads as known and nonzero
  EXPECT_EQ(v.nodes.at(big), T);
  EXPECT_EQ(v.nodes.at(twice), T);
  EXPECT_EQ(v.nodes.at(low), F);

  // The language's choice: a result outside 64 bits is unknown, never wrapped.
  s.set(n, std::numeric_limits<std::int64_t>::max());
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(big), U);
  EXPECT_EQ(v.nodes.at(twice), U);
  EXPECT_EQ(v.nodes.at(low), F);
  s.set(n, std::numeric_limits<std::int64_t>::min());
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(low), U);
  EXPECT_EQ(v.nodes.at(big), F);
}

TEST(Kleene, EnumMembershipAndSetsFollowTheirOperands) {
  ProgramBuilder b;
  auto kind = b.enum_type("kind", {"a", "b", "c"});
  auto k = b.fact("k", kind);
  auto ks = b.fact("ks", b.set_type(kind));
  auto in_ab = b.in(b.f(k), {"a", "b"});
  auto has_c = b.has(b.f(ks), b.value(kind, "c"));
  auto has_k = b.has(b.f(ks), b.f(k));
  Program p = b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  Scenario s;
  s.reset(p.facts.size());
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(in_ab), U);
  EXPECT_EQ(v.nodes.at(has_c), U);
  s.set(k, 2);        // c
  s.set(ks, 0b101);   // {a, c}
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(in_ab), F);
  EXPECT_EQ(v.nodes.at(has_c), T);
  EXPECT_EQ(v.nodes.at(has_k), T);
  s.set(k, 1);  // b
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(in_ab), T);
  EXPECT_EQ(v.nodes.at(has_k), F);
}

TEST(Kleene, ConditionNodesReadAsTheirBody) {
  Fixture fx;
  auto body = fx.b.all({fx.b.f(fx.x), fx.b.f(fx.y)});
  auto c = fx.b.condition("both", body);
  auto outer = fx.b.condition("again", c);
  auto use = fx.b.neg(outer);
  Program p = fx.b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  Scenario s;
  s.reset(p.facts.size());
  s.set(fx.x, 1);
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(c), U);
  EXPECT_EQ(v.nodes.at(outer), U);
  s.set(fx.y, 1);
  v = values_of(ev, s);
  EXPECT_EQ(v.nodes.at(c), T);
  EXPECT_EQ(v.nodes.at(outer), T);
  EXPECT_EQ(v.nodes.at(use), F);
}

TEST(Kleene, RuleConditionIsWhenAndNotUnless) {
  // when \ unless: F T U (and a rule without unless)
  struct Row {
    Tri when, unless, expect;
  };
  const Row table[] = {{F, F, F}, {F, T, F}, {F, U, F}, {T, F, T}, {T, T, F},
                       {T, U, U}, {U, F, U}, {U, T, F}, {U, U, U}};
  Fixture fx;
  fx.b.policy("p");
  auto r = fx.b.rule("r", Effect::share, fx.b.f(fx.x)).unless(fx.b.f(fx.y));
  auto plain = fx.b.rule("plain", Effect::share, fx.b.f(fx.x));
  Program p = fx.b.build();
  Evaluation ev(make_plan(p));
  NodeValues v;
  for (const Row& row : table) {
    Scenario s;
    s.reset(p.facts.size());
    set_tri(s, fx.x, row.when);
    set_tri(s, fx.y, row.unless);
    v = values_of(ev, s);
    EXPECT_EQ(v.rules.at(r), row.expect) << int(row.when) << " unless " << int(row.unless);
    EXPECT_EQ(v.rules.at(plain), row.when);
  }
}

}  // namespace
}  // namespace proviso
