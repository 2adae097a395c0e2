// Differential testing: the compiled runtime (lowering + Plan + Evaluation) against the
// reference evaluator that walks the AST, on thousands of generated policies and
// scenarios. A disagreement prints the policy text, the scenario and every difference.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "../../../fuzz/policy_generator.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "runtime/reference_evaluator.hpp"

namespace proviso {
namespace {

std::string show(const reference::Facts& facts) {
  std::string s;
  for (const auto& [name, v] : facts) {
    s += "  " + name + " = ";
    switch (v.kind) {
      case reference::Value::Kind::boolean: s += v.number ? "true" : "false"; break;
      case reference::Value::Kind::integer: s += std::to_string(v.number); break;
      case reference::Value::Kind::enumeration: s += v.name; break;
      case reference::Value::Kind::set: {
        s += "{";
        bool first = true;
        for (const std::string& m : v.members) {
          s += (first ? " " : ", ") + m;
          first = false;
        }
        s += " }";
        break;
      }
    }
    s += "\n";
  }
  return s.empty() ? "  (every fact unknown)\n" : s;
}

Compilation compile_or_fail(const std::string& text) {
  Compilation c = compile_text("random.proviso", text);
  if (c.diagnostics.has_errors() || !c.program) {
    ADD_FAILURE() << "a generated policy did not compile:\n"
                  << text << "\n--- diagnostics ---\n"
                  << render_text(c.diagnostics);
  }
  return c;
}

// What the generated cases covered, so that a generator that drifts into trivial
// policies (everything `deny`, say) fails the test instead of passing vacuously.
struct Coverage {
  int compared = 0;
  int decisions[4] = {0, 0, 0, 0};  // by Outcome
  int statuses[5] = {0, 0, 0, 0};   // by RuleStatus
  int conflicts = 0, defaults = 0, uncovered = 0, obligations = 0, missing = 0;
  // Undetermined with a question to ask, and where `missing` is narrower than every
  // unknown fact of every undetermined rule (what toggling one rule at a time listed).
  int next_question = 0, narrower = 0;
};

void expect_coverage(const Coverage& c) {
  const int n = c.compared;
  for (int o = 0; o < 4; ++o) {
    EXPECT_GT(c.decisions[o], n / 50) << "decision " << to_string(static_cast<Outcome>(o)) << " is rare";
  }
  for (int s = 0; s < 4; ++s) {
    EXPECT_GT(c.statuses[s], n / 50) << "rule status " << to_string(static_cast<RuleStatus>(s)) << " is rare";
  }
  EXPECT_GT(c.conflicts, n / 100);
  EXPECT_GT(c.defaults, n / 100);
  EXPECT_GT(c.uncovered, n / 200);
  EXPECT_GT(c.obligations, n / 100);
  EXPECT_GT(c.missing, n / 100);
  EXPECT_GT(c.next_question, n / 100);
  EXPECT_GT(c.narrower, n / 200);
}

void count(Coverage& c, const Program& p, const Scenario& s, const Result& r) {
  ++c.compared;
  ++c.decisions[static_cast<int>(r.decision)];
  for (RuleStatus s : r.rule_status) ++c.statuses[static_cast<int>(s)];
  for (const PolicyResult& p : r.policies) {
    c.conflicts += p.conflict;
    c.defaults += p.by_default;
  }
  c.uncovered += r.no_covering_policy;
  c.obligations += !r.obligations.empty();
  c.missing += !r.missing.empty();
  c.next_question += r.next_question != kNone;
  if (r.decision == Outcome::undetermined) {
    std::set<std::uint32_t> unknown;
    for (std::uint32_t rule = 0; rule < p.rules.size(); ++rule) {
      if (r.rule_status[rule] != RuleStatus::undetermined) continue;
      for (std::uint32_t f : p.rules[rule].facts) {
        if (!s.known[f]) unknown.insert(f);
      }
    }
    c.narrower += r.missing.size() < unknown.size();
  }
}

// Runs `policies` generated bundles with `scenarios` scenarios each.
Coverage run_differential(std::uint64_t first_seed, int policies, int scenarios, gen::GeneratorOptions options,
                          std::uint32_t known_percent = 70) {
  Coverage coverage;
  int failures = 0;
  for (int i = 0; i < policies && failures < 3; ++i) {
    gen::PrngChoices choices(first_seed + static_cast<std::uint64_t>(i));
    std::string text = gen::PolicyGenerator(choices, options).generate();
    Compilation c = compile_or_fail(text);
    if (!c.program) {
      ++failures;
      continue;
    }
    const Program& p = *c.program;
    reference::ReferenceEvaluator ref(c.files);
    Evaluation ev(make_plan(p));
    Scenario s;
    Result brief;
    for (int k = 0; k < scenarios; ++k) {
      gen::generate_scenario(choices, p, s, k % 5 == 0 ? 100 : known_percent);
      Result r = ev.evaluate(s);
      reference::Facts facts = reference::facts_of(p, s);
      std::string diff = reference::compare(p, r, ref.evaluate(facts, r.on));
      Outcome fast = ev.decide(s);
      if (fast != r.decision) {
        diff += "decide(): " + std::string(to_string(fast)) + " but evaluate(): " + std::string(to_string(r.decision)) + "\n";
      }
      // The decision-only road (batch --fields decision) gives the same decision line;
      // `brief` is reused across scenarios, so stale vectors would show here too.
      ev.evaluate(s, brief, EvaluateOptions{.decision_only = true});
      if (brief.decision != r.decision || brief.on != r.on || brief.violated != r.violated ||
          brief.no_covering_policy != r.no_covering_policy || brief.obligations != r.obligations ||
          brief.missing != r.missing || brief.next_question != r.next_question) {
        diff += "evaluate(decision_only) differs from evaluate(): " + std::string(to_string(brief.decision)) +
                ", " + std::to_string(brief.obligations.size()) + " obligations, " +
                std::to_string(brief.missing.size()) + " missing\n";
      }
      if (!brief.policies.empty() || !brief.rule_status.empty() || !brief.values.empty()) {
        diff += "evaluate(decision_only) filled the per-rule details\n";
      }
      count(coverage, p, s, r);
      if (!diff.empty()) {
        ADD_FAILURE() << "runtime and reference disagree (seed " << first_seed + static_cast<std::uint64_t>(i)
                      << ")\n--- policy ---\n"
                      << text << "--- scenario ---\n"
                      << show(facts) << "--- differences ---\n"
                      << diff;
        if (++failures >= 3) break;
      }
    }
  }
  return coverage;
}

TEST(Differential, SmallPoliciesAgreeWithTheReference) {
  gen::GeneratorOptions small;
  small.max_facts_per_kind = 2;
  small.max_rules = 4;
  small.max_depth = 2;
  Coverage c = run_differential(1, 500, 12, small);
  EXPECT_EQ(c.compared, 6000);
  expect_coverage(c);
}

TEST(Differential, LargerPoliciesAgreeWithTheReference) {
  gen::GeneratorOptions large;
  large.max_facts_per_kind = 4;
  large.max_conditions = 6;
  large.max_rules = 8;
  large.max_depth = 3;
  Coverage c = run_differential(100'000, 200, 15, large);
  EXPECT_EQ(c.compared, 3000);
  expect_coverage(c);
}

// Four policies, half the facts unknown: undetermined decisions that need several rules,
// often of several policies, to apply together.
TEST(Differential, BundlesWithManyUnknownsAgreeWithTheReference) {
  gen::GeneratorOptions many;
  many.max_facts_per_kind = 3;
  many.max_policies = 4;
  many.max_rules = 6;
  many.max_depth = 2;
  Coverage c = run_differential(200'000, 300, 10, many, 50);
  EXPECT_EQ(c.compared, 3000);
  expect_coverage(c);
  EXPECT_GT(c.narrower, 150);
}

// The reference must be right on its own: hand-written cases straight from the spec's
// sentences, so that the runtime and the reference cannot agree on a shared mistake.
class ReferenceSpec : public ::testing::Test {
 protected:
  reference::Verdict run(const std::string& text, const reference::Facts& facts) {
    c_ = compile_or_fail(text);
    reference::ReferenceEvaluator ref(c_.files);
    reference::Verdict v = ref.evaluate(facts);
    if (c_.program) {
      Evaluation ev(make_plan(*c_.program));
      Scenario s;
      s.reset(c_.program->facts.size());
      for (const auto& [name, value] : facts) {
        std::uint32_t f = c_.program->find_fact(name);
        const Type& t = c_.program->types[c_.program->facts[f].type];
        std::int64_t raw = value.number;
        if (value.kind == reference::Value::Kind::enumeration) raw = t.value_index(value.name);
        s.set(f, raw);
      }
      std::string diff = reference::compare(*c_.program, ev.evaluate(s), v);
      EXPECT_EQ(diff, "") << text;
    }
    return v;
  }
  static reference::Value sector(const char* name) {
    reference::Value v;
    v.kind = reference::Value::Kind::enumeration;
    v.name = name;
    return v;
  }
  static reference::Value boolean(bool b) {
    reference::Value v;
    v.number = b;
    return v;
  }
  Compilation c_;
};

constexpr const char* kOverrides = R"(sectors { health, housing }
fact a: bool
fact b: bool
fact c: bool
obligation dpia "Do a DPIA"
policy p {
  combine first
  rule top: deny when a overrides middle
  rule middle: refer when b overrides bottom
  rule bottom: share when c require dpia
}
)";

TEST_F(ReferenceSpec, OverridesAreTransitiveWhetherOrNotTheMiddleApplies) {
  reference::Verdict v = run(kOverrides, {{"from", sector("health")}, {"to", sector("housing")},
                                          {"a", boolean(true)}, {"b", boolean(false)}, {"c", boolean(true)}});
  EXPECT_EQ(v.decision, Outcome::deny);
  EXPECT_EQ(v.rules["p.bottom"], RuleStatus::overridden);
  EXPECT_EQ(v.rules["p.middle"], RuleStatus::not_applicable);
  EXPECT_EQ(v.rules["p.top"], RuleStatus::applied);
}

TEST_F(ReferenceSpec, UnknownFactsThatCannotChangeTheDecisionDoNotMatter) {
  // top denies and beats everything else, so b and c do not matter.
  reference::Verdict v = run(kOverrides, {{"from", sector("health")}, {"to", sector("housing")}, {"a", boolean(true)}});
  EXPECT_EQ(v.decision, Outcome::deny);
  EXPECT_TRUE(v.missing.empty());
}

TEST_F(ReferenceSpec, AnUndeterminedRuleThatCouldChangeTheDecisionListsItsFacts) {
  reference::Verdict v = run(kOverrides, {{"from", sector("health")}, {"to", sector("housing")}, {"c", boolean(true)}});
  EXPECT_EQ(v.decision, Outcome::undetermined);
  EXPECT_EQ(v.missing, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(v.obligations.empty());
}

TEST_F(ReferenceSpec, ShareCarriesTheObligationsOfItsRules) {
  reference::Verdict v = run(kOverrides, {{"from", sector("health")}, {"to", sector("housing")},
                                          {"a", boolean(false)}, {"b", boolean(false)}, {"c", boolean(true)}});
  EXPECT_EQ(v.decision, Outcome::share);
  EXPECT_EQ(v.obligations, (std::vector<std::string>{"dpia"}));
}

constexpr const char* kCombine = R"(sectors { health, housing, education }
fact a: bool
policy strict {
  sector health
  rule s1: share when a
  rule s2: refer when a
}
policy lenient {
  sector housing
  default share
  combine first
  rule l1: share when a
  rule l2: deny when a
}
)";

TEST_F(ReferenceSpec, StrictestAndFirstResolveConflicts) {
  reference::Verdict v = run(kCombine, {{"from", sector("housing")}, {"to", sector("education")}, {"a", boolean(true)}});
  EXPECT_EQ(v.decision, Outcome::share);
  ASSERT_EQ(v.policies.size(), 1u);
  EXPECT_TRUE(v.policies[0].conflict);
  v = run(kCombine, {{"from", sector("housing")}, {"to", sector("health")}, {"a", boolean(true)}});
  EXPECT_EQ(v.decision, Outcome::refer);  // the strictest of share (first) and refer (strictest)
}

TEST_F(ReferenceSpec, NoCoveringPolicyDenies) {
  reference::Verdict v = run(kCombine, {{"from", sector("education")}, {"to", sector("education")}, {"a", boolean(true)}});
  EXPECT_EQ(v.decision, Outcome::deny);
  EXPECT_TRUE(v.no_covering_policy);
}

TEST_F(ReferenceSpec, DefaultsDecideWhenNoRuleApplies) {
  reference::Verdict v = run(kCombine, {{"from", sector("housing")}, {"to", sector("health")}, {"a", boolean(false)}});
  // lenient defaults to share, strict to deny.
  EXPECT_EQ(v.decision, Outcome::deny);
  ASSERT_EQ(v.policies.size(), 2u);
  EXPECT_TRUE(v.policies[0].by_default);
  EXPECT_EQ(v.policies[1].decision, Outcome::share);
}

TEST_F(ReferenceSpec, KleeneLogicAndUnless) {
  const char* text = R"(sectors { health }
fact a: bool
fact b: bool
fact n: int
policy p {
  default refer
  rule r1: share when a or b unless n + 1 > 10
}
)";
  // a true makes `a or b` true whatever b is; n unknown leaves `unless` unknown.
  reference::Verdict v = run(text, {{"from", sector("health")}, {"to", sector("health")}, {"a", boolean(true)}});
  EXPECT_EQ(v.rules["p.r1"], RuleStatus::undetermined);
  EXPECT_EQ(v.decision, Outcome::undetermined);
  EXPECT_EQ(v.missing, (std::vector<std::string>{"n"}));  // `a or b` is settled by a: b cannot matter
  EXPECT_EQ(v.next_question, "n");
  reference::Value n;
  n.kind = reference::Value::Kind::integer;
  n.number = 3;
  v = run(text, {{"from", sector("health")}, {"to", sector("health")}, {"a", boolean(true)}, {"n", n}});
  EXPECT_EQ(v.decision, Outcome::share);
  n.number = INT64_MAX;  // n + 1 overflows: unknown, not a wrapped negative number
  v = run(text, {{"from", sector("health")}, {"to", sector("health")}, {"a", boolean(true)}, {"n", n}});
  EXPECT_EQ(v.decision, Outcome::undetermined);
}

}  // namespace
}  // namespace proviso
