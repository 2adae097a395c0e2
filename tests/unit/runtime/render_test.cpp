// Renderers on a small example: the JSON contract exactly, key lines of the text tree
// and of the Markdown decision record. Full goldens come through the CLI.
#include <gtest/gtest.h>

#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

struct Example {
  Program p;
  std::uint32_t consent, measurable, opted_out;
  Example() {
    test::ProgramBuilder b;
    auto basis = b.enum_type("consent_basis", {"explicit", "implied", "none"});
    consent = b.fact("consent", basis, "What consent is in place?", {{"", "Caldicott principle 7"}});
    measurable = b.fact("benefit.measurable", b.bool_type(), "Can the benefit be measured?",
                        {{"dpb.q3", "Can the benefit be measured?"}});
    opted_out = b.fact("national_opt_out", b.bool_type(), "Has the person opted out?");
    auto dpia = b.obligation("dpia", "Complete a data protection impact assessment");
    auto pseudo = b.obligation("pseudonymise", "Pseudonymise the records before they leave the sender");
    auto consented = b.condition("consented", b.in(b.f(consent), {"explicit", "implied"}), "Consent is in place");
    b.policy("care", b.sector("health"));
    auto research = b.rule("research", Effect::share, b.all({consented, b.f(measurable)}))
                        .require({pseudo, dpia})
                        .because("Measurable benefit with consent", {{"", "Caldicott principle 7"}});
    b.rule("opted_out", Effect::deny, b.f(opted_out)).beats({research});
    p = b.build();
  }
  Scenario scenario(int consent_value, int measurable_value, int opted) const {
    Scenario s;
    s.reset(p.facts.size());
    s.set(kFactFrom, 0);  // health
    s.set(kFactTo, 1);    // housing
    if (consent_value >= 0) s.set(consent, consent_value);
    if (measurable_value >= 0) s.set(measurable, measurable_value);
    if (opted >= 0) s.set(opted_out, opted);
    return s;
  }
};

struct Rendered {
  std::string json, text, markdown, bare_json;
};

