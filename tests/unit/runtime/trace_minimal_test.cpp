// The minimal trace (TraceMode::minimal), the integration fields ("line", "id") and
// fact values in JSON: exact strings on small programs, so a change of shape shows.
#include <gtest/gtest.h>

#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

struct Small {
  Program p;
  std::uint32_t a, b, c, level, tags;
  Small() {
    test::ProgramBuilder bld;
    a = bld.fact("a", bld.bool_type());
    b = bld.fact("b", bld.bool_type());
    c = bld.fact("c", bld.bool_type());
    level = bld.fact("level", bld.int_type(0, 10));
    auto tag = bld.enum_type("tag", {"x", "y", "z"});
    tags = bld.fact("tags", bld.set_type(tag));
    auto o = bld.obligation("log", "Log it");
    bld.policy("pol", bld.sector("health"));
    // applied through one true child of an `or`
    bld.rule("either", Effect::share, bld.any({bld.f(a), bld.f(b), bld.f(c)})).require({o});
    // applied through a `not` over a false `and`: one false child explains it
    bld.rule("not_both", Effect::share, bld.neg(bld.all({bld.f(b), bld.cmp(Op::gt, bld.f(level), bld.constant(bld.int_type(0, 10), 5))})));
    // not applicable: the one failed leaf, not the whole `and`
    bld.rule("needs_all", Effect::deny,
             bld.all({bld.f(a), bld.cmp(Op::gt, bld.f(level), bld.constant(bld.int_type(0, 10), 5)), bld.f(c)}));
    // `when a unless b or level > 5`
    bld.rule("guarded", Effect::share, bld.f(a))
        .unless(bld.any({bld.f(b), bld.cmp(Op::gt, bld.f(level), bld.constant(bld.int_type(0, 10), 5))}));
    p = bld.build();
  }
  Scenario scenario(int av, int bv, int cv, int lv) const {
    Scenario s;
    s.reset(p.facts.size());
    s.set(kFactFrom, 0);
    s.set(kFactTo, 1);
    if (av >= 0) s.set(a, av);
    if (bv >= 0) s.set(b, bv);
    if (cv >= 0) s.set(c, cv);
    if (lv >= 0) s.set(level, lv);
    s.set(tags, 0b101);  // {x, z}
    return s;
  }
  std::string json(const Scenario& s, TraceMode mode, std::uint64_t line = 0) const {
    Evaluation ev(make_plan(p));
    ev.set_default_date(*parse_date("2026-01-02"));
    Result r = ev.evaluate(s, EvaluateOptions{.keep_values = mode != TraceMode::none});
    Trace t;
    if (mode == TraceMode::full) t = build_trace(p, s, r);
    RenderContext ctx{p, s, r, mode == TraceMode::full ? &t : nullptr, {}, {}};
    ctx.json_trace = mode;
    ctx.line = line;
    return render_result_json(ctx);
  }
};

// The entry of `rule` in policies[].rules.
std::string entry(const std::string& json, const std::string& rule) {
  const std::size_t at = json.find("{\"rule\":\"" + rule + "\"");
  if (at == std::string::npos) return "";
  return json.substr(at, json.find('}', at) + 1 - at);
}

TEST(MinimalTrace, SufficientReasons) {
  Small e;
  const std::string json = e.json(e.scenario(1, 0, 1, 3), TraceMode::minimal);
  // a true `or`: its first true child only
  EXPECT_EQ(entry(json, "either"), R"j({"rule":"either","status":"applied","effect":"share","why":"a"})j") << json;
  // a true `not` of a false `and`: one false child, as it holds
  EXPECT_EQ(entry(json, "not_both"), R"j({"rule":"not_both","status":"applied","effect":"share","why":"not b"})j");
  // did not apply: a false `and` is explained by one false child; a false comparison
  // is written as its opposite
  EXPECT_EQ(entry(json, "needs_all"),
            R"j({"rule":"needs_all","status":"not_applicable","effect":"deny","why":"level <= 5"})j");
  // with the unless: the `when` held and the `unless` did not
  EXPECT_EQ(entry(json, "guarded"),
            R"j({"rule":"guarded","status":"applied","effect":"share","why":"a and not b and level <= 5"})j");
  // No trace object: the reasons are the minimal trace.
  EXPECT_EQ(json.find("\"trace\""), std::string::npos) << json;
}

TEST(MinimalTrace, RulesThatDidNotApplyGiveEveryFailedBranch) {
  Small e;
  std::string json = e.json(e.scenario(1, 1, 0, 7), TraceMode::minimal);
  EXPECT_EQ(entry(json, "needs_all"), R"j({"rule":"needs_all","status":"not_applicable","effect":"deny","why":"not c"})j")
      << json;
  // the `not` failed: the `and` below it held, with all its children
  EXPECT_EQ(entry(json, "not_both"),
            R"j({"rule":"not_both","status":"not_applicable","effect":"share","why":"b and level > 5"})j");
  // the `unless` held: one true branch of it is enough
  EXPECT_EQ(entry(json, "guarded"), R"j({"rule":"guarded","status":"not_applicable","effect":"share","why":"b"})j");
  // a false `or` is explained by all its branches, not one of them
  json = e.json(e.scenario(0, 0, 0, 2), TraceMode::minimal);
  EXPECT_EQ(entry(json, "either"),
            R"j({"rule":"either","status":"not_applicable","effect":"share","why":"not a and not b and not c"})j")
      << json;
}

TEST(MinimalTrace, UnknownShowsTheUnknownParts) {
  Small e;
  const std::string json = e.json(e.scenario(0, -1, 0, 2), TraceMode::minimal);
  EXPECT_EQ(entry(json, "either"),
            R"j({"rule":"either","status":"undetermined","effect":"share","why":"b is unknown"})j")
      << json;
}

