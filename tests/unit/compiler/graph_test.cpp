// The condition graph: cycle paths, override cycles, topological order, rule fact
// sets, the transitive overrides relation, and DOT (escaping, filtering, validity).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "proviso/compiler/graph.hpp"
#include "sema_test_util.hpp"

namespace proviso::test {
namespace {

constexpr std::uint32_t L = kFirstLine;

GraphVertex vertex(GraphVertexKind kind, std::uint32_t id, std::string name, std::string detail = {},
                   std::string tooltip = {}) {
  return GraphVertex{kind, id, std::move(name), std::move(detail), std::move(tooltip), kNone};
}

// ---------------------------------------------------------------- the class itself

TEST(ConditionGraph, CyclePathStartsAtTheEarliestVertexAndIsShortest) {
  ConditionGraph g;
  auto f = g.add_vertex(vertex(GraphVertexKind::fact, 2, "x"));
  auto a = g.add_vertex(vertex(GraphVertexKind::condition, 0, "a"));
  auto b = g.add_vertex(vertex(GraphVertexKind::condition, 1, "b"));
  auto c = g.add_vertex(vertex(GraphVertexKind::condition, 2, "c"));
  auto d = g.add_vertex(vertex(GraphVertexKind::condition, 3, "d"));
  // b -> c -> a -> b, plus a longer way round a -> d -> c.
  g.add_dependency(b, c);
  g.add_dependency(c, a);
  g.add_dependency(a, d);
  g.add_dependency(d, c);
  g.add_dependency(a, b);
  g.add_dependency(a, f);
  g.finish();
  ASSERT_EQ(g.dependency_cycles().size(), 1u);
  EXPECT_EQ(g.dependency_cycles()[0], (std::vector<std::uint32_t>{a, d, c}));
  EXPECT_TRUE(g.condition_order().empty());
}

TEST(ConditionGraph, SelfLoopsAndSeparateCycles) {
  ConditionGraph g;
  auto a = g.add_vertex(vertex(GraphVertexKind::condition, 0, "a"));
  auto b = g.add_vertex(vertex(GraphVertexKind::condition, 1, "b"));
  auto c = g.add_vertex(vertex(GraphVertexKind::condition, 2, "c"));
  g.add_dependency(a, a);
  g.add_dependency(b, c);
  g.add_dependency(c, b);
  g.add_dependency(b, c);  // a duplicate edge changes nothing
  g.finish();
  ASSERT_EQ(g.dependency_cycles().size(), 2u);
  EXPECT_EQ(g.dependency_cycles()[0], (std::vector<std::uint32_t>{a}));
  EXPECT_EQ(g.dependency_cycles()[1], (std::vector<std::uint32_t>{b, c}));
  EXPECT_EQ(g.dependencies(b).size(), 1u);
}

TEST(ConditionGraph, TopologicalOrderPutsDependenciesFirstAndKeepsSourceOrderOtherwise) {
  ConditionGraph g;
  auto a = g.add_vertex(vertex(GraphVertexKind::condition, 0, "a"));
  auto b = g.add_vertex(vertex(GraphVertexKind::condition, 1, "b"));
  auto c = g.add_vertex(vertex(GraphVertexKind::condition, 2, "c"));
  auto d = g.add_vertex(vertex(GraphVertexKind::condition, 3, "d"));
  g.add_dependency(a, c);  // a uses c, declared later
  g.add_dependency(c, d);
  (void)b;
  g.finish();
  EXPECT_TRUE(g.dependency_cycles().empty());
  EXPECT_EQ(g.condition_order(), (std::vector<std::uint32_t>{3, 2, 0, 1}));
  EXPECT_EQ(g.condition_order_names(), (std::vector<std::string>{"d", "c", "a", "b"}));
}

TEST(ConditionGraph, DuplicateEdgesAreIgnoredPastTheShortListsToo) {
  // Up to 16 edges a vertex's list is scanned for duplicates; past that a set is kept.
  ConditionGraph g;
  auto user = g.add_vertex(vertex(GraphVertexKind::condition, 0, "user"));
  std::vector<std::uint32_t> facts;
  for (std::uint32_t i = 0; i < 40; ++i) {
    facts.push_back(g.add_vertex(vertex(GraphVertexKind::fact, i, "f" + std::to_string(i))));
  }
  for (int round = 0; round < 3; ++round) {
    for (std::uint32_t f : facts) g.add_dependency(user, f);
  }
  g.add_dependency(user, facts[3]);
  g.add_dependency(user, facts[30]);
  g.finish();
  EXPECT_EQ(g.dependencies(user), facts);  // once each, in the order first added
  for (std::uint32_t f : facts) EXPECT_EQ(g.users(f), (std::vector<std::uint32_t>{user}));
}

TEST(ConditionGraph, OrderFollowsEdgesInTheOrderTheyWereAdded) {
  // Depth first from a: its first edge leads to c, then d (d finishes, then c); its
  // second to b, whose d is done (b finishes, then a); e stands alone.
  ConditionGraph g;
  auto a = g.add_vertex(vertex(GraphVertexKind::condition, 0, "a"));
  auto b = g.add_vertex(vertex(GraphVertexKind::condition, 1, "b"));
  auto c = g.add_vertex(vertex(GraphVertexKind::condition, 2, "c"));
  auto d = g.add_vertex(vertex(GraphVertexKind::condition, 3, "d"));
  auto e = g.add_vertex(vertex(GraphVertexKind::condition, 4, "e"));
  g.add_dependency(a, c);
  g.add_dependency(a, b);
  g.add_dependency(b, d);
  g.add_dependency(c, d);
  (void)e;
  g.finish();
  EXPECT_EQ(g.condition_order(), (std::vector<std::uint32_t>{3, 2, 1, 0, 4}));
}

TEST(ConditionGraph, LongChainsNeedNoDeepRecursion) {
  // Cycle finding and ordering walk with their own stacks: a chain of 200,000
  // conditions is ordered and its closing cycle found without exhausting the stack.
  constexpr std::uint32_t n = 200000;
  ConditionGraph g;
  for (std::uint32_t i = 0; i < n; ++i) g.add_vertex(vertex(GraphVertexKind::condition, i, "c" + std::to_string(i)));
  for (std::uint32_t i = 0; i + 1 < n; ++i) g.add_dependency(i, i + 1);
  g.finish();
  ASSERT_EQ(g.condition_order().size(), n);
  EXPECT_EQ(g.condition_order().front(), n - 1);
  EXPECT_EQ(g.condition_order().back(), 0u);

  ConditionGraph cyclic;
  for (std::uint32_t i = 0; i < n; ++i) {
    cyclic.add_vertex(vertex(GraphVertexKind::condition, i, "c" + std::to_string(i)));
  }
  for (std::uint32_t i = 0; i < n; ++i) cyclic.add_dependency(i, (i + 1) % n);
  cyclic.finish();
  ASSERT_EQ(cyclic.dependency_cycles().size(), 1u);
  EXPECT_EQ(cyclic.dependency_cycles()[0].size(), n);
  EXPECT_EQ(cyclic.dependency_cycles()[0].front(), 0u);
  EXPECT_TRUE(cyclic.condition_order().empty());
}

TEST(ConditionGraph, RuleFactsAreTransitiveAndAscending) {
  ConditionGraph g;
  auto f3 = g.add_vertex(vertex(GraphVertexKind::fact, 3, "f3"));
  auto f2 = g.add_vertex(vertex(GraphVertexKind::fact, 2, "f2"));
  auto f4 = g.add_vertex(vertex(GraphVertexKind::fact, 4, "f4"));
  auto c0 = g.add_vertex(vertex(GraphVertexKind::condition, 0, "c0"));
  auto c1 = g.add_vertex(vertex(GraphVertexKind::condition, 1, "c1"));
  auto r = g.add_vertex(vertex(GraphVertexKind::rule, 0, "p.r"));
  g.add_dependency(c1, f3);
  g.add_dependency(c1, f2);
  g.add_dependency(c0, c1);
  g.add_dependency(r, c0);
  g.add_dependency(r, f3);
  (void)f4;
  g.finish();
  EXPECT_EQ(g.rule_facts(r), (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(g.rule_fact_names("p.r"), (std::vector<std::string>{"f2", "f3"}));
  EXPECT_TRUE(g.rule_fact_names("p.nope").empty());
}

TEST(ConditionGraph, BeatenByIsTheTransitiveClosureOfOverrides) {
  ConditionGraph g;
  std::vector<std::uint32_t> r;
  for (std::uint32_t i = 0; i < 5; ++i) r.push_back(g.add_vertex(vertex(GraphVertexKind::rule, i, "p.r" + std::to_string(i))));
  g.add_override(r[3], r[2]);  // r3 beats r2, r2 beats r1 and r0, r1 beats r0
  g.add_override(r[2], r[1]);
  g.add_override(r[2], r[0]);
  g.add_override(r[1], r[0]);
  g.finish();
  EXPECT_TRUE(g.override_cycles().empty());
  EXPECT_EQ(g.beaten_by(r[0]), (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(g.beaten_by(r[1]), (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(g.beaten_by(r[2]), (std::vector<std::uint32_t>{3}));
  EXPECT_TRUE(g.beaten_by(r[3]).empty());
  EXPECT_TRUE(g.beaten_by(r[4]).empty());
}

TEST(ConditionGraph, OverrideCyclesAreSeparateFromDependencies) {
  ConditionGraph g;
  auto r0 = g.add_vertex(vertex(GraphVertexKind::rule, 0, "p.a"));
  auto r1 = g.add_vertex(vertex(GraphVertexKind::rule, 1, "p.b"));
  g.add_override(r0, r1);
  g.add_override(r1, r0);
  g.finish();
  EXPECT_TRUE(g.dependency_cycles().empty());
  ASSERT_EQ(g.override_cycles().size(), 1u);
  EXPECT_EQ(g.override_cycles()[0], (std::vector<std::uint32_t>{r0, r1}));
}

TEST(ConditionGraph, FactWalksStopAtTheirBudget) {
  ConditionGraph g;
  auto fact = g.add_vertex(vertex(GraphVertexKind::fact, 2, "f"));
  std::uint32_t previous = fact;
  for (std::uint32_t i = 0; i < 100; ++i) {
    auto c = g.add_vertex(vertex(GraphVertexKind::condition, i, "c" + std::to_string(i)));
    g.add_dependency(c, previous);
    previous = c;
  }
  std::vector<std::uint32_t> rules;
  for (std::uint32_t i = 0; i < 10; ++i) {
    rules.push_back(g.add_vertex(vertex(GraphVertexKind::rule, i, "p.r" + std::to_string(i))));
    g.add_dependency(rules.back(), previous);
  }
  g.finish(500);  // each rule's walk takes 101 steps: the fifth goes over
  EXPECT_EQ(g.closure_overflow(), rules[4]);
  EXPECT_TRUE(g.rule_facts(rules[0]).empty()) << "no partial answers";
  g.finish();
  EXPECT_EQ(g.closure_overflow(), kNone);
  EXPECT_EQ(g.rule_facts(rules[9]), (std::vector<std::uint32_t>{2}));
}

TEST(ConditionGraph, OverrideWalksStopAtTheirBudget) {
  ConditionGraph g;
  std::vector<std::uint32_t> rules;
  for (std::uint32_t i = 0; i < 100; ++i) {
    rules.push_back(g.add_vertex(vertex(GraphVertexKind::rule, i, "p.r" + std::to_string(i))));
    if (i > 0) g.add_override(rules[i], rules[i - 1]);
  }
  g.finish(1000);  // r0 is beaten by 99 rules, r1 by 98, ...: past 1000 at r10
  EXPECT_EQ(g.closure_overflow(), rules[10]);
  EXPECT_TRUE(g.beaten_by(rules[0]).empty());
  g.finish();
  EXPECT_EQ(g.beaten_by(rules[0]).size(), 99u);
}

TEST(ConditionGraph, QueriesBeforeFinishAreAnError) {
  ConditionGraph g;
  g.add_vertex(vertex(GraphVertexKind::condition, 0, "a"));
  EXPECT_THROW(g.condition_order(), std::logic_error);
}

// ---------------------------------------------------------------- DOT

TEST(GraphDot, EscapesQuotesBackslashesAndLineBreaks) {
  EXPECT_EQ(compiler::internal::dot_escape("a\"b\\c\nd\re\tf"), "a\\\"b\\\\c\\nde f");
  ConditionGraph g;
  g.add_vertex(vertex(GraphVertexKind::fact, 2, "odd", "bool", "say \"why\"\\ \nnow"));
  g.finish();
  std::string dot = g.to_dot();
  EXPECT_NE(dot.find("tooltip=\"say \\\"why\\\"\\\\ \\nnow\""), std::string::npos) << dot;
}

TEST(GraphDot, WholeGraphInSourceOrder) {
  ConditionGraph g;
  auto f = g.add_vertex(vertex(GraphVertexKind::fact, 2, "consent", "consent_basis"));
  auto c = g.add_vertex(vertex(GraphVertexKind::condition, 0, "ok"));
  auto p = g.add_vertex(GraphVertex{GraphVertexKind::policy, 0, "pol", {}, {}, 0});
  auto r = g.add_vertex(GraphVertex{GraphVertexKind::rule, 0, "pol.r", "share", {}, 0});
  auto s = g.add_vertex(GraphVertex{GraphVertexKind::rule, 1, "pol.s", "deny", {}, 0});
  g.add_dependency(c, f);
  g.add_dependency(p, r);
  g.add_dependency(p, s);
  g.add_dependency(r, c);
  g.add_override(s, r);
  g.finish();
  EXPECT_EQ(g.to_dot(),
            "digraph G {\n"
            "rankdir=LR;\n"
            "0[label=\"consent\\nconsent_basis\",shape=ellipse];\n"
            "1[label=\"ok\",shape=box];\n"
            "2[label=\"pol\",shape=folder];\n"
            "3[label=\"pol.r\\nshare\",shape=box,style=rounded,color=darkgreen];\n"
            "4[label=\"pol.s\\ndeny\",shape=box,style=rounded,color=red3];\n"
            "1->0 ;\n"
            "2->3 ;\n"
            "2->4 ;\n"
            "3->1 ;\n"
            "4->3 [style=dashed,color=red3,label=\"overrides\"];\n"
            "}\n");
}

// ---------------------------------------------------------------- through the compiler

const char* const kBundle =
    "fact spare: bool\n"                                            // L
    "condition care = purpose == direct_care\n"                     // L+1
    "condition lawful = care or consent == explicit\n"              // L+2
    "condition big = people > 100\n"                                // L+3
    "policy alpha {\n"                                              // L+4
    "  rule r1: share when lawful\n"
    "  rule r2: refer when big overrides r1\n"
    "  rule r3: deny when spare and not big overrides r2\n"
    "}\n"
    "policy beta { rule only: deny when people > 5 unless care }\n";

TEST(GraphCompiled, FactsOfRulesAndTopologicalOrder) {
  Compilation c = compile_ok(std::string(kPrelude) + kBundle);
  ASSERT_TRUE(c.graph);
  const ConditionGraph& g = *c.graph;
  EXPECT_EQ(g.condition_order_names(), (std::vector<std::string>{"care", "lawful", "big"}));
  // Declaration order: consent, purpose, people, spare.
  EXPECT_EQ(g.rule_fact_names("alpha.r1"), (std::vector<std::string>{"consent", "purpose"}));
  EXPECT_EQ(g.rule_fact_names("alpha.r3"), (std::vector<std::string>{"people", "spare"}));
  EXPECT_EQ(g.rule_fact_names("beta.only"), (std::vector<std::string>{"purpose", "people"}));
  EXPECT_TRUE(g.has_policy("alpha"));
  EXPECT_FALSE(g.has_policy("gamma"));
  EXPECT_TRUE(g.has_rule("beta.only"));
  EXPECT_FALSE(g.has_rule("alpha.only"));
}

TEST(GraphCompiled, ConditionCycleIsOneDiagnosticWithThePath) {
  Compilation c = compile_with_prelude(
      "condition a = b and people > 1\n"
      "condition b = consent == none or c\n"
      "condition c = a\n"
      "policy p { rule r: deny when a }\n");
  Diagnostic d = only(c, Code::cycle);
  EXPECT_EQ(d.message, "conditions depend on each other in a cycle: a -> b -> c -> a");
  EXPECT_EQ(d.location.line, L);
  EXPECT_EQ(d.location.column, 11u);
  ASSERT_EQ(d.notes.size(), 3u);
  EXPECT_EQ(d.notes[0].message, "'a' uses 'b' here");
  EXPECT_EQ(d.notes[0].location.line, L);
  EXPECT_EQ(d.notes[0].location.column, 15u);
  EXPECT_EQ(d.notes[1].message, "'b' uses 'c' here");
  EXPECT_EQ(d.notes[1].location.line, L + 1);
  EXPECT_EQ(d.notes[1].location.column, 34u);
  EXPECT_EQ(d.notes[2].message, "'c' uses 'a' here");
  EXPECT_EQ(d.notes[2].location.line, L + 2);
  EXPECT_FALSE(c.program);
  ASSERT_TRUE(c.graph) << "the graph is kept to draw the cycle";
  EXPECT_TRUE(c.graph->condition_order().empty());
}

TEST(GraphCompiled, OverrideCycleNamesRulesWithTheirPolicy) {
  Compilation c = compile_with_prelude(
      "policy p {\n"
      "  rule r1: deny when true overrides r3\n"
      "  rule r2: share when true overrides r1\n"
      "  rule r3: refer when true overrides r2\n"
      "  rule me: deny when true overrides me\n"
      "}\n");
  auto found = with_code(c, Code::override_cycle);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "rules override each other in a cycle: p.r1 -> p.r3 -> p.r2 -> p.r1");
  EXPECT_EQ(found[0]->location.line, L + 1);
  EXPECT_EQ(found[0]->location.column, 8u);
  ASSERT_EQ(found[0]->notes.size(), 3u);
  EXPECT_EQ(found[0]->notes[0].message, "'r1' overrides 'r3' here");
  EXPECT_EQ(found[0]->notes[0].location.column, 37u);
  EXPECT_EQ(found[1]->message, "rules override each other in a cycle: p.me -> p.me");
}

TEST(GraphCompiled, DotFiltersToAPolicyOrARule) {
  Compilation c = compile_ok(std::string(kPrelude) + kBundle);
  ASSERT_TRUE(c.graph);
  const ConditionGraph& g = *c.graph;
  std::string beta = g.to_dot("beta");
  EXPECT_NE(beta.find("label=\"beta\""), std::string::npos);
  EXPECT_NE(beta.find("label=\"beta.only\\ndeny\""), std::string::npos);
  EXPECT_NE(beta.find("label=\"care\""), std::string::npos);
  EXPECT_EQ(beta.find("alpha"), std::string::npos);
  EXPECT_EQ(beta.find("lawful"), std::string::npos);

  std::string r3 = g.to_dot("alpha", "r3");
  EXPECT_EQ(r3, g.to_dot({}, "alpha.r3"));
  EXPECT_NE(r3.find("label=\"spare\\nbool\""), std::string::npos);
  EXPECT_NE(r3.find("label=\"big\""), std::string::npos);
  EXPECT_EQ(r3.find("label=\"alpha\""), std::string::npos) << "a rule's closure holds no policy";
  EXPECT_EQ(r3.find("overrides"), std::string::npos) << "r2 is not in r3's closure";

  EXPECT_EQ(g.to_dot("gamma"), "digraph G {\nrankdir=LR;\n}\n");
}

TEST(GraphCompiled, DotOutputIsAcceptedByGraphviz) {
  if (std::system("command -v dot > /dev/null 2>&1") != 0) GTEST_SKIP() << "Graphviz is not installed";
  Compilation c = compile_ok(std::string(kPrelude) + kBundle +
                             "condition odd = people > 1 \"A \\\"quoted\\\" \\\\ description\\nover lines\"\n"
                             "policy gamma { rule g: share when odd }\n");
  ASSERT_TRUE(c.graph);
  std::string path = ::testing::TempDir() + "proviso_graph_test.dot";
  std::ofstream(path) << c.graph->to_dot();
  EXPECT_EQ(std::system(("dot -Tsvg " + path + " > /dev/null").c_str()), 0);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace proviso::test
