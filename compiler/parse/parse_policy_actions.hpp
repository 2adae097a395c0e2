#pragma once
// Actions for policies, rules and scenarios. Included by parse.cpp only.
#include "parse/parse_decl_actions.hpp"

namespace proviso::compiler::internal {

// ------------------------------------------------------------------ policies and rules
template <>
struct action<g::policy_kw> {
  static void apply0(parse_state& s) { s.policy = {}; }
};
template <>
struct action<g::policy_name> {
  static void apply0(parse_state& s) { s.policy.name = s.ident; }
};
template <>
struct action<g::sector_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.policy.sector.has_value(), in, "sector", "policy"); }
};
template <>
struct action<g::sector_value> {
  static void apply0(parse_state& s) { s.policy.sector = s.ident; }
};
template <>
struct action<g::default_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.policy.default_effect.has_value(), in, "default", "policy");
  }
};
template <>
struct action<g::default_effect> {
  static void apply0(parse_state& s) { s.policy.default_effect = s.effect; }
};
template <>
struct action<g::combine_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.policy.combine.has_value(), in, "combine", "policy"); }
};
template <>
struct action<g::combine_mode> {
  static void apply0(parse_state& s) { s.policy.combine = s.combine; }
};

// `defers` is six bytes; the span covers the word, not the padding after it.
template <>
struct action<g::policy_defers> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.policy.defers.has_value(), in, "defers", "policy");
    s.policy.defers = s.span(s.offset(in.begin()), s.offset(in.begin()) + 6);
  }
};

// ------------------------------------------------------------------ effective dates
// The clause is read into `s.effective` and handed to the policy or rule at its end.
template <>
struct action<g::effective_from_date> {
  static void apply0(parse_state& s) { s.effective.from = s.date; }
};
template <>
struct action<g::effective_until_date> {
  static void apply0(parse_state& s) { s.effective.until = s.date; }
};
template <>
struct action<g::policy_effective_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.policy.effective.has_value(), in, "effective", "policy");
    s.effective = {};
  }
};
template <>
struct action<g::policy_effective> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.effective.span = s.span_to_last(in.begin());
    s.policy.effective = s.effective;
  }
};
template <>
struct action<g::rule_effective_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.rule.effective.has_value(), in, "effective", "rule");
    s.effective = {};
  }
};
template <>
struct action<g::rule_effective> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.effective.span = s.span_to_last(in.begin());
    s.rule.effective = s.effective;
  }
};

template <>
struct action<g::rule_kw> {
  static void apply0(parse_state& s) {
    s.rule = {};
    s.cites.clear();
  }
};
template <>
struct action<g::rule_name> {
  static void apply0(parse_state& s) { s.rule.name = s.ident; }
};
template <>
struct action<g::rule_effect> {
  static void apply0(parse_state& s) {
    s.rule.effect = s.effect;
    s.rule.effect_span = s.effect_span;
  }
};
template <>
struct action<g::when_expr> {
  static void apply0(parse_state& s) { s.rule.when = s.pop_expr(); }
};
template <>
struct action<g::unless_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.rule.unless != nullptr, in, "unless", "rule"); }
};
template <>
struct action<g::unless_expr> {
  static void apply0(parse_state& s) { s.rule.unless = s.pop_expr(); }
};
template <>
struct action<g::require_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, !s.rule.requires_.empty(), in, "require", "rule"); }
};
template <>
struct action<g::required_obligation> {
  static void apply0(parse_state& s) { s.rule.requires_.push_back(s.ident); }
};
template <>
struct action<g::because_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.rule.because.has_value(), in, "because", "rule"); }
};
template <>
struct action<g::because_text> {
  static void apply0(parse_state& s) { s.rule.because = s.text; }
};
template <>
struct action<g::overrides_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, !s.rule.overrides.empty(), in, "overrides", "rule");
  }
};
template <>
struct action<g::overridden_rule> {
  static void apply0(parse_state& s) { s.rule.overrides.push_back(s.ident); }
};
template <>
struct action<g::rule_defers> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.rule.defers.has_value(), in, "defers", "rule");
    s.rule.defers = s.span(s.offset(in.begin()), s.offset(in.begin()) + 6);
  }
};
template <>
struct action<g::rule_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.rule.cites = std::move(s.cites);
    s.cites.clear();
    s.rule.span = s.span_to_last(in.begin());
    s.policy.rules.push_back(std::move(s.rule));
  }
};
template <>
struct action<g::policy_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.policy.span = s.span_to_last(in.begin());
    s.file.policies.push_back(std::move(s.policy));
  }
};

