// Hardening of the analysis: a run budget whose leftovers are reported, never taken for
// "nothing found"; a diff that cannot tell says so; findings that repeat are grouped;
// the pairing of rules for conflicts is not quadratic when the rules are disjoint.
#include <gtest/gtest.h>

#include <string>

#include "support/program_builder.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/analysis/diff.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso::test {
namespace {

// `share_rules` share rules on `x`, then one deny rule on `x`: every share rule
// conflicts with the deny rule.
Program overlapping(int share_rules) {
  ProgramBuilder b({"health", "housing"});
  std::uint32_t x = b.fact("x", b.bool_type());
  b.policy("p", -1, Effect::deny, Combine::strictest);
  for (int i = 0; i < share_rules; ++i) b.rule("s" + std::to_string(i), Effect::share, b.f(x));
  b.rule("d", Effect::deny, b.f(x));
  return b.build();
}

// `rules` rules on distinct values of `n`, effects alternating: no two can apply together.
Program disjoint(int rules) {
  ProgramBuilder b({"health", "housing"});
  std::uint32_t n = b.fact("n", b.int_type(0, rules));
  b.policy("p", -1, Effect::refer, Combine::strictest);
  for (int i = 0; i < rules; ++i) {
    b.rule("r" + std::to_string(i), i % 2 == 0 ? Effect::share : Effect::deny,
           b.cmp(Op::eq, b.f(n), b.constant(b.int_type(), i)));
  }
  return b.build();
}

std::size_t count_code(const Diagnostics& ds, Code code) {
  std::size_t n = 0;
  for (const Diagnostic& d : ds.items()) n += d.code == code ? 1 : 0;
  return n;
}

TEST(AnalysisBudget, ZeroBudgetReachesNothingAndSaysSo) {
  Program p = overlapping(3);
  AnalysisOptions options;
  options.budget_s = 0;
  Diagnostics ds;
  AnalysisStats stats = analyze(p, options, ds);
  EXPECT_EQ(stats.sat + stats.unsat, 0u);        // the solver answered nothing
  EXPECT_EQ(count_code(ds, Code::conflict), 0u);  // and nothing is claimed
  ASSERT_EQ(ds.items().size(), 1u);               // one finding counts what was left
  const Diagnostic& d = ds.items()[0];
  EXPECT_EQ(d.code, Code::inconclusive);
  EXPECT_NE(d.message.find("analysis budget (0 s) ran out before it reached 4 rules, 1 policy's gaps"),
            std::string::npos)
      << d.message;
  EXPECT_EQ(stats.not_reached, 5u);
  EXPECT_EQ(stats.undecided_timeout + stats.undecided_other, 0u);
}

TEST(AnalysisBudget, AmpleBudgetChangesNothing) {
  Program p = overlapping(3);
  Diagnostics ds;
  AnalysisStats stats = analyze(p, {}, ds);
  EXPECT_EQ(stats.not_reached + stats.undecided_timeout + stats.undecided_other, 0u);
  EXPECT_EQ(count_code(ds, Code::inconclusive), 0u);
}

TEST(DiffBudget, ZeroBudgetCannotTellAndNeverSaysNoChange) {
  Program old_p = overlapping(1);
  ProgramBuilder b({"health", "housing"});
  std::uint32_t x = b.fact("x", b.bool_type());
  b.policy("p", -1, Effect::deny, Combine::strictest);
  b.rule("s0", Effect::share, b.f(x));
  Program new_p = b.build();
  DiffOptions options;
  EXPECT_FALSE(diff_programs(old_p, new_p, options).changes.empty());  // control: they differ

  options.budget_s = 0;
  DiffResult r = diff_programs(old_p, new_p, options);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_FALSE(r.decided());
  EXPECT_EQ(r.not_reached, 8u);  // six decision changes, obligations added and removed
  std::string text = render_diff_text(r, "old", "new");
  EXPECT_EQ(text.find("no decision changes"), std::string::npos) << text;
  EXPECT_NE(text.find("could not tell whether decisions change from old to new: 8 kinds of change undecided "
                      "(8 not reached within the 0 s analysis budget)"),
            std::string::npos)
      << text;
  std::string json = render_diff_json(r);
  EXPECT_NE(json.find("\"decided\": false, \"undecided\": 8}"), std::string::npos) << json;
}

TEST(DiffBudget, SolverLimitIsCountedAsUndecided) {
  // A resource limit of one unit: the solver gives up on every question, deterministically.
  Program old_p = overlapping(1);
  Program new_p = overlapping(2);
  DiffOptions options;
  options.timeout_ms = 0;
  options.resource_limit = 1;
  DiffResult r = diff_programs(old_p, new_p, options);
  EXPECT_FALSE(r.decided());
  EXPECT_EQ(r.undecided_timeout + r.undecided_other + r.not_reached, r.inconclusive.size());
  EXPECT_EQ(render_diff_text(r, "a", "b").find("no decision changes"), std::string::npos);
}

TEST(AnalysisGrouping, ARuleInConflictWithManyIsOneFinding) {
  Program p = overlapping(40);
  AnalysisOptions options;
  options.gaps = false;
  Diagnostics ds;
  analyze(p, options, ds);
  ASSERT_EQ(count_code(ds, Code::conflict), 1u);
  const Diagnostic& d = ds.items()[0];
  EXPECT_EQ(d.rules, (std::vector<std::string>{"p.s0", "p.d"}));  // the first pair, as before
  EXPECT_EQ(d.others_count, 39u);
  ASSERT_EQ(d.others.size(), 10u);  // named up to the cap, counted in full
  EXPECT_EQ(d.others.front(), "p.s1");
  EXPECT_NE(d.message.find("; 39 other rules also conflict with it: `p.s1`, "), std::string::npos) << d.message;
  EXPECT_NE(d.message.find(", and 29 more"), std::string::npos) << d.message;
  const std::string json = render_json(d);
  EXPECT_NE(json.find("\"others\":[\"p.s1\","), std::string::npos) << json;
  EXPECT_NE(json.find("\"others_count\":39"), std::string::npos) << json;
  EXPECT_NE(render_text(d).find("  also: p.s1, p.s2"), std::string::npos);
}

TEST(AnalysisGrouping, AFewConflictsKeepTheirOwnFindingsAndShape) {
  // Up to three per rule, each is its own finding with its own witness; the fourth
  // makes them one.
  for (int shares : {1, 3}) {
    Program p = overlapping(shares);
    AnalysisOptions options;
    options.gaps = false;
    Diagnostics ds;
    analyze(p, options, ds);
    ASSERT_EQ(count_code(ds, Code::conflict), static_cast<std::size_t>(shares));
    for (const Diagnostic& d : ds.items()) {
      EXPECT_EQ(d.others_count, 0u);
      EXPECT_EQ(render_json(d).find("others"), std::string::npos);
    }
  }
  Program p = overlapping(4);
  AnalysisOptions options;
  options.gaps = false;
  Diagnostics ds;
  analyze(p, options, ds);
  ASSERT_EQ(count_code(ds, Code::conflict), 1u);
  EXPECT_EQ(ds.items()[0].others, (std::vector<std::string>{"p.s1", "p.s2", "p.s3"}));
}

TEST(AnalysisGrouping, RulesShadowedByTheSameRuleAreOneFinding) {
  ProgramBuilder b({"health", "housing"});
  std::uint32_t x = b.fact("x", b.bool_type());
  b.policy("p", -1, Effect::deny, Combine::strictest);
  std::vector<std::string> losers;
  for (int i = 0; i < 25; ++i) {
    losers.push_back("l" + std::to_string(i));
    b.rule(losers.back(), Effect::share, b.f(x));
  }
  b.rule("top", Effect::deny, b.f(x)).beats(losers);
  Program p = b.build();
  AnalysisOptions options;
  options.gaps = false;
  Diagnostics ds;
  analyze(p, options, ds);
  ASSERT_EQ(count_code(ds, Code::shadowed_rule), 1u);
  const Diagnostic& d = ds.items()[0];
  EXPECT_EQ(d.rules, (std::vector<std::string>{"p.l0", "p.top"}));
  EXPECT_EQ(d.others_count, 24u);
  EXPECT_EQ(d.notes.size(), 1u);  // the overriding rule's place once, not 25 times
  EXPECT_NE(d.message.find("24 other rules never take effect for the same reason"), std::string::npos) << d.message;
}

TEST(AnalysisScale, DisjointRulesAreNotPairedOneByOne) {
  // 4,000 rules: 4 million candidate pairs, none of which can apply together. The
  // pairing must settle them without looking at each (the solver is asked once or
  // twice per rule, never per pair).
  const int rules = 4000;
  Program p = disjoint(rules);
  AnalysisOptions options;
  options.gaps = false;
  Diagnostics ds;
  AnalysisStats stats = analyze(p, options, ds);
  EXPECT_EQ(stats.pairs, static_cast<std::size_t>(rules / 2) * (rules / 2));
  EXPECT_EQ(stats.pairs_pruned, stats.pairs);
  EXPECT_LE(stats.queries, static_cast<std::size_t>(rules) * 2);
  EXPECT_EQ(count_code(ds, Code::conflict), 0u);
  EXPECT_EQ(stats.not_reached, 0u);
}

TEST(AnalysisScale, OverlapOnThePivotStillPairs) {
  // Rules on overlapping intervals of one fact must still be paired: [i, i + 1] meets
  // its neighbours, so each share rule conflicts with the deny rules beside it.
  ProgramBuilder b({"health", "housing"});
  std::uint32_t n = b.fact("n", b.int_type(0, 100));
  b.policy("p", -1, Effect::refer, Combine::strictest);
  for (int i = 0; i < 6; ++i) {
    b.rule("r" + std::to_string(i), i % 2 == 0 ? Effect::share : Effect::deny,
           b.all({b.cmp(Op::ge, b.f(n), b.constant(b.int_type(), i)),
                  b.cmp(Op::le, b.f(n), b.constant(b.int_type(), i + 1))}));
  }
  Program p = b.build();
  AnalysisOptions options;
  options.gaps = false;
  Diagnostics ds;
  analyze(p, options, ds);
  // r1..r5 each conflict with the rule before them: five findings, one pair each.
  EXPECT_EQ(count_code(ds, Code::conflict), 5u);
}

TEST(DisplayEscaping, ControlCharactersAndBadBytesCannotReachATerminal) {
  EXPECT_EQ(escape_for_display("a\x1b[2Jb\x07"), "a\\x1b[2Jb\\x07");
  EXPECT_EQ(escape_for_display("x\u202ey\u2028z"), "x\\u{202e}y\\u{2028}z");
  EXPECT_EQ(escape_for_display("caf\xc3\xa9\tok"), "caf\xc3\xa9\tok");
  EXPECT_EQ(escape_for_display(std::string("bad\xff", 4)), "bad\\xff");
  EXPECT_EQ(escape_for_display("a\nb"), "a\\x0ab");
  EXPECT_EQ(escape_for_display("a\nb", true), "a\nb");
}

TEST(DisplayEscaping, JsonIsValidUtf8ForAnyName) {
  std::string out;
  append_json_string(out, std::string("f\xff\xc3(\xe2\x82\xac.proviso", 15));
  EXPECT_EQ(out, "\"f\\ufffd\\ufffd(\xe2\x82\xac.proviso\"");
  EXPECT_EQ(uri_of_path("dir/a b#%\xc3\xa9.proviso"), "dir/a%20b%23%25%C3%A9.proviso");
}

}  // namespace
}  // namespace proviso::test
