// The justification trace is minimal: a true `and` keeps all its children, a false one
// only its false children, an unknown one only its unknown children; `or` symmetric.
#include <gtest/gtest.h>

#include <stdexcept>

#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/trace.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

using test::ProgramBuilder;

std::vector<std::string> names(const TraceNode& n) {
  std::vector<std::string> out;
  for (const TraceNode& c : n.children) out.push_back(c.name);
  return out;
}

using Names = std::vector<std::string>;

struct World {
  ProgramBuilder b;
  std::uint32_t x, y, z;
  World() {
    x = b.fact("x", b.bool_type(), "Is x so?", {{"dpb.q3", "Can the benefit be measured?"}});
    y = b.fact("y", b.bool_type(), "Is y so?");
    z = b.fact("z", b.bool_type());
  }
};

struct Traced {
  Program p;
  Scenario s;
  Result r;
  Trace t;
};

// One policy with one rule `r` whose `when` is the given node; facts set by `values`
// (-1 leaves a fact unknown).
Traced run(World& w, std::uint32_t when, std::vector<int> values, std::uint32_t unless = kNone) {
  w.b.policy("p", -1, Effect::deny);
  auto r = w.b.rule("r", Effect::share, when).because("Because it helps", {{"", "Caldicott principle 7"}});
  if (unless != kNone) r.unless(unless);
  Traced out;
  out.p = w.b.build();
  out.s.reset(out.p.facts.size());
  out.s.set(kFactFrom, 0);
  out.s.set(kFactTo, 1);
  const std::uint32_t facts[] = {w.x, w.y, w.z};
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] >= 0) out.s.set(facts[i], values[i]);
  }
  Evaluation ev(make_plan(out.p));
  ev.evaluate(out.s, out.r, EvaluateOptions{.keep_values = true});
  out.t = build_trace(out.p, out.s, out.r);
  return out;
}

const TraceNode& rule_node(const Traced& r) { return r.t.policies.at(0).children.at(0); }
const TraceNode& when_node(const Traced& r) { return rule_node(r).children.at(0); }

TEST(Trace, TrueAndKeepsAllChildren) {
  World w;
  auto n = w.b.all({w.b.f(w.x), w.b.f(w.y), w.b.f(w.z)});
  Traced r = run(w, n, {1, 1, 1});
  EXPECT_EQ(when_node(r).kind, TraceKind::and_);
  EXPECT_EQ(when_node(r).value, Tri::true_);
  EXPECT_EQ(names(when_node(r)), (Names{"x", "y", "z"}));
}

TEST(Trace, FalseAndKeepsOnlyFalseChildren) {
  World w;
  auto n = w.b.all({w.b.f(w.x), w.b.f(w.y), w.b.f(w.z)});
  Traced r = run(w, n, {0, 1, -1});
  EXPECT_EQ(when_node(r).value, Tri::false_);
  EXPECT_EQ(names(when_node(r)), (Names{"x"}));
}

TEST(Trace, UnknownAndKeepsOnlyUnknownChildren) {
  World w;
  auto n = w.b.all({w.b.f(w.x), w.b.f(w.y), w.b.f(w.z)});
  Traced r = run(w, n, {1, -1, -1});
  EXPECT_EQ(when_node(r).value, Tri::unknown);
  EXPECT_EQ(names(when_node(r)), (Names{"y", "z"}));
  EXPECT_EQ(when_node(r).children[0].value, Tri::unknown);
  EXPECT_EQ(when_node(r).children[0].display, "");
}

TEST(Trace, OrIsSymmetric) {
  World w;
  auto n = w.b.any({w.b.f(w.x), w.b.f(w.y), w.b.f(w.z)});
  Traced r = run(w, n, {0, 1, -1});
  EXPECT_EQ(names(when_node(r)), (Names{"y"}));  // true or: the true children

  World v;
  auto m = v.b.any({v.b.f(v.x), v.b.f(v.y), v.b.f(v.z)});
  r = run(v, m, {0, 0, 0});
  EXPECT_EQ(names(when_node(r)), (Names{"x", "y", "z"}));  // false or: all

  World u;
  auto k = u.b.any({u.b.f(u.x), u.b.f(u.y), u.b.f(u.z)});
  r = run(u, k, {0, -1, 0});
  EXPECT_EQ(names(when_node(r)), (Names{"y"}));  // unknown or: the unknown children
}