// ------------------------------------------------------------------ amendments
// An amendment's rules are read into the policy scratch like a policy's own.
template <>
struct action<g::amend_kw> {
  static void apply0(parse_state& s) { s.policy = {}; }
};
template <>
struct action<g::amended_policy> {
  static void apply0(parse_state& s) { s.policy.name = s.ident; }
};
template <>
struct action<g::amend_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.file.amendments.push_back({s.policy.name, std::move(s.policy.rules), s.span_to_last(in.begin())});
    s.policy = {};
  }
};

// ------------------------------------------------------------------ scenarios
template <>
struct action<g::scenario_kw> {
  static void apply0(parse_state& s) { s.scenario = {}; }
};
template <>
struct action<g::scenario_title> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.scenario.title = s.text;
    s.scenario.title_span = s.span_to_last(in.begin());
  }
};
template <>
struct action<g::from_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.scenario.from.has_value(), in, "from", "scenario"); }
};
template <>
struct action<g::from_sector> {
  static void apply0(parse_state& s) { s.scenario.from = s.ident; }
};
template <>
struct action<g::to_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.scenario.to.has_value(), in, "to", "scenario"); }
};
template <>
struct action<g::to_sector> {
  static void apply0(parse_state& s) { s.scenario.to = s.ident; }
};
template <>
struct action<g::on_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.scenario.on.has_value(), in, "on", "scenario"); }
};
template <>
struct action<g::on_date> {
  static void apply0(parse_state& s) { s.scenario.on = s.date; }
};
template <>
struct action<g::assigned_fact> {
  static void apply0(parse_state& s) {
    s.assignment = {};
    s.assignment.fact = s.ident;
  }
};
template <ast::ScenarioValue::Kind K, bool B = false>
struct simple_value {
  static void apply0(parse_state& s) {
    s.value = {};
    s.value.kind = K;
    s.value.bool_value = B;
    if constexpr (K == ast::ScenarioValue::Kind::integer) s.value.int_value = s.number;
    if constexpr (K == ast::ScenarioValue::Kind::name) s.value.name = s.ident;
  }
};
template <> struct action<g::value_true> : simple_value<ast::ScenarioValue::Kind::boolean, true> {};
template <> struct action<g::value_false> : simple_value<ast::ScenarioValue::Kind::boolean, false> {};
template <> struct action<g::value_int> : simple_value<ast::ScenarioValue::Kind::integer> {};
template <> struct action<g::value_name> : simple_value<ast::ScenarioValue::Kind::name> {};
template <> struct action<g::value_set_open> : simple_value<ast::ScenarioValue::Kind::set> {};
template <>
struct action<g::set_member> {
  static void apply0(parse_state& s) { s.value.members.push_back(s.ident); }
};
template <>
struct action<g::scenario_value> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.value.span = s.span_to_last(in.begin()); }
};
template <>
struct action<g::assignment> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.assignment.value = std::move(s.value);
    s.assignment.span = s.span_to_last(in.begin());
    s.scenario.facts.push_back(std::move(s.assignment));
  }
};
template <>
struct action<g::expect_kw> {
  static void apply0(parse_state& s) { s.expect = {}; }
};
template <>
struct action<g::expected_effect> {
  static void apply0(parse_state& s) {
    static_assert(static_cast<int>(Outcome::share) == static_cast<int>(Effect::share) &&
                  static_cast<int>(Outcome::refer) == static_cast<int>(Effect::refer) &&
                  static_cast<int>(Outcome::deny) == static_cast<int>(Effect::deny));
    s.expect.outcome = static_cast<Outcome>(s.effect);
  }
};
template <>
struct action<g::expect_require_kw> {
  static void apply0(parse_state& s) { s.expect.has_require = true; }
};
template <>
struct action<g::expected_obligation> {
  static void apply0(parse_state& s) { s.expect.requires_.push_back(s.ident); }
};
template <>
struct action<g::undetermined_word> {
  static void apply0(parse_state& s) { s.expect.outcome = Outcome::undetermined; }
};
template <>
struct action<g::missing_word> {
  static void apply0(parse_state& s) { s.expect.has_missing = true; }
};
template <>
struct action<g::missing_fact> {
  static void apply0(parse_state& s) { s.expect.missing.push_back(s.ident); }
};
template <>
struct action<g::expect_clause> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.expect.span = s.span_to_last(in.begin());
    s.scenario.expect = std::move(s.expect);
  }
};
template <>
struct action<g::scenario_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.scenario.span = s.span_to_last(in.begin());
    s.file.scenarios.push_back(std::move(s.scenario));
  }
};

}  // namespace proviso::compiler::internal