TEST(MinimalTrace, SmallerThanFullAndTheSameOutsideTheReasons) {
  Small e;
  for (int av = 0; av < 2; ++av) {
    for (int bv = -1; bv < 2; ++bv) {
      for (int lv : {-1, 2, 9}) {
        const Scenario s = e.scenario(av, bv, 1, lv);
        const std::string full = e.json(s, TraceMode::full), minimal = e.json(s, TraceMode::minimal),
                          none = e.json(s, TraceMode::none);
        EXPECT_LT(minimal.size(), full.size());
        // Everything before the trace is the same in full and none; minimal adds only
        // the reasons.
        EXPECT_EQ(full.substr(0, none.size() - 1), none.substr(0, none.size() - 1));
        std::string stripped = minimal;
        for (std::size_t at; (at = stripped.find(",\"why\":\"")) != std::string::npos;) {
          stripped.erase(at, stripped.find('"', at + 8) + 1 - at);
        }
        EXPECT_EQ(stripped, none);
        EXPECT_EQ(none.find("\"trace\""), std::string::npos);
      }
    }
  }
}

TEST(MinimalTrace, FragmentsWriteTheSameBytes) {
  Small e;
  const JsonFragments fragments(e.p);
  Evaluation ev(make_plan(e.p));
  ev.set_default_date(*parse_date("2026-01-02"));
  for (int av = -1; av < 2; ++av) {
    for (int bv = -1; bv < 2; ++bv) {
      for (int lv : {-1, 2, 9}) {
        const Scenario s = e.scenario(av, bv, 0, lv);
        const Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
        for (TraceMode mode : {TraceMode::minimal, TraceMode::none}) {
          RenderContext plain{e.p, s, r, nullptr, {}, {}};
          plain.json_trace = mode;
          RenderContext quick = plain;
          quick.fragments = &fragments;
          EXPECT_EQ(render_result_json(quick), render_result_json(plain));
        }
      }
    }
  }
  // Fragments of another program are not used.
  Small other;
  const JsonFragments foreign(other.p);
  const Scenario s = e.scenario(1, 0, 1, 3);
  const Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
  RenderContext plain{e.p, s, r, nullptr, {}, {}};
  plain.json_trace = TraceMode::minimal;
  RenderContext mixed = plain;
  mixed.fragments = &foreign;
  EXPECT_EQ(render_result_json(mixed), render_result_json(plain));
}

TEST(MinimalTrace, NeedsTheNodeValues) {
  Small e;
  Evaluation ev(make_plan(e.p));
  const Scenario s = e.scenario(1, 1, 1, 1);
  Result r = ev.evaluate(s);
  RenderContext ctx{e.p, s, r, nullptr, {}, {}};
  ctx.json_trace = TraceMode::minimal;
  EXPECT_THROW(render_result_json(ctx), std::invalid_argument);
}

TEST(ResultJson, SetValuesAreArraysInEveryMode) {
  test::ProgramBuilder bld;
  auto tag = bld.enum_type("tag", {"x", "y", "z"});
  auto tags = bld.fact("tags", bld.set_type(tag));
  bld.policy("pol", bld.sector("health"));
  bld.rule("has_y", Effect::share, bld.has(bld.f(tags), bld.value(tag, "z")));
  Program p = bld.build();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  s.set(tags, 0b101);
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
  Trace t = build_trace(p, s, r);
  RenderContext ctx{p, s, r, &t, {}, {}};
  ctx.json_trace = TraceMode::full;
  const std::string json = render_result_json(ctx);
  EXPECT_NE(json.find(R"j({"node":"fact","name":"tags","value":["x","z"])j"), std::string::npos) << json;
  std::string value;
  append_value_json(value, p, p.facts[tags].type, 0);
  EXPECT_EQ(value, "[]");
}

TEST(ResultJson, LineAndIdLeadTheResult) {
  Small e;
  ScenarioReader reader(e.p);
  Scenario s;
  Diagnostic error;
  ASSERT_TRUE(reader.read(R"j({"id":"case \"7\"","from":"health","to":"housing","facts":{"a":true,"level":1}})j", s, error))
      << error.message;
  EXPECT_TRUE(s.has_id);
  EXPECT_EQ(s.id, "case \"7\"");
  Evaluation ev(make_plan(e.p));
  Result r = ev.evaluate(s);
  RenderContext ctx{e.p, s, r, nullptr, {}, {}};
  ctx.json_trace = TraceMode::none;
  ctx.line = 12;
  EXPECT_EQ(render_result_json(ctx).rfind(R"j({"line":12,"id":"case \"7\"","decision":"share",)j", 0), 0u)
      << render_result_json(ctx);
  std::string decision;
  append_decision_json(decision, ctx);
  EXPECT_EQ(decision, R"j({"line":12,"id":"case \"7\"","decision":"share","obligations":["log"],"missing":[]})j");
  // The next scenario read has no id: nothing is carried over.
  ASSERT_TRUE(reader.read(R"j({"from":"health","to":"housing"})j", s, error));
  EXPECT_FALSE(s.has_id);
}

TEST(ResultJson, BadIdsAreBadScenarios) {
  Small e;
  ScenarioReader reader(e.p);
  Scenario s;
  Diagnostic error;
  EXPECT_FALSE(reader.read(R"j({"id":7,"from":"health","to":"housing"})j", s, error));
  EXPECT_NE(error.message.find("'id' expects a string"), std::string::npos) << error.message;
  EXPECT_FALSE(reader.read(R"j({"id":"a","id":"b","from":"health","to":"housing"})j", s, error));
  EXPECT_NE(error.message.find("'id' is given twice"), std::string::npos) << error.message;
}

}  // namespace
}  // namespace proviso