TEST(Trace, FactLeavesCarryValueQuestionAndCitations) {
  World w;
  auto n = w.b.all({w.b.f(w.x), w.b.f(w.y)});
  Traced r = run(w, n, {1, 1});
  const TraceNode& x = when_node(r).children[0];
  EXPECT_EQ(x.kind, TraceKind::fact);
  EXPECT_EQ(x.display, "true");
  EXPECT_EQ(x.text, "Is x so?");
  ASSERT_EQ(x.cites.size(), 1u);
  EXPECT_EQ(x.cites[0].ref, "dpb.q3");
}

TEST(Trace, ComparisonsShowTheirFactsAndHideConstants) {
  ProgramBuilder b;
  auto basis = b.enum_type("basis", {"explicit", "implied", "none"});
  auto consent = b.fact("consent", basis, "What consent is in place?");
  auto n = b.fact("n", b.int_type());
  auto m = b.fact("m", b.int_type());
  auto sum = b.cmp(Op::gt, b.arith(Op::add, b.f(n), b.arith(Op::mul, b.f(m), b.num(2))), b.num(10));
  auto when = b.all({b.is(consent, "implied"), sum, b.lit(true)});
  b.policy("p");
  b.rule("r", Effect::share, when);
  Program p = b.build();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 0);
  s.set(consent, 1);
  s.set(n, 3);
  s.set(m, 4);
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
  Trace t = build_trace(p, s, r);
  const TraceNode& w = t.policies[0].children[0].children[0];
  ASSERT_EQ(w.children.size(), 2u);  // the constant `true` is hidden
  const TraceNode& eq = w.children[0];
  EXPECT_EQ(eq.kind, TraceKind::compare);
  EXPECT_EQ(eq.name, "consent == implied");
  EXPECT_EQ(names(eq), (Names{"consent"}));
  EXPECT_EQ(eq.children[0].display, "implied");
  const TraceNode& gt = w.children[1];
  EXPECT_EQ(gt.name, "n + m * 2 > 10");
  EXPECT_EQ(names(gt), (Names{"n", "m"}));
  EXPECT_EQ(gt.children[1].display, "4");
}

TEST(Trace, AConstantThatIsTheWholeConditionIsShown) {
  World w;
  Traced r = run(w, w.b.lit(true), {});
  EXPECT_EQ(when_node(r).kind, TraceKind::constant);
  EXPECT_EQ(when_node(r).name, "true");
}

TEST(Trace, ConditionsCarryTheirDescriptionAndBody) {
  World w;
  auto body = w.b.all({w.b.f(w.x), w.b.f(w.y)});
  auto c = w.b.condition("both", body, "Both hold", {{"", "Caldicott principle 7"}});
  // The same condition twice in one rule is explained once.
  auto n = w.b.all({c, w.b.neg(w.b.neg(c))});
  Traced r = run(w, n, {1, 1});
  const TraceNode& first = when_node(r).children[0];
  EXPECT_EQ(first.kind, TraceKind::condition);
  EXPECT_EQ(first.name, "both");
  EXPECT_EQ(first.text, "Both hold");
  EXPECT_EQ(first.cites[0].text, "Caldicott principle 7");
  ASSERT_EQ(first.children.size(), 1u);
  EXPECT_EQ(names(first.children[0]), (Names{"x", "y"}));
  const TraceNode& again = when_node(r).children[1].children[0].children[0];
  EXPECT_EQ(again.name, "both");
  EXPECT_TRUE(again.children.empty());
}

