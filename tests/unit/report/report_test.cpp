// The report room's generic rules: what is blocking (red flags), what cites a question,
// which conditions are a group's, the radar's spokes and thresholds, unknown answers.
#include <gtest/gtest.h>

#include <algorithm>

#include "proviso/report/assess.hpp"
#include "proviso/report/coverage.hpp"
#include "proviso/report/links.hpp"
#include "proviso/report/publish.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "support/test_support.hpp"

namespace proviso {
namespace {

using test::compile_ok;

constexpr const char* kBundle = R"(
sectors { health, housing }
type score = int (1 .. 5)
framework fw "A framework" {
  question a "Question a" group g1
  question b "Question b" group g1
  question c "Question c" group g2
  question d "Question d"
}
fact sa: score "Score a" cite fw.a
fact sb: score "Score b" cite fw.b cite fw.a
fact sc: score "Score c" cite fw.c
fact flag: bool "A worry"
condition g1 = sa + sb >= 6 "Group one holds" cite fw.a cite fw.b
condition low_c = sc <= 2 "c is low"
condition worry = flag "A worry is raised" cite fw.d
condition good = not low_c and g1 "All good"
condition positive_only = sa > 3 "sa is high"
policy p {
  rule ok: share when good unless worry
  rule stop: deny when not not low_c
  rule ask: refer when positive_only
}
)";

std::vector<FrameworkInfo> frameworks_of(const Compilation& c) {
  std::vector<FrameworkInfo> out;
  for (const ast::File& file : c.files) {
    for (const ast::Framework& fw : file.frameworks) {
      FrameworkInfo f{fw.name.text, fw.title, {}};
      for (const ast::Question& q : fw.questions) f.questions.push_back({q.name.text, q.text, q.group ? q.group->text : ""});
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::uint32_t condition(const Program& p, std::string_view name) {
  for (std::uint32_t i = 0; i < p.conditions.size(); ++i) {
    if (p.conditions[i].name == name) return i;
  }
  ADD_FAILURE() << "no condition " << name;
  return 0;
}

TEST(ReportLinks, BlockingFollowsNegationsAndOnlyDenyWhensAndShareUnlesses) {
  Compilation c = compile_ok(kBundle);
  const Program& p = *c.program;
  const ProgramLinks links(p);
  EXPECT_TRUE(links.blocking[condition(p, "worry")]);          // a share rule's unless
  EXPECT_TRUE(links.blocking[condition(p, "low_c")]);          // not not, in a deny when
  EXPECT_FALSE(links.blocking[condition(p, "good")]);          // a share rule's when
  EXPECT_FALSE(links.blocking[condition(p, "g1")]);            // under good, positively
  EXPECT_FALSE(links.blocking[condition(p, "positive_only")]); // a refer blocks nothing
}

TEST(ReportLinks, QuestionsReachRulesThroughFactsAndConditions) {
  Compilation c = compile_ok(kBundle);
  const Program& p = *c.program;
  const std::vector<FrameworkInfo> fws = frameworks_of(c);
  const ProgramLinks links(p);
  const std::vector<QuestionLinks> q = question_links(p, links, fws[0]);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].facts.size(), 2u);  // sa and sb cite fw.a
  EXPECT_EQ(q[0].rules.size(), 2u);  // ok (through good, g1) and ask (positive_only reads sa)
  EXPECT_EQ(q[2].conditions.size(), 0u);
  EXPECT_EQ(q[2].rules.size(), 2u);  // sc is read by ok and stop
  EXPECT_TRUE(condition_about(p, links, condition(p, "low_c"), fws[0]));   // reads sc, which cites fw.c
  EXPECT_FALSE(condition_about(p, links, condition(p, "good"), fws[0]));  // only through other conditions
}

TEST(ReportAssess, SpokesThresholdsGroupsAndUnknownAnswers) {
  Compilation c = compile_ok(kBundle);
  const std::vector<FrameworkInfo> fws = frameworks_of(c);
  const Program& p = *c.program;
  Evaluation evaluation(make_plan(std::shared_ptr<const Program>(std::move(c.program))));
  Scenario s;
  s.reset(p.facts.size());
  s.set(kFactFrom, 0);
  s.set(kFactTo, 1);
  s.set(p.find_fact("sa"), 4);
  s.set(p.find_fact("sc"), 1);
  const Result r = evaluation.evaluate(s, EvaluateOptions{.keep_values = true});
  const Assessment a = assess(p, fws[0], s, r);
  // sb cites fw.b first: two spokes in g1 (a, b), one in g2; d has no score.
  ASSERT_EQ(a.spokes.size(), 3u);
  EXPECT_EQ(fws[0].questions[a.spokes[1].question].name, "b");
  EXPECT_FALSE(a.spokes[1].known);  // sb is not given: unknown, not zero
  ASSERT_EQ(a.groups[0].questions[0].facts.size(), 2u);  // sa and sb cite fw.a
  EXPECT_EQ(describe_answer(p, a.groups[0].questions[0].facts[1]), "unknown");  // sb
  EXPECT_EQ(describe_answer(p, a.groups[0].questions[0].facts[0]), "4 of 1..5");
  ASSERT_TRUE(a.spokes[0].threshold.has_value());  // sa > 3 in positive_only (a sum is no threshold)
  EXPECT_EQ(a.spokes[0].threshold->op, ">");
  EXPECT_EQ(a.spokes[0].threshold->value, 3);
  ASSERT_TRUE(a.spokes[2].threshold.has_value());
  EXPECT_EQ(a.spokes[2].threshold->op, "<=");
  // g1 is named after its group and cites every question of it.
  ASSERT_EQ(a.groups.size(), 3u);  // g1, g2 and the ungrouped question
  ASSERT_EQ(a.groups[0].conditions.size(), 1u);
  EXPECT_EQ(p.conditions[a.groups[0].conditions[0].condition].name, "g1");
  EXPECT_EQ(a.groups[0].conditions[0].value, Tri::unknown);
  EXPECT_EQ(a.groups[2].name, "");
  // Red flags: low_c (reads sc) holds; worry (cites fw.d) is unknown.
  ASSERT_EQ(a.flags.size(), 2u);
  EXPECT_EQ(p.conditions[a.flags[0].condition].name, "low_c");
  EXPECT_EQ(a.flags[0].value, Tri::true_);
  EXPECT_EQ(a.flags[1].value, Tri::unknown);
  const std::string svg = render_radar_svg(a);
  std::size_t spokes = 0;
  for (std::size_t at = svg.find("class=\"spoke\""); at != std::string::npos; at = svg.find("class=\"spoke\"", at + 1)) ++spokes;
  EXPECT_EQ(spokes, 3u);
  EXPECT_NE(svg.find("b unknown</text>"), std::string::npos);
}

TEST(ReportPublish, SamePagesEveryTimeAndOnlyTheBundlesWords) {
  Compilation c = compile_ok(R"(
sectors { health, housing }
obligation agree "Sign the agreement"
fact ok: bool "Is it <fine> & agreed?"
policy p {
  sector housing
  rule r: share when ok require agree because "Because \"we\" said so" cite "Act 1 s2"
  rule into_housing: deny when not ok and to == housing
  rule either: deny when from == health or ok
}
)");
  const std::vector<PublishedFile> a = publish_register(*c.program, {});
  const std::vector<PublishedFile> b = publish_register(*c.program, {});
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].path, "policy-p.html");
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].content, b[i].content);
  const std::string& page = a[1].content;
  EXPECT_NE(page.find("Is it &lt;fine&gt; &amp; agreed?"), std::string::npos);
  EXPECT_NE(page.find("Because &quot;we&quot; said so"), std::string::npos);
  EXPECT_NE(page.find("Sign the agreement"), std::string::npos);
  EXPECT_NE(page.find("Act 1 s2"), std::string::npos);
  EXPECT_EQ(page.find("<fine>"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos);
  // By kind of flow: a rule that requires `to == housing`; one branch of an `or` is no
  // requirement.
  const std::string& index = a[0].content;
  EXPECT_NE(index.find("Rules for data coming into housing:</p>\n<ul><li><a href=\"policy-p.html#rule-into_housing\">"),
            std::string::npos);
  EXPECT_EQ(index.find("Rules for data leaving health"), std::string::npos);
}

}  // namespace
}  // namespace proviso
