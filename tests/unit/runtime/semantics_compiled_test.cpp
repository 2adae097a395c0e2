// Semantics tables written in the language itself (language.md sections 5 and 6):
// each bundle is compiled, each scenario read as JSON, and the decision, obligations
// and missing facts checked, through the same path the CLI takes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "support/test_support.hpp"

namespace proviso {
namespace {

using Names = std::vector<std::string>;

constexpr const char* kPrelude = R"(
sectors { health, housing, education }
fact a: bool "Is a so?"
fact b: bool "Is b so?"
fact c: bool
fact n: int (0 .. 100) "How many?"
fact kind: enum { red, green, blue }
type colour = enum { cyan, magenta, yellow }
fact tags: set of colour
obligation audit "Keep an audit log"
obligation dpia "Complete a DPIA"
obligation minimise "Share the minimum"
)";

struct Case {
  std::string facts;  // the "facts" object; the flow is health -> housing unless `flow` says
  std::string decision;
  Names obligations = {};
  Names missing = {};
  std::string flow = R"("from": "health", "to": "housing")";
};

struct Outcomes {
  std::string decision;
  Names obligations, missing;
  Result result;
};

Outcomes decide(const Program& p, const Case& c) {
  ScenarioReader reader(p);
  Scenario s;
  Diagnostic error;
  const std::string json = "{" + c.flow + R"(, "facts": )" + c.facts + "}";
  Outcomes out;
  if (!reader.read(json, s, error)) {
    ADD_FAILURE() << "bad scenario " << json << ": " << error.message;
    return out;
  }
  Evaluation ev(make_plan(p));
  out.result = ev.evaluate(s);
  EXPECT_EQ(ev.decide(s), out.result.decision) << json;
  out.decision = std::string(to_string(out.result.decision));
  for (std::uint32_t o : out.result.obligations) out.obligations.push_back(p.obligations[o].name);
  for (std::uint32_t f : out.result.missing) out.missing.push_back(p.facts[f].name);
  return out;
}

void check(const std::string& policies, std::initializer_list<Case> cases) {
  Compilation c = test::compile_ok(std::string(kPrelude) + policies);
  ASSERT_TRUE(c.program) << policies;
  for (const Case& k : cases) {
    Outcomes got = decide(*c.program, k);
    EXPECT_EQ(got.decision, k.decision) << policies << "\nfacts: " << k.facts;
    EXPECT_EQ(got.obligations, k.obligations) << policies << "\nfacts: " << k.facts;
    EXPECT_EQ(got.missing, k.missing) << policies << "\nfacts: " << k.facts;
  }
}

TEST(CompiledSemantics, DefaultsDecideWhenNoRuleApplies) {
  check(R"(policy p { default refer  rule r: share when a })",
        {{R"({"a": false})", "refer"}, {R"({"a": true})", "share"}});
  check(R"(policy p { rule r: share when a })", {{R"({"a": false})", "deny"}});  // default deny
}

TEST(CompiledSemantics, StrictestAndFirst) {
  const char* rules = R"(
    rule lenient: share when a
    rule stop: deny when b
    rule ask: refer when c
  )";
  check(std::string("policy p { combine strictest ") + rules + "}",
        {{R"({"a": true, "b": true, "c": false})", "deny"},
         {R"({"a": true, "b": false, "c": true})", "refer"},
         {R"({"a": true, "b": false, "c": false})", "share"}});
  check(std::string("policy p { combine first ") + rules + "}",
        {{R"({"a": true, "b": true, "c": true})", "share"},
         {R"({"a": false, "b": true, "c": true})", "deny"},
         {R"({"a": false, "b": false, "c": true})", "refer"}});
}

TEST(CompiledSemantics, ConflictsAreMarked) {
  Compilation c = test::compile_ok(std::string(kPrelude) + R"(
    policy p { combine first  rule one: share when a  rule two: deny when b  rule three: share when c })");
  ASSERT_TRUE(c.program);
  Outcomes both = decide(*c.program, {R"({"a": true, "b": true, "c": false})", "share"});
  EXPECT_TRUE(both.result.policies.at(0).conflict);
  Outcomes same = decide(*c.program, {R"({"a": true, "b": false, "c": true})", "share"});
  EXPECT_FALSE(same.result.policies.at(0).conflict);
}