TEST(Trace, RulesShowStatusEffectBecauseAndTheUnlessThatBlockedThem) {
  World w;
  Traced r = run(w, w.b.f(w.x), {1, 1}, w.b.f(w.y));
  const TraceNode& rule = rule_node(r);
  EXPECT_EQ(rule.kind, TraceKind::rule);
  EXPECT_EQ(rule.name, "r");
  EXPECT_EQ(rule.status, RuleStatus::not_applicable);
  EXPECT_EQ(rule.value, Tri::false_);
  EXPECT_EQ(rule.effect, Effect::share);
  EXPECT_EQ(rule.text, "Because it helps");
  ASSERT_EQ(rule.children.size(), 1u);  // `when` held; only the unless explains the failure
  EXPECT_EQ(rule.children[0].kind, TraceKind::not_);
  EXPECT_EQ(rule.children[0].text, "unless");
  EXPECT_EQ(rule.children[0].name, "unless y");
  EXPECT_EQ(rule.children[0].value, Tri::false_);
  EXPECT_EQ(rule.children[0].children[0].name, "y");

  World v;
  Traced applied = run(v, v.b.f(v.x), {1, 0}, v.b.f(v.y));
  EXPECT_EQ(rule_node(applied).status, RuleStatus::applied);
  EXPECT_EQ(rule_node(applied).children.size(), 2u);  // applied: both parts

  World u;
  Traced failed = run(u, u.b.f(u.x), {0, -1}, u.b.f(u.y));
  ASSERT_EQ(rule_node(failed).children.size(), 1u);  // `when` failed: the unless is noise
  EXPECT_EQ(rule_node(failed).children[0].name, "x");
}

TEST(Trace, PolicyNodesSayHowTheyDecided) {
  World w;
  Traced r = run(w, w.b.f(w.x), {0});
  const TraceNode& pol = r.t.policies.at(0);
  EXPECT_EQ(pol.kind, TraceKind::policy);
  EXPECT_EQ(pol.name, "p");
  EXPECT_EQ(pol.value, Tri::false_);
  EXPECT_EQ(pol.text, "decides deny by default");

  World v;
  Traced s = run(v, v.b.f(v.x), {1});
  EXPECT_EQ(s.t.policies.at(0).value, Tri::true_);
  EXPECT_EQ(s.t.policies.at(0).text, "decides share");
}

// How deep the tree under a node goes, counting the node.
std::size_t depth_of(const TraceNode& n) {
  std::size_t deepest = 0;
  for (const TraceNode& c : n.children) deepest = std::max(deepest, depth_of(c));
  return deepest + 1;
}

// A rule whose `when` is `not` nested `nots` deep around x.
Program not_chain(int nots) {
  World w;
  std::uint32_t when = w.b.f(w.x);
  for (int i = 0; i < nots; ++i) when = w.b.neg(when);
  w.b.policy("p");
  w.b.rule("r", Effect::share, when);
  return w.b.build();
}

Trace trace_of(const Program& p, const TraceOptions& options = {}) {
  Scenario s;
  s.reset(p.facts.size());
  Result r = Evaluation(make_plan(p)).evaluate(s, EvaluateOptions{.keep_values = true});
  return build_trace(p, s, r, options);
}

TEST(Trace, DeepConditionsAreCutAtTheDepthLimit) {
  // The `when` node sits at depth 1; a chain of n nots around a fact is n + 1 deep.
  auto when_of = [](const Trace& t) -> const TraceNode& { return t.policies.at(0).children.at(0).children.at(0); };
  const Program shallow = not_chain(3);
  EXPECT_EQ(depth_of(when_of(trace_of(shallow))), 4u);
  TraceOptions three;
  three.max_depth = 3;
  EXPECT_EQ(depth_of(when_of(trace_of(shallow, three))), 3u);

  const Program deep = not_chain(600);  // deeper than the default limit
  EXPECT_EQ(TraceOptions{}.max_depth, 512u);
  EXPECT_EQ(depth_of(when_of(trace_of(deep))), 512u);
}

