// The independent reference (tests/unit/reference/) must be right on its own: the
// examples of docs/language.md sections 5 and 6, built as model trees by hand, with the
// answers the document gives. Each is also printed, compiled and run through the
// runtime, so the printer is checked to write what the tree means.
#include <gtest/gtest.h>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "reference/bundle_model.hpp"
#include "reference/bundle_reference.hpp"

namespace proviso {
namespace {

using model::Expr;
using Op = model::Expr::Op;

// A small builder of model bundles.
class Build {
 public:
  Build() {
    b.enums.push_back({"sector", {"health", "housing", "education", "adult_social_care"}});
    b.facts.push_back({"from", model::Kind::enumeration, 0, INT64_MIN, INT64_MAX, "sector", ""});
    b.facts.push_back({"to", model::Kind::enumeration, 0, INT64_MIN, INT64_MAX, "sector", ""});
  }
  std::uint32_t enumeration(const std::string& name, std::vector<std::string> values) {
    b.enums.push_back({name, std::move(values)});
    return static_cast<std::uint32_t>(b.enums.size() - 1);
  }
  Expr fact(const std::string& name, model::Kind kind, std::uint32_t type = 0, std::int64_t lo = INT64_MIN,
            std::int64_t hi = INT64_MAX) {
    for (std::uint32_t i = 0; i < b.facts.size(); ++i) {
      if (b.facts[i].name == name) return leaf(Op::fact, i);
    }
    std::string text = kind == model::Kind::boolean ? "bool" : kind == model::Kind::integer ? "int" : b.enums[type].name;
    b.facts.push_back({name, kind, type, lo, hi, text, ""});
    return leaf(Op::fact, static_cast<std::uint32_t>(b.facts.size() - 1));
  }
  Expr flag(const std::string& name) { return fact(name, model::Kind::boolean); }
  Expr value(std::uint32_t type, const std::string& v) {
    const auto& vs = b.enums[type].values;
    Expr e = leaf(Op::enum_value, static_cast<std::uint32_t>(std::find(vs.begin(), vs.end(), v) - vs.begin()));
    e.enum_type = type;
    return e;
  }
  static Expr leaf(Op op, std::uint32_t index = 0) {
    Expr e;
    e.op = op;
    e.index = index;
    return e;
  }
  static Expr number(std::int64_t n) {
    Expr e = leaf(Op::number);
    e.number = n;
    return e;
  }
  static Expr node(Op op, std::vector<Expr> kids) {
    Expr e = leaf(op);
    e.kids = std::move(kids);
    return e;
  }
  model::Policy& policy(const std::string& name, std::optional<std::uint32_t> sector = std::nullopt) {
    model::Policy p;
    p.name = name;
    p.sector = sector;
    p.write_default = p.write_combine = false;
    b.policies.push_back(std::move(p));
    return b.policies.back();
  }
  static model::Rule& rule(model::Policy& p, const std::string& name, model::Effect e, Expr when) {
    model::Rule r;
    r.name = name;
    r.effect = e;
    r.when = std::move(when);
    p.rules.push_back(std::move(r));
    return p.rules.back();
  }
  std::uint32_t obligation(const std::string& name) {
    b.obligations.push_back(name);
    return static_cast<std::uint32_t>(b.obligations.size() - 1);
  }
  std::uint32_t index_of(const std::string& fact) const {
    for (std::uint32_t i = 0; i < b.facts.size(); ++i) {
      if (b.facts[i].name == fact) return i;
    }
    return 0;
  }
  // A scenario from name = value pairs (enum values by name).
  model::Facts facts(const std::vector<std::pair<std::string, std::string>>& given) const {
    model::Facts f(b.facts.size());
    for (const auto& [name, v] : given) {
      const std::uint32_t i = index_of(name);
      const model::FactDecl& d = b.facts[i];
      if (d.kind == model::Kind::boolean) f[i] = v == "true";
      else if (d.kind == model::Kind::integer) f[i] = std::stoll(v);
      else {
        const auto& vs = b.enums[d.enum_type].values;
        f[i] = std::find(vs.begin(), vs.end(), v) - vs.begin();
      }
    }
    return f;
  }
  // The reference's verdict; the runtime, on the printed text, must agree on the decision,
  // missing and next_question.
  model::Verdict run(const model::Facts& f) const {
    const model::Verdict v = model::evaluate(b, f);
    const std::string text = model::print(b);
    Compilation c = compile_text("spec.proviso", text);
    EXPECT_TRUE(c.program) << text << render_text(c.diagnostics);
    if (!c.program) return v;
    Scenario s;
    s.reset(c.program->facts.size());
    for (std::uint32_t i = 0; i < f.size(); ++i) {
      if (!f[i]) continue;
      const std::uint32_t id = c.program->find_fact(b.facts[i].name);
      const Type& t = c.program->types[c.program->facts[id].type];
      std::int64_t raw = *f[i];
      if (b.facts[i].kind == model::Kind::enumeration) raw = t.value_index(b.enums[b.facts[i].enum_type].values[raw]);
      s.set(id, raw);
    }
    Evaluation ev(make_plan(*c.program));
    const Result r = ev.evaluate(s);
    EXPECT_EQ(std::string(to_string(r.decision)), v.decision) << text;
    std::vector<std::string> missing;
    for (std::uint32_t m : r.missing) missing.push_back(c.program->facts[m].name);
    EXPECT_EQ(missing, v.missing) << text;
    return v;
  }
  model::Bundle b;
};

using V = std::vector<std::string>;

// language.md 5.3: `child_at_risk` beats `share_concern` through `no_consent`, which does
// not apply; under `combine first` the decision is refer, not share.
TEST(IndependentReferenceSpec, OverridesAreTransitiveThroughRulesThatDoNotApply) {
  Build k;
  const std::uint32_t purpose = k.enumeration("purpose_kind", {"safeguarding", "care"});
  const std::uint32_t consent = k.enumeration("consent_kind", {"refused", "explicit"});
  Expr p = k.fact("purpose", model::Kind::enumeration, purpose);
  Expr c = k.fact("consent", model::Kind::enumeration, consent);
  Expr risk = k.fact("risk", model::Kind::integer, 0, 0, 5);
  model::Policy& pol = k.policy("safeguarding");
  pol.first = pol.write_combine = true;
  Build::rule(pol, "share_concern", model::Effect::share, Build::node(Op::eq, {p, k.value(purpose, "safeguarding")}));
  Build::rule(pol, "no_consent", model::Effect::deny, Build::node(Op::eq, {c, k.value(consent, "refused")})).overrides = {0};
  Build::rule(pol, "child_at_risk", model::Effect::refer,
              Build::node(Op::and_, {Build::node(Op::eq, {p, k.value(purpose, "safeguarding")}),
                                     Build::node(Op::ge, {risk, Build::number(4)})}))
      .overrides = {1};
  const model::Verdict v = k.run(k.facts({{"from", "education"}, {"to", "health"}, {"purpose", "safeguarding"},
                                          {"consent", "explicit"}, {"risk", "5"}}));
  EXPECT_EQ(v.decision, "refer");
  EXPECT_EQ(v.rule_status, (V{"overridden", "not_applicable", "applied"}));
}

// language.md 6.2: neither rule alone changes the deny, both together give share.
TEST(IndependentReferenceSpec, RulesOfTwoPoliciesThatMustApplyTogether) {
  Build k;
  const std::uint32_t purpose = k.enumeration("purpose_kind", {"direct_care", "research"});
  const std::uint32_t consent = k.enumeration("consent_kind", {"explicit", "refused"});
  Expr p = k.fact("purpose", model::Kind::enumeration, purpose);
  Expr c = k.fact("consent", model::Kind::enumeration, consent);
  Build::rule(k.policy("health_sends", 0), "for_care", model::Effect::share,
              Build::node(Op::eq, {p, k.value(purpose, "direct_care")}));
  Build::rule(k.policy("social_care_receives", 3), "with_consent", model::Effect::share,
              Build::node(Op::eq, {c, k.value(consent, "explicit")}));
  model::Verdict v = k.run(k.facts({{"from", "health"}, {"to", "adult_social_care"}}));
  EXPECT_EQ(v.decision, "undetermined");
  EXPECT_EQ(v.missing, (V{"purpose", "consent"}));
  EXPECT_EQ(v.next_question, "purpose");  // a tie goes to the earlier declaration
  v = k.run(k.facts({{"from", "health"}, {"to", "adult_social_care"}, {"purpose", "direct_care"}}));
  EXPECT_EQ(v.decision, "undetermined");
  EXPECT_EQ(v.missing, (V{"consent"}));
  v = k.run(k.facts({{"from", "health"}, {"to", "adult_social_care"}, {"purpose", "research"}}));
  EXPECT_EQ(v.decision, "deny");
  EXPECT_TRUE(v.missing.empty());
  ASSERT_EQ(v.policies.size(), 2u);
  EXPECT_EQ(v.policies[1].decision, "undetermined");  // its own entry still open
}

// language.md 6.3: the opt-out settles the second branch, so only consent is asked.
TEST(IndependentReferenceSpec, RelevantFactsSkipSettledBranches) {
  Build k;
  const std::uint32_t consent = k.enumeration("consent_kind", {"explicit", "refused"});
  Expr c = k.fact("consent", model::Kind::enumeration, consent);
  Expr measurable = k.flag("benefit.measurable");
  Expr opt_out = k.flag("national_opt_out");
  Build::rule(k.policy("research_access"), "route", model::Effect::share,
              Build::node(Op::or_, {Build::node(Op::eq, {c, k.value(consent, "explicit")}),
                                    Build::node(Op::and_, {measurable, Build::node(Op::not_, {opt_out})})}));
  const model::Verdict v = k.run(k.facts({{"from", "health"}, {"to", "education"}, {"national_opt_out", "true"}}));
  EXPECT_EQ(v.decision, "undetermined");
  EXPECT_EQ(v.missing, (V{"consent"}));
}

// language.md 6.4: the share stands; dpia may still apply, asked about high_risk.
TEST(IndependentReferenceSpec, PossibleObligationsOfAStandingShare) {
  Build k;
  const std::uint32_t purpose = k.enumeration("purpose_kind", {"direct_care", "research"});
  Expr p = k.fact("purpose", model::Kind::enumeration, purpose);
  Expr high = k.flag("high_risk");
  const std::uint32_t dpia = k.obligation("dpia"), minimise = k.obligation("minimise");
  model::Policy& pol = k.policy("adult_social_care_sharing", 3);
  Build::rule(pol, "care_planning", model::Effect::share, Build::node(Op::eq, {p, k.value(purpose, "direct_care")}))
      .requires_ = {minimise};
  Build::rule(pol, "large_scale", model::Effect::share,
              Build::node(Op::and_, {Build::node(Op::eq, {p, k.value(purpose, "direct_care")}), high}))
      .requires_ = {dpia};
  const model::Verdict v = k.run(k.facts({{"from", "adult_social_care"}, {"to", "health"}, {"purpose", "direct_care"}}));
  EXPECT_EQ(v.decision, "share");
  EXPECT_EQ(v.obligations, (V{"minimise"}));
  EXPECT_EQ(v.possible_obligations, (V{"dpia"}));
  EXPECT_EQ(v.obligation_questions, (V{"high_risk"}));
}

// language.md 4.4 and 6.3: an overflow is unknown, and leaves nothing to ask.
TEST(IndependentReferenceSpec, OverflowIsUndeterminedWithNothingToAsk) {
  Build k;
  Expr n = k.fact("n", model::Kind::integer);
  model::Policy& pol = k.policy("p");
  pol.default_effect = model::Effect::refer;
  pol.write_default = true;
  Build::rule(pol, "r", model::Effect::share, Build::node(Op::gt, {Build::node(Op::add, {n, Build::number(1)}), Build::number(10)}));
  model::Verdict v = k.run(k.facts({{"from", "health"}, {"to", "health"}, {"n", std::to_string(INT64_MAX)}}));
  EXPECT_EQ(v.decision, "undetermined");
  EXPECT_TRUE(v.missing.empty());
  EXPECT_EQ(v.next_question, "");
  v = k.run(k.facts({{"from", "health"}, {"to", "health"}, {"n", "10"}}));
  EXPECT_EQ(v.decision, "share");
}

// language.md 5.4 and 5.7: strictest and first, default and conflict flags, defers.
TEST(IndependentReferenceSpec, CombineFlagsAndDefers) {
  Build k;
  Expr a = k.flag("a");
  model::Policy& strict = k.policy("strict", 0);
  Build::rule(strict, "s1", model::Effect::share, a);
  Build::rule(strict, "s2", model::Effect::refer, a);
  model::Policy& lenient = k.policy("lenient", 1);
  lenient.first = lenient.write_combine = true;
  lenient.default_effect = model::Effect::share;
  lenient.write_default = true;
  Build::rule(lenient, "l1", model::Effect::share, a).defers = true;
  Build::rule(lenient, "l2", model::Effect::deny, a);
  model::Verdict v = k.run(k.facts({{"from", "housing"}, {"to", "health"}, {"a", "true"}}));
  EXPECT_EQ(v.decision, "refer");
  ASSERT_EQ(v.policies.size(), 2u);
  EXPECT_TRUE(v.policies[0].conflict);
  EXPECT_EQ(v.policies[0].decision, "refer");
  EXPECT_TRUE(v.policies[1].conflict);
  EXPECT_EQ(v.policies[1].decision, "share");  // first: l1
  EXPECT_TRUE(v.policies[1].defers);           // its only applied share rule defers
  v = k.run(k.facts({{"from", "housing"}, {"to", "health"}, {"a", "false"}}));
  EXPECT_TRUE(v.policies[0].by_default);
  EXPECT_EQ(v.policies[0].decision, "deny");
  EXPECT_TRUE(v.policies[1].by_default);
  EXPECT_FALSE(v.policies[1].defers);  // a share by a non-deferring default stands
  v = k.run(k.facts({{"from", "education"}, {"to", "education"}, {"a", "true"}}));
  EXPECT_EQ(v.decision, "deny");
  EXPECT_TRUE(v.no_covering_policy);
}

}  // namespace
}  // namespace proviso