TEST(CompiledSemantics, OverridesAreTransitiveThroughANonApplyingMiddleRule) {
  check(R"(
    policy p {
      default refer
      rule top: deny when a overrides middle
      rule middle: refer when b overrides bottom
      rule bottom: share when c
    })",
        {{R"({"a": true, "b": false, "c": true})", "deny"},
         {R"({"a": false, "b": false, "c": true})", "share"},
         {R"({"a": false, "b": true, "c": true})", "refer"}});
  Compilation c = test::compile_ok(std::string(kPrelude) + R"(
    policy p { rule top: deny when a overrides middle  rule middle: refer when b overrides bottom
               rule bottom: share when c })");
  ASSERT_TRUE(c.program);
  Outcomes o = decide(*c.program, {R"({"a": true, "b": false, "c": true})", "deny"});
  EXPECT_EQ(o.result.rule_status[c.program->find_rule("p.bottom")], RuleStatus::overridden);
  EXPECT_EQ(o.result.rule_status[c.program->find_rule("p.middle")], RuleStatus::not_applicable);
  EXPECT_EQ(o.result.rule_status[c.program->find_rule("p.top")], RuleStatus::applied);
}

TEST(CompiledSemantics, ObligationsAreTheSortedUnionAcrossRulesAndPolicies) {
  check(R"(
    policy p {
      rule one: share when a require minimise, audit
      rule two: share when b require dpia, audit
      rule three: share when c require minimise overrides two
    }
    policy q { rule also: share when a require dpia })",
        {{R"({"a": true, "b": true, "c": false})", "share", {"audit", "dpia", "minimise"}},
         {R"({"a": true, "b": true, "c": true})", "share", {"audit", "dpia", "minimise"}},
         {R"({"a": true, "b": false, "c": false})", "share", {"audit", "dpia", "minimise"}}});
  check(R"(
    policy p { rule one: share when a require minimise  rule two: share when b require dpia overrides one }
    policy q { default share  rule no: refer when c })",
        {{R"({"a": true, "b": true, "c": false})", "share", {"dpia"}},
         {R"({"a": true, "b": false, "c": false})", "share", {"minimise"}},
         {R"({"a": true, "b": false, "c": true})", "refer"}});  // not share: no obligations
}

TEST(CompiledSemantics, CoveringPoliciesAndTheStrictestOfThem) {
  const char* bundle = R"(
    policy everywhere { default share }
    policy health_only { sector health  rule careful: refer when a }
    policy education_only { sector education  rule closed: deny when a }
  )";
  check(bundle, {{R"({"a": true})", "refer"},
                 {R"({"a": false})", "deny"},  // health_only's default deny
                 {R"({"a": true})", "deny", {}, {}, R"("from": "housing", "to": "education")"},
                 {R"({"a": true})", "share", {}, {}, R"("from": "housing", "to": "housing")"}});
}

TEST(CompiledSemantics, NoCoveringPolicyDenies) {
  Compilation c = test::compile_ok(std::string(kPrelude) + R"(policy h { sector health  default share })");
  ASSERT_TRUE(c.program);
  Outcomes o = decide(*c.program, {"{}", "deny", {}, {}, R"("from": "housing", "to": "education")"});
  EXPECT_EQ(o.decision, "deny");
  EXPECT_TRUE(o.result.no_covering_policy);
  Outcomes covered = decide(*c.program, {"{}", "share", {}, {}, R"("from": "education", "to": "health")"});
  EXPECT_EQ(covered.decision, "share");
}