// A trace cut at its depth limit says so, in every form; a whole one never does. And a
// title with control characters cannot reach a terminal or a record raw.
TEST(Trace, ACutTraceSaysSoInEveryForm) {
  auto render_all = [](const Program& p, const std::string& title) {
    Scenario s;
    s.reset(p.facts.size());
    s.set(kFactFrom, 0);
    s.set(kFactTo, 1);
    for (std::uint32_t f = 2; f < p.facts.size(); ++f) s.set(f, 1);  // x, y, z all true: the rule applies
    Result r = Evaluation(make_plan(p)).evaluate(s, EvaluateOptions{.keep_values = true});
    Trace t = build_trace(p, s, r);
    RenderContext c{p, s, r, &t, title, "2026-01-02T03:04:05Z"};
    return std::vector<std::string>{render_result_text(c), render_result_json(c), render_result_markdown(c)};
  };
  const std::vector<std::string> deep = render_all(not_chain(600), "deep \x1b[31mred\x07");
  EXPECT_NE(deep[0].find("the trace is cut here: it is deeper than its limit of 512 levels"), std::string::npos)
      << deep[0].substr(0, 400);
  EXPECT_NE(deep[1].find("\"cut\":true"), std::string::npos);
  EXPECT_NE(deep[2].find("the trace is cut here"), std::string::npos);
  EXPECT_EQ(deep[0].find('\x1b'), std::string::npos);
  EXPECT_EQ(deep[2].find('\x1b'), std::string::npos);
  EXPECT_NE(deep[0].find("deep \\x1b[31mred\\x07"), std::string::npos);
  for (const std::string& shallow : render_all(not_chain(3), "shallow")) {
    EXPECT_EQ(shallow.find("cut"), std::string::npos) << shallow;
  }
}

// The trace reads only the result it is given: evaluating B after A and then tracing A
// from A's result gives A's trace, never B's.
TEST(Trace, ComesFromItsOwnResultNotFromTheLastEvaluation) {
  World w;
  w.b.policy("p");
  w.b.rule("r", Effect::share, w.b.all({w.b.f(w.x), w.b.f(w.y)}));
  const Program p = w.b.build();
  Scenario a, b;
  a.reset(p.facts.size());
  a.set(w.x, 1);
  a.set(w.y, 1);
  b.reset(p.facts.size());
  b.set(w.x, 0);

  auto json = [&](const Scenario& s, const Result& r, const Trace& t) {
    return render_result_json({p, s, r, &t, {}, {}});
  };
  Evaluation alone(make_plan(p));
  const Result only_a = alone.evaluate(a, EvaluateOptions{.keep_values = true});
  const std::string expected = json(a, only_a, build_trace(p, a, only_a));

  Evaluation ev(make_plan(p));
  const Result ra = ev.evaluate(a, EvaluateOptions{.keep_values = true});
  const Result rb = ev.evaluate(b, EvaluateOptions{.keep_values = true});
  const std::string traced_b = json(b, rb, build_trace(p, b, rb));
  ASSERT_NE(traced_b, expected);  // otherwise the test could not tell them apart
  EXPECT_EQ(json(a, ra, build_trace(p, a, ra)), expected);
}

TEST(Trace, NeedsTheNodeValuesOfTheResult) {
  World w;
  w.b.policy("p");
  w.b.rule("r", Effect::share, w.b.f(w.x));
  const Program p = w.b.build();
  Scenario s;
  s.reset(p.facts.size());
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s);
  EXPECT_TRUE(r.values.empty());
  EXPECT_THROW(build_trace(p, s, r), std::invalid_argument);

  // A reused result keeps no values of an earlier evaluation.
  ev.evaluate(s, r, EvaluateOptions{.keep_values = true});
  EXPECT_EQ(r.values.nodes.size(), p.nodes.size());
  EXPECT_EQ(r.values.rules.size(), p.rules.size());
  EXPECT_NO_THROW(build_trace(p, s, r));
  ev.evaluate(s, r);
  EXPECT_TRUE(r.values.empty());
  EXPECT_THROW(build_trace(p, s, r), std::invalid_argument);

  // A result of another program is refused, not read out of bounds.
  const Program other = not_chain(2);
  Result foreign = Evaluation(make_plan(other)).evaluate(s, EvaluateOptions{.keep_values = true});
  EXPECT_THROW(build_trace(p, s, foreign), std::invalid_argument);
}

}  // namespace
}  // namespace proviso
