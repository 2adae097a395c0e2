// `defers`: share_defers (a policy's share that stands aside for the other covering
// policies) and what the renderers say about it. A deferring share never changes a
// decision; it only changes what the result tells its reader.
#include <gtest/gtest.h>

#include <string>

#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

using test::ProgramBuilder;

// A flow from health to housing, covered by three policies:
//   sender (health):   rule send: share when a
//   receiver (housing): rule accept: share when b defers
//                       rule own: share when d
//                       rule refuse: deny when c
//   baseline (all flows, defers, default share): rule logged: share when a require log
struct Bundle {
  Program p;
  std::uint32_t a, b, c, d;
  Bundle() {
    ProgramBuilder bld;
    a = bld.fact("a", bld.bool_type(), "Is a true?");
    b = bld.fact("b", bld.bool_type(), "Is b true?");
    c = bld.fact("c", bld.bool_type(), "Is c true?");
    d = bld.fact("d", bld.bool_type(), "Is d true?");
    auto log = bld.obligation("log", "Log the disclosure");
    bld.policy("sender", bld.sector("health"));
    bld.rule("send", Effect::share, bld.f(a));
    bld.policy("receiver", bld.sector("housing"));
    bld.rule("accept", Effect::share, bld.f(b)).defers().because("The receiving team accepts the referral");
    bld.rule("own", Effect::share, bld.f(d));
    bld.rule("refuse", Effect::deny, bld.f(c));
    bld.defers(bld.policy("baseline", -1, Effect::share));
    bld.rule("logged", Effect::share, bld.f(a)).require({log});
    p = bld.build();
  }
  // -1 leaves a fact unknown.
  Scenario scenario(int av, int bv, int cv, int dv) const {
    Scenario s;
    s.reset(p.facts.size());
    s.set(kFactFrom, 0);  // health
    s.set(kFactTo, 1);    // housing
    const std::uint32_t facts[] = {a, b, c, d};
    const int values[] = {av, bv, cv, dv};
    for (int i = 0; i < 4; ++i) {
      if (values[i] >= 0) s.set(facts[i], values[i]);
    }
    return s;
  }
};

struct Evaluated {
  Result r;
  // share_defers of each covering policy, by name; "-" when the policy does not cover.
  std::string defers(const Program& p, const std::string& policy) const {
    for (const PolicyResult& pr : r.policies) {
      if (p.policies[pr.policy].name == policy) return share_defers(p, r, pr) ? "defers" : "stands";
    }
    return "-";
  }
};

Evaluated run(const Program& p, const Scenario& s) {
  Evaluation ev(make_plan(p));
  Evaluated e{ev.evaluate(s)};
  EXPECT_EQ(ev.decide(s), e.r.decision);
  return e;
}

TEST(ShareDefers, TheBuilderMarksADeferringPolicysShareRules) {
  Bundle w;
  const Program& p = w.p;
  EXPECT_FALSE(p.policies[0].defers);
  EXPECT_FALSE(p.policies[1].defers);
  EXPECT_TRUE(p.policies[2].defers);
  EXPECT_FALSE(p.rules[p.find_rule("sender.send")].defers);
  EXPECT_TRUE(p.rules[p.find_rule("receiver.accept")].defers);
  EXPECT_FALSE(p.rules[p.find_rule("receiver.own")].defers);
  EXPECT_FALSE(p.rules[p.find_rule("receiver.refuse")].defers);
  EXPECT_TRUE(p.rules[p.find_rule("baseline.logged")].defers);
}

TEST(ShareDefers, ADeferringRuleAloneDefers) {
  Bundle w;
  Evaluated e = run(w.p, w.scenario(1, 1, 0, 0));
  EXPECT_EQ(e.r.decision, Outcome::share);  // deferring never changes a decision
  EXPECT_EQ(e.defers(w.p, "sender"), "stands");
  EXPECT_EQ(e.defers(w.p, "receiver"), "defers");
  EXPECT_EQ(e.defers(w.p, "baseline"), "defers");  // the policy defers: by a rule ...
}

TEST(ShareDefers, ADeferringPolicyDefersByItsDefaultToo) {
  Bundle w;
  Evaluated e = run(w.p, w.scenario(0, 1, 0, 0));
  EXPECT_EQ(e.r.decision, Outcome::deny);  // sender's default
  ASSERT_EQ(e.r.policies.size(), 3u);
  EXPECT_TRUE(e.r.policies[2].by_default);
  EXPECT_EQ(e.defers(w.p, "baseline"), "defers");  // ... and by its default
  EXPECT_EQ(e.defers(w.p, "receiver"), "defers");
  EXPECT_EQ(e.defers(w.p, "sender"), "stands");  // a deny never defers
}

TEST(ShareDefers, AnyStandingShareRuleMakesTheShareStand) {
  Bundle w;
  EXPECT_EQ(run(w.p, w.scenario(1, 1, 0, 1)).defers(w.p, "receiver"), "stands");  // accept and own
  EXPECT_EQ(run(w.p, w.scenario(1, 0, 0, 1)).defers(w.p, "receiver"), "stands");  // own alone
}