TEST(CompiledSemantics, KleeneLogicWithUnknowns) {
  // One share rule over a default deny: share, deny or undetermined reads the condition.
  struct Row {
    const char* when;
    const char* facts;
    const char* decision;
  };
  const Row table[] = {
      {"a and b", R"({"a": false})", "deny"},           // false and unknown = false
      {"a and b", R"({"a": true})", "undetermined"},     // true and unknown = unknown
      {"a or b", R"({"a": true})", "share"},            // true or unknown = true
      {"a or b", R"({"a": false})", "undetermined"},     // false or unknown = unknown
      {"not a", R"({})", "undetermined"},                 // not unknown = unknown
      {"not a", R"({"a": false})", "share"},
      {"n > 3", R"({})", "undetermined"},                 // comparison with an unknown operand
      {"n + 1 > 3 or a", R"({"a": true})", "share"},
      {"n * 2 >= 10", R"({"n": 5})", "share"},
      {"n - 5 < 0", R"({"n": 5})", "deny"},
      {"kind in {red, blue}", R"({"kind": "blue"})", "share"},
      {"kind in {red, blue}", R"({})", "undetermined"},
      {"kind != green", R"({"kind": "green"})", "deny"},
      {"magenta in tags", R"({"tags": ["cyan", "magenta"]})", "share"},
      {"yellow in tags", R"({"tags": []})", "deny"},
      {"yellow in tags", R"({})", "undetermined"},
      {"(a or b) and not c", R"({"b": true, "c": false})", "share"},
  };
  for (const Row& row : table) {
    Compilation c = test::compile_ok(std::string(kPrelude) + "policy p { rule r: share when " + row.when + " }");
    ASSERT_TRUE(c.program) << row.when;
    EXPECT_EQ(decide(*c.program, {row.facts, row.decision}).decision, row.decision) << row.when << " " << row.facts;
  }
}

TEST(CompiledSemantics, UnlessBlocksARule) {
  check(R"(policy p { rule r: share when a unless b })",
        {{R"({"a": true, "b": false})", "share"},
         {R"({"a": true, "b": true})", "deny"},
         {R"({"a": true})", "undetermined", {}, {"b"}},
         {R"({"a": false})", "deny"}});
}

TEST(CompiledSemantics, UndeterminedOnlyWhenAnUnknownCouldChangeTheDecision) {
  check(R"(
    policy p {
      rule ok: share when a require audit
      rule stop: deny when b
    })",
        {{R"({"a": true})", "undetermined", {}, {"b"}},   // stop could turn share into deny
         {R"({"b": true})", "deny"},                        // ok cannot change a strictest deny
         {R"({"a": true, "b": false})", "share", {"audit"}},
         {"{}", "undetermined", {}, {"a", "b"}}});
}

TEST(CompiledSemantics, MissingFactsFollowDeclarationOrderThroughConditions) {
  check(R"(
    condition both = c and a "Both c and a"
    policy p { rule r: share when n > 1 and both })",
        {{"{}", "undetermined", {}, {"a", "c", "n"}},
         {R"({"c": true})", "undetermined", {}, {"a", "n"}},
         {R"({"c": false})", "deny"}});
}

TEST(CompiledSemantics, AnotherPolicysDenyMakesUnknownsIrrelevant) {
  check(R"(
    policy open { rule ok: share when a }
    policy closed { default share  rule no: deny when b })",
        {{R"({"b": true})", "deny"}, {R"({"b": false})", "undetermined", {}, {"a"}}});
}

TEST(CompiledSemantics, BundleScenariosMeetTheirExpectations) {
  Compilation c = test::compile_ok(std::string(kPrelude) + R"(
    policy p {
      rule ok: share when a require audit
      rule stop: deny when b
    }
    scenario "clear" { from health to housing  a = true  b = false  expect share require audit }
    scenario "blocked" { from health to housing  a = true  b = true  expect deny }
    scenario "open question" { from health to housing  a = true  expect undetermined missing b }
  )");
  ASSERT_TRUE(c.program);
  ASSERT_EQ(c.program->scenarios.size(), 3u);
  Evaluation ev(make_plan(*c.program));
  for (const NamedScenario& s : c.program->scenarios) {
    ASSERT_TRUE(s.expect.has_value()) << s.title;
    Result r = ev.evaluate(s.facts);
    EXPECT_EQ(r.decision, s.expect->outcome) << s.title;
    if (s.expect->check_obligations) {
      EXPECT_EQ(r.obligations, s.expect->obligations) << s.title;
    }
    if (s.expect->check_missing) {
      EXPECT_EQ(r.missing, s.expect->missing) << s.title;
    }
  }
}

}  // namespace
}  // namespace proviso
