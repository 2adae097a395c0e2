// The solver's limits: a query that runs out of time or resources becomes an
// `inconclusive` finding (never silence), and --smtlib writes every query to a file.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/program_builder.hpp"
#include "proviso/analysis/analysis.hpp"

namespace proviso::test {
namespace {

// A rule whose condition is the pigeonhole principle for `holes` + 1 pigeons: always
// false, and famously hard to refute for a SAT solver's resolution.
Program pigeonhole(int holes) {
  ProgramBuilder b({"health", "housing"});
  std::vector<std::vector<std::uint32_t>> in(static_cast<std::size_t>(holes + 1));
  for (int p = 0; p <= holes; ++p) {
    for (int h = 0; h < holes; ++h) {
      in[static_cast<std::size_t>(p)].push_back(b.fact("p" + std::to_string(p) + "h" + std::to_string(h), b.bool_type()));
    }
  }
  std::vector<std::uint32_t> clauses;
  for (int p = 0; p <= holes; ++p) {
    std::vector<std::uint32_t> somewhere;
    for (std::uint32_t f : in[static_cast<std::size_t>(p)]) somewhere.push_back(b.f(f));
    clauses.push_back(b.any(somewhere));
  }
  for (int h = 0; h < holes; ++h) {
    for (int p = 0; p <= holes; ++p) {
      for (int q = p + 1; q <= holes; ++q) {
        std::uint32_t x = b.f(in[static_cast<std::size_t>(p)][static_cast<std::size_t>(h)]);
        std::uint32_t y = b.f(in[static_cast<std::size_t>(q)][static_cast<std::size_t>(h)]);
        clauses.push_back(b.neg(b.all({x, y})));
      }
    }
  }
  b.policy("p", -1, Effect::deny, Combine::strictest);
  b.rule("crowded", Effect::share, b.all(clauses));
  return b.build();
}

void expect_inconclusive_not_dead(const Diagnostics& ds) {
  ASSERT_EQ(ds.items().size(), 1u);
  const Diagnostic& d = ds.items()[0];
  EXPECT_EQ(d.code, Code::inconclusive);
  EXPECT_EQ(d.severity, Severity::info);
  EXPECT_EQ(d.rules, std::vector<std::string>{"p.crowded"});
  EXPECT_NE(d.message.find("could not decide whether rule `p.crowded` can apply"), std::string::npos) << d.message;
  EXPECT_TRUE(d.location.has_place());
}

TEST(AnalysisLimits, TinyTimeoutGivesInconclusive) {
  Program p = pigeonhole(10);
  AnalysisOptions options;
  // Far below what pigeonhole(10) needs (minutes), but not 1 ms: under load a timer that
  // short could fire before Z3's check began and be lost, and the query then ran to the
  // end (seen once: 480 s and no `inconclusive`).
  options.timeout_ms = 200;
  options.gaps = false;
  Diagnostics ds;
  AnalysisStats stats = analyze(p, options, ds);
  expect_inconclusive_not_dead(ds);
  EXPECT_EQ(stats.unknown, 1u);
  // Z3 names the reason ("timeout", or "canceled" when its timer wins a race).
  EXPECT_NE(ds.items()[0].message.find("(solver: "), std::string::npos) << ds.items()[0].message;
}

TEST(AnalysisLimits, ResourceLimitGivesInconclusiveDeterministically) {
  Program p = pigeonhole(10);
  AnalysisOptions options;
  options.timeout_ms = 0;
  options.resource_limit = 20'000;
  options.gaps = false;
  Diagnostics ds;
  analyze(p, options, ds);
  expect_inconclusive_not_dead(ds);
}

TEST(AnalysisLimits, EasyPigeonholeIsDead) {
  Program p = pigeonhole(3);
  AnalysisOptions options;
  options.gaps = false;
  Diagnostics ds;
  analyze(p, options, ds);
  ASSERT_EQ(ds.items().size(), 1u);
  EXPECT_EQ(ds.items()[0].code, Code::dead_rule);
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AnalysisSmtlib, EveryQueryIsWrittenAndReplaysWithZ3) {
  ProgramBuilder b({"health", "housing"});
  std::uint32_t consent = b.fact("consent", b.bool_type());
  std::uint32_t age = b.fact("age", b.int_type(0, 120));
  b.policy("p", 0, Effect::deny, Combine::strictest);
  b.rule("adults", Effect::share, b.cmp(Op::ge, b.f(age), b.constant(b.int_type(), 18)));
  // Shares `age` with `adults`, so their conflict needs a joint query.
  b.rule("refused", Effect::deny,
         b.all({b.neg(b.f(consent)), b.cmp(Op::lt, b.f(age), b.constant(b.int_type(), 30))}));
  b.rule("never", Effect::refer, b.cmp(Op::gt, b.f(age), b.constant(b.int_type(), 200)));
  Program p = b.build();

  auto dir = std::filesystem::temp_directory_path() / ("proviso-smtlib-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  AnalysisOptions options;
  options.smtlib_dir = dir.string();
  Diagnostics ds;
  AnalysisStats stats = analyze(p, options, ds);
  EXPECT_EQ(stats.smtlib_error, "");
  EXPECT_EQ(stats.smtlib_files, stats.queries);

  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  // Shortening each witness asks one question per fact (section "small witnesses").
  std::vector<std::string> findings, shrink;
  for (const auto& name : names) (name.starts_with("shrink__") ? shrink : findings).push_back(name);
  EXPECT_EQ(shrink, (std::vector<std::string>{
                        "shrink__conflict_p.adults_p.refused__without__age.smt2",
                        "shrink__conflict_p.adults_p.refused__without__consent.smt2",
                        "shrink__gap_p__without__age.smt2", "shrink__gap_p__without__consent.smt2"}));
  // With --smtlib even a conflict that joined witnesses would settle gets its query.
  EXPECT_EQ(findings, (std::vector<std::string>{"conflict__p.adults__p.refused.smt2", "dead-rule__p.adults.smt2",
                                                "dead-rule__p.never.smt2", "dead-rule__p.refused.smt2", "gap__p.smt2"}));
  std::string dead = slurp(dir / "dead-rule__p.never.smt2");
  EXPECT_NE(dead.find("; answer when proviso asked: unsat"), std::string::npos) << dead;
  EXPECT_NE(dead.find("(check-sat)"), std::string::npos);
  EXPECT_NE(dead.find("(declare-fun age () Int)"), std::string::npos) << dead;

  // An auditor re-runs the files with the z3 program; where it is installed, so do we.
  if (std::system("command -v z3 > /dev/null 2>&1") == 0) {
    for (const auto& name : names) {
      std::string text = slurp(dir / name);
      std::string expected = text.substr(text.find("asked: ") + 7);
      expected = expected.substr(0, expected.find('\n'));
      std::string command = "z3 " + (dir / name).string();
      FILE* out = popen(command.c_str(), "r");
      ASSERT_NE(out, nullptr);
      char buf[64] = {};
      std::string answer = fgets(buf, sizeof buf, out) != nullptr ? buf : "";
      pclose(out);
      EXPECT_EQ(answer, expected + "\n") << name;
    }
  }
  std::filesystem::remove_all(dir);
}

// r1 (share) needs every a_i and x; r2 (deny) needs not x. x is declared last, so it is
// the constraint the pruning's cap drops first.
Program prune_program(std::size_t conjuncts) {
  ProgramBuilder b({"health", "housing"});
  std::vector<std::uint32_t> all;
  for (std::size_t i = 0; i < conjuncts; ++i) all.push_back(b.f(b.fact("a" + std::to_string(i), b.bool_type())));
  std::uint32_t x = b.f(b.fact("x", b.bool_type()));
  all.push_back(x);
  b.policy("p", -1, Effect::deny, Combine::strictest);
  b.rule("r1", Effect::share, b.all(all));
  b.rule("r2", Effect::deny, b.neg(x));
  return b.build();
}

AnalysisStats analyze_quietly(const Program& p, AnalysisOptions options, Diagnostics& ds) {
  options.gaps = false;
  options.cross_policy = false;
  return analyze(p, options, ds);
}

TEST(AnalysisLimits, PruneItemsCapOnlyWeakensThePruning) {
  Program p = prune_program(10);
  Diagnostics full, capped;
  AnalysisOptions options;
  AnalysisStats a = analyze_quietly(p, options, full);
  options.max_prune_items = 5;
  AnalysisStats b = analyze_quietly(p, options, capped);
  EXPECT_EQ(a.pairs, 1u);
  EXPECT_EQ(a.pairs_pruned, 1u);  // settled by the pruning: x against not x
  EXPECT_EQ(b.pairs, 1u);
  EXPECT_EQ(b.pairs_pruned, 0u);  // x was dropped: the solver settles it instead
  EXPECT_EQ(b.queries, a.queries + 1);
  EXPECT_TRUE(full.items().empty());
  EXPECT_TRUE(capped.items().empty());
}

TEST(AnalysisLimits, DefaultPruneItemsIsExceeded) {
  const std::size_t limit = AnalysisOptions{}.max_prune_items;
  Diagnostics ds;
  EXPECT_EQ(analyze_quietly(prune_program(limit - 1), {}, ds).pairs_pruned, 1u);  // limit items: all kept
  EXPECT_EQ(analyze_quietly(prune_program(limit), {}, ds).pairs_pruned, 0u);      // one more: x is dropped
  EXPECT_TRUE(ds.items().empty());
}

// r (share when n >= 0) is shadowed by `shadowers` deny rules, each covering one value
// of n and overriding r: every one of them is needed to shadow it.
Program shadowed_program(int shadowers) {
  ProgramBuilder b({"health", "housing"});
  std::uint32_t n = b.fact("n", b.int_type(0, shadowers - 1));
  b.policy("p", -1, Effect::deny, Combine::strictest);
  b.rule("r", Effect::share, b.cmp(Op::ge, b.f(n), b.constant(b.int_type(), 0)));
  for (int i = 0; i < shadowers; ++i) {
    b.rule("b" + std::to_string(i), Effect::deny, b.cmp(Op::eq, b.f(n), b.constant(b.int_type(), i)))
        .beats(std::vector<std::string>{"r"});
  }
  return b.build();
}

std::size_t shadower_count(const Diagnostics& ds) {
  for (const Diagnostic& d : ds.items()) {
    if (d.code == Code::shadowed_rule) return d.rules.size() - 1;  // the rule itself, then its shadowers
  }
  return 0;
}

TEST(AnalysisLimits, CoreTriesBoundTheQueriesSpentNamingShadowers) {
  Program p = shadowed_program(2);
  AnalysisOptions options;
  options.max_core_tries = 0;
  Diagnostics none;
  const std::size_t base = analyze_quietly(p, options, none).queries;
  for (std::size_t tries : {1u, 2u, 5u}) {
    options.max_core_tries = tries;
    Diagnostics ds;
    EXPECT_EQ(analyze_quietly(p, options, ds).queries, base + std::min<std::size_t>(tries, 2)) << tries;
    EXPECT_EQ(shadower_count(ds), 2u);  // both are needed, so both stay
  }
  EXPECT_EQ(shadower_count(none), 2u);
}

TEST(AnalysisLimits, DefaultCoreTriesIsExceeded) {
  const std::size_t limit = AnalysisOptions{}.max_core_tries;
  const int shadowers = static_cast<int>(limit) + 4;
  Program p = shadowed_program(shadowers);
  AnalysisOptions options;
  options.max_core_tries = 0;
  Diagnostics ds0, ds1;
  const std::size_t base = analyze_quietly(p, options, ds0).queries;
  EXPECT_EQ(analyze_quietly(p, {}, ds1).queries, base + limit);
  EXPECT_EQ(shadower_count(ds1), static_cast<std::size_t>(shadowers));
}

TEST(AnalysisSmtlib, LongFileNamesAreCutAndHashed) {
  ProgramBuilder b({"health", "housing"});
  std::uint32_t a = b.fact("a", b.bool_type());
  b.policy("p", -1, Effect::deny, Combine::strictest);
  const std::string long_name(200, 'r');
  b.rule(long_name, Effect::share, b.f(a));
  b.rule("s", Effect::share, b.neg(b.f(a)));
  Program p = b.build();

  auto names_with = [&](AnalysisOptions options) {
    auto dir = std::filesystem::temp_directory_path() / ("proviso-smtlib-stem-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    options.smtlib_dir = dir.string();
    options.gaps = false;
    Diagnostics ds;
    analyze(p, options, ds);
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().stem().string());
    std::filesystem::remove_all(dir);
    std::sort(names.begin(), names.end());
    return names;
  };
  auto check = [](const std::vector<std::string>& names, std::size_t limit) {
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[1], "dead-rule__p.s");  // short enough: whole
    const std::string full = "dead-rule__p." + std::string(200, 'r');
    ASSERT_EQ(names[0].size(), limit + 2 + 16) << names[0];
    EXPECT_EQ(names[0].substr(0, limit), full.substr(0, limit));
    EXPECT_EQ(names[0].substr(limit, 2), "__");
  };
  check(names_with({}), AnalysisOptions{}.max_smtlib_stem);
  AnalysisOptions small;
  small.max_smtlib_stem = 20;
  check(names_with(small), 20);
}

}  // namespace
}  // namespace proviso::test