Rendered render(const Example& e, const Scenario& s) {
  Evaluation ev(make_plan(e.p));
  ev.set_default_date(*parse_date("2026-01-02"));
  Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
  Trace t = build_trace(e.p, s, r);
  RenderContext with{e.p, s, r, &t, "Discharge list", "2026-01-02T03:04:05Z"};
  RenderContext without{e.p, s, r, nullptr, "", ""};
  return {render_result_json(with), render_result_text(with), render_result_markdown(with),
          render_result_json(without)};
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

TEST(Render, DecisionOnlyJson) {
  std::string out;
  append_decision_json(out, Outcome::share);
  append_decision_json(out, Outcome::undetermined);
  EXPECT_EQ(out, R"({"decision":"share"}{"decision":"undetermined"})");
}

TEST(Render, JsonFollowsTheContract) {
  Example e;
  Rendered r = render(e, e.scenario(1, 1, 0));
  EXPECT_EQ(r.bare_json,
            R"({"decision":"share","on":"2026-01-02","obligations":["dpia","pseudonymise"],"missing":[],"next_question":null,"questions":[],)"
            R"("policies":[{"policy":"care","decision":"share","default":false,"conflict":false,)"
            R"("obligations":["dpia","pseudonymise"],"rules":[{"rule":"research","status":"applied","effect":"share"},)"
            R"({"rule":"opted_out","status":"not_applicable","effect":"deny"}]}]})");
  const std::string trace_start =
      R"("trace":{"node":"decision","name":"share","value":true,"text":"the strictest decision of the covering )"
      R"(policies","cite":[],"children":[{"node":"policy","name":"care","value":true,"text":"decides share",)"
      R"("cite":[],"children":[{"node":"rule","name":"research","value":true,"status":"applied",)"
      R"("effect":"share","file":"test.proviso","line":1001,"text":"Measurable benefit with consent","cite":["Caldicott principle 7"],)"
      R"("children":[{"node":"and","name":"consented and benefit.measurable","value":true,"text":"","cite":[],)"
      R"("children":[{"node":"condition","name":"consented","value":true,"text":"Consent is in place",)"
      R"("cite":[],"children":[{"node":"compare","name":"consent in {explicit, implied}","value":true,)"
      R"("text":"","cite":[],"children":[{"node":"fact","name":"consent","value":"implied",)"
      R"("text":"What consent is in place?","cite":["Caldicott principle 7"],"children":[]}]}]},)"
      R"({"node":"fact","name":"benefit.measurable","value":true,"text":"Can the benefit be measured?",)"
      R"("cite":["dpb.q3: Can the benefit be measured?"],"children":[]}]}]},)"
      R"({"node":"rule","name":"opted_out","value":false,"status":"not_applicable","effect":"deny","file":"test.proviso","line":1002,)"
      R"("text":"","cite":[],"children":[{"node":"fact","name":"national_opt_out","value":false,)";
  EXPECT_TRUE(has(r.json, trace_start)) << r.json;
  EXPECT_EQ(r.json.back(), '}');
}

TEST(Render, JsonListsMissingFactsWithTheirQuestions) {
  Example e;
  Rendered r = render(e, e.scenario(1, -1, -1));
  EXPECT_TRUE(has(r.bare_json, R"({"decision":"undetermined","on":"2026-01-02","obligations":[],)"
                               R"("missing":["benefit.measurable","national_opt_out"],)"
                               R"("next_question":"benefit.measurable",)"
                               R"("questions":["Can the benefit be measured?","Has the person opted out?"],)"))
      << r.bare_json;
  EXPECT_TRUE(has(r.text, "Decision: undetermined\nNext question: Can the benefit be measured? (benefit.measurable)\n"))
      << r.text;
  EXPECT_TRUE(has(r.json, R"({"node":"fact","name":"benefit.measurable","value":"unknown",)")) << r.json;
}

TEST(Render, JsonSaysWhenNoPolicyCovers) {
  Example e;
  Scenario s = e.scenario(1, 1, 0);
  s.set(kFactFrom, 2);  // education -> housing: nothing covers it
  Rendered r = render(e, s);
  EXPECT_TRUE(has(r.json, R"("no_covering_policy":true,"policies":[])")) << r.json;
  EXPECT_TRUE(has(r.json, R"("text":"no policy covers the flow education -> housing, so it is denied")")) << r.json;
}

TEST(Render, TextPutsTheDecisionFirstThenWhy) {
  Example e;
  Rendered r = render(e, e.scenario(1, 1, 0));
  const std::string expected_start =
      "Scenario: Discharge list\n"
      "Flow: health -> housing\n"
      "Decision: share\n"
      "Obligations:\n"
      "  - dpia: Complete a data protection impact assessment\n"
      "  - pseudonymise: Pseudonymise the records before they leave the sender\n"
      "\nWhy:\n"
      "  policy care decides share\n"
      "    rule care.research (share) applied [test.proviso:1001]\n"
      "        because: Measurable benefit with consent\n"
      "        cite: Caldicott principle 7\n"
      "        ✓ all of:\n"
      "          ✓ consented — Consent is in place\n"
      "            ✓ consent in {explicit, implied}\n"
      "              • consent = implied — What consent is in place? [Caldicott principle 7]\n"
      "          ✓ benefit.measurable = true — Can the benefit be measured? [dpb.q3: Can the benefit be measured?]\n"
      "\nRules that did not apply:\n"
      "  rule care.opted_out (deny) did not apply [test.proviso:1002]\n"
      "      ✗ national_opt_out = false — Has the person opted out?\n";
  EXPECT_EQ(r.text, expected_start);
}

TEST(Render, TextShowsOverridesAndQuestions) {
  Example e;
  Rendered r = render(e, e.scenario(1, 1, 1));
  EXPECT_TRUE(has(r.text, "Decision: deny\n")) << r.text;
  EXPECT_TRUE(has(r.text, "\nOverridden:\n  rule care.research (share) applied but was overridden by care.opted_out [test.proviso:1001]\n"))
      << r.text;

  r = render(e, e.scenario(1, -1, 0));
  EXPECT_TRUE(has(r.text, "Decision: undetermined\n")) << r.text;
  EXPECT_TRUE(has(r.text, "\nUndetermined rules:\n  rule care.research (share) could not be decided [test.proviso:1001]\n")) << r.text;
  EXPECT_TRUE(has(r.text, "? benefit.measurable is unknown — Can the benefit be measured?")) << r.text;
  EXPECT_TRUE(has(r.text, "\nQuestions still to answer:\n  - benefit.measurable: Can the benefit be measured?\n"))
      << r.text;
  EXPECT_FALSE(has(render(e, e.scenario(1, 1, 0)).text, "Next question")) << "only when undetermined";
}

TEST(Render, MarkdownIsADecisionRecord) {
  Example e;
  Rendered r = render(e, e.scenario(1, 1, 0));
  const std::string& md = r.markdown;
  EXPECT_EQ(md.rfind("# Decision record: Discharge list\n", 0), 0u) << md;
  EXPECT_TRUE(has(md, "| Flow | health → housing |\n")) << md;
  EXPECT_TRUE(has(md, "| Decision | **share** |\n| Decided as on | 2026-01-02 |\n")) << md;
  EXPECT_TRUE(has(md, "| Recorded | 2026-01-02T03:04:05Z |\n")) << md;
  EXPECT_TRUE(has(md, "| Bundle version | `test-version` |\n")) << md;
  EXPECT_TRUE(has(md, "## Obligations\n\n- `dpia`: Complete a data protection impact assessment\n")) << md;
  EXPECT_TRUE(has(md, "- Rule `research` (share) applied: Measurable benefit with consent\n"
                      "  - Cites: Caldicott principle 7\n")) << md;
  EXPECT_TRUE(has(md, "| `care.opted_out` | deny | not_applicable | `test.proviso:1002` |\n")) << md;
  EXPECT_TRUE(has(md, "| `consent` | `implied` | What consent is in place? |\n")) << md;
  EXPECT_TRUE(has(md, "| `benefit.measurable` | `true` | Can the benefit be measured? |\n")) << md;
}

TEST(Render, MarkdownListsQuestionsForAnUndeterminedDecision) {
  Example e;
  Rendered r = render(e, e.scenario(-1, 1, 0));
  EXPECT_TRUE(has(r.markdown, "| Decision | **undetermined** |\n| Decided as on | 2026-01-02 |\n"
                              "| Next question | What consent is in place? (`consent`) |\n")) << r.markdown;
  EXPECT_TRUE(has(r.markdown, "## Questions still to answer\n\n- `consent`: What consent is in place?\n"))
      << r.markdown;
  EXPECT_FALSE(has(r.markdown, "## Obligations")) << r.markdown;
}

// A share that an undecided rule could still add an obligation to: every form names the
// obligation and the question that settles it.
TEST(Render, EveryFormNamesObligationsThatMayStillApply) {
  test::ProgramBuilder b;
  auto plain = b.fact("plain", b.bool_type());
  auto risky = b.fact("high_risk", b.bool_type(), "Does an ICO high-risk criterion apply?");
  auto dpia = b.obligation("dpia", "Complete a data protection impact assessment");
  b.policy("care", b.sector("health"));
  b.rule("share_it", Effect::share, b.f(plain));
  b.rule("assess", Effect::share, b.f(risky)).require({dpia});
  Program p = b.build();
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  s.set(plain, 1);
  Evaluation ev(make_plan(p));
  Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
  Trace t = build_trace(p, s, r);
  RenderContext c{p, s, r, &t, "", "2026-01-02T03:04:05Z"};
  EXPECT_TRUE(has(render_result_json(c), R"("possible_obligations":["dpia"],"obligation_questions":["high_risk"])"));
  const std::string text = render_result_text(c);
  EXPECT_TRUE(has(text, "Obligations that may also apply (rules not yet decided):\n"
                        "  - dpia: Complete a data protection impact assessment\n"
                        "  answer first:\n"
                        "  - high_risk: Does an ICO high-risk criterion apply?\n"))
      << text;
  const std::string md = render_result_markdown(c);
  EXPECT_TRUE(has(md, "- `dpia`: Complete a data protection impact assessment\n")) << md;
  EXPECT_TRUE(has(md, "- `high_risk`: Does an ICO high-risk criterion apply?\n")) << md;
}

}  // namespace
}  // namespace proviso