TEST(ShareDefers, OnlyAShareDecisionDefers) {
  Bundle w;
  Evaluated deny = run(w.p, w.scenario(1, 1, 1, 0));  // accept and refuse: deny
  EXPECT_EQ(deny.r.policies[1].decision, Outcome::deny);
  EXPECT_EQ(deny.defers(w.p, "receiver"), "stands");
  Evaluated by_default = run(w.p, w.scenario(1, 0, 0, 0));  // no rule: default deny
  EXPECT_EQ(by_default.defers(w.p, "receiver"), "stands");
  Evaluated unknown = run(w.p, w.scenario(1, -1, -1, 0));  // accept and refuse undetermined
  EXPECT_EQ(unknown.r.policies[1].decision, Outcome::undetermined);
  EXPECT_EQ(unknown.defers(w.p, "receiver"), "stands");
}

TEST(ShareDefers, ANonDeferringPolicysDefaultShareStands) {
  ProgramBuilder b;
  auto x = b.fact("x", b.bool_type());
  b.policy("open", -1, Effect::share);
  b.rule("accept", Effect::share, b.f(x)).defers();
  Program p = b.build();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  s.set(x, 0);
  EXPECT_EQ(run(p, s).defers(p, "open"), "stands");  // decided by its default, which does not defer
  s.set(x, 1);
  EXPECT_EQ(run(p, s).defers(p, "open"), "defers");
}

TEST(ShareDefers, AnOverriddenStandingRuleDoesNotCount) {
  ProgramBuilder b;
  auto x = b.fact("x", b.bool_type());
  b.policy("p");
  auto own = b.rule("own", Effect::share, b.f(x));
  b.rule("accept", Effect::share, b.f(x)).defers().beats({own});
  Program p = b.build();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  s.set(x, 1);
  Evaluated e = run(p, s);
  EXPECT_EQ(e.r.rule_status[own], RuleStatus::overridden);
  EXPECT_EQ(e.defers(p, "p"), "defers");
}

// Under `combine first` a deny may apply and lose to an earlier deferring share: only
// the applied shares count, as in the analysis's share_contests.
TEST(ShareDefers, ALosingDenyUnderCombineFirstDoesNotCount) {
  ProgramBuilder b;
  auto x = b.fact("x", b.bool_type());
  b.policy("p", -1, Effect::deny, Combine::first);
  b.rule("accept", Effect::share, b.f(x)).defers();
  b.rule("block", Effect::deny, b.f(x));
  Program p = b.build();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  s.set(x, 1);
  Evaluated e = run(p, s);
  EXPECT_EQ(e.r.rule_status[1], RuleStatus::applied);
  EXPECT_EQ(e.r.policies[0].decision, Outcome::share);
  EXPECT_EQ(e.defers(p, "p"), "defers");
}

// ---------------------------------------------------------------- renderers

struct Rendered {
  std::string json, text, markdown;
};

Rendered render(const Program& p, const Scenario& s) {
  Evaluation ev(make_plan(p));
  ev.set_default_date(*parse_date("2026-01-02"));
  Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
  Trace t = build_trace(p, s, r);
  RenderContext with{p, s, r, &t, "Referral", "2026-01-02T03:04:05Z"};
  RenderContext without{p, s, r, nullptr, "", ""};
  return {render_result_json(without), render_result_text(with), render_result_markdown(with)};
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

TEST(RenderDefers, JsonMarksDeferringRulesAndPoliciesOnly) {
  Bundle w;
  // Sender shares and the receiver's deferring rule applies: everyone shares.
  Rendered r = render(w.p, w.scenario(1, 1, 0, 0));
  EXPECT_EQ(r.json,
            R"({"decision":"share","on":"2026-01-02","obligations":["log"],"missing":[],"next_question":null,"questions":[],"policies":[)"
            R"({"policy":"sender","decision":"share","default":false,"conflict":false,"obligations":[],)"
            R"("rules":[{"rule":"send","status":"applied","effect":"share"}]},)"
            R"({"policy":"receiver","decision":"share","default":false,"conflict":false,"defers":true,)"
            R"("obligations":[],"rules":[{"rule":"accept","status":"applied","effect":"share","defers":true},)"
            R"({"rule":"own","status":"not_applicable","effect":"share"},)"
            R"({"rule":"refuse","status":"not_applicable","effect":"deny"}]},)"
            R"({"policy":"baseline","decision":"share","default":false,"conflict":false,"defers":true,)"
            R"("obligations":["log"],"rules":[{"rule":"logged","status":"applied","effect":"share","defers":true}]}]})");
}

TEST(RenderDefers, JsonPolicyEntryDefersOnlyWhenItsShareDoes) {
  Bundle w;
  // The receiver's own share stands beside the deferring one: no policy-level flag,
  // but the rule keeps its own.
  Rendered r = render(w.p, w.scenario(1, 1, 0, 1));
  EXPECT_TRUE(has(r.json, R"({"policy":"receiver","decision":"share","default":false,"conflict":false,"obligations")"))
      << r.json;
  EXPECT_TRUE(has(r.json, R"({"rule":"accept","status":"applied","effect":"share","defers":true})")) << r.json;
  EXPECT_TRUE(has(r.json, R"({"rule":"own","status":"applied","effect":"share"})")) << r.json;
  // The receiver denies: a deny never defers, though its deferring rule applied.
  r = render(w.p, w.scenario(1, 1, 1, 0));
  EXPECT_TRUE(has(r.json, R"({"policy":"receiver","decision":"deny","default":false,"conflict":true,"obligations")"))
      << r.json;
  EXPECT_TRUE(has(r.json, R"({"rule":"accept","status":"applied","effect":"share","defers":true})")) << r.json;
  // By its default the receiver denies; the baseline still defers by its default.
  r = render(w.p, w.scenario(0, 0, 0, 0));
  EXPECT_TRUE(has(r.json, R"({"policy":"receiver","decision":"deny","default":true,"conflict":false,"obligations")"))
      << r.json;
  EXPECT_TRUE(has(r.json, R"({"policy":"baseline","decision":"share","default":true,"conflict":false,"defers":true,)"))
      << r.json;
  EXPECT_TRUE(has(r.json, R"({"rule":"accept","status":"not_applicable","effect":"share","defers":true})")) << r.json;
}

TEST(RenderDefers, TextSaysSoWhenAStricterDecisionStood) {
  Bundle w;
  // Sender denies by default; the receiver's deferring share and the baseline stand aside.
  Rendered r = render(w.p, w.scenario(0, 1, 0, 0));
  EXPECT_TRUE(has(r.text, "Decision: deny\n")) << r.text;
  EXPECT_TRUE(has(r.text, "  policy receiver decides share and defers to the other covering policies\n"
                          "    rule receiver.accept (share, defers) applied [test.proviso:1101]\n"
                          "        because: The receiving team accepts the referral\n"))
      << r.text;
  EXPECT_TRUE(has(r.text, "  policy baseline decides share by default and defers to the other covering policies\n"))
      << r.text;
  EXPECT_TRUE(has(r.text, "  rule receiver.own (share) did not apply [test.proviso:1102]\n")) << r.text;
  EXPECT_TRUE(has(r.text, "  policy sender decides deny by default\n")) << r.text;

  // When the bundle shares, nothing stood aside: the policy line says nothing more.
  r = render(w.p, w.scenario(1, 1, 0, 0));
  EXPECT_TRUE(has(r.text, "Decision: share\n")) << r.text;
  EXPECT_FALSE(has(r.text, "defers to the other covering policies")) << r.text;
  EXPECT_TRUE(has(r.text, "  policy receiver decides share\n    rule receiver.accept (share, defers) applied [test.proviso:1101]\n"))
      << r.text;
}

TEST(RenderDefers, MarkdownSaysSoWhenAStricterDecisionStood) {
  Bundle w;
  Rendered r = render(w.p, w.scenario(0, 1, 0, 0));
  EXPECT_TRUE(has(r.markdown, "| Decision | **deny** |\n")) << r.markdown;
  EXPECT_TRUE(has(r.markdown, "Its share defers to the other covering policies, whose stricter decision stands.\n"))
      << r.markdown;
  EXPECT_TRUE(has(r.markdown, "- Rule `accept` (share, defers) applied: The receiving team accepts the referral\n"))
      << r.markdown;

  r = render(w.p, w.scenario(1, 1, 0, 0));
  EXPECT_FALSE(has(r.markdown, "Its share defers")) << r.markdown;
  EXPECT_TRUE(has(r.markdown, "- Rule `accept` (share, defers) applied")) << r.markdown;
  EXPECT_TRUE(has(r.markdown, "- Rule `send` (share) applied")) << r.markdown;
}

// An undetermined bundle has no stricter decision that stood: neither text nor
// Markdown may say one did.
TEST(RenderDefers, NothingStoodAsideWhenTheBundleIsUndetermined) {
  Bundle w;
  Rendered r = render(w.p, w.scenario(-1, 1, 0, 0));  // the sender's rule is undetermined
  EXPECT_TRUE(has(r.text, "Decision: undetermined\n")) << r.text;
  EXPECT_FALSE(has(r.text, "defers to the other covering policies")) << r.text;
  EXPECT_FALSE(has(r.markdown, "Its share defers")) << r.markdown;
}

TEST(RenderDefers, MarkdownKeepsTheRuleMarksWhenTheBundleShares) {
  Bundle w;
  Rendered r = render(w.p, w.scenario(1, 1, 0, 0));
  EXPECT_FALSE(has(r.markdown, "Its share defers")) << r.markdown;
  EXPECT_TRUE(has(r.markdown, "- Rule `accept` (share, defers) applied")) << r.markdown;
  EXPECT_TRUE(has(r.markdown, "- Rule `send` (share) applied")) << r.markdown;
}

}  // namespace
}  // namespace proviso
