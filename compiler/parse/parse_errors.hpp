#pragma once
// What the parser says at each error point of the grammar, keyed by rule type. The
// control in parse.cpp static_asserts that every rule a must<> can raise on has a
// message here, so adding an error point without wording it does not compile.
#include <tao/pegtl.hpp>

#include "proviso/grammar.hpp"

namespace proviso::compiler::internal {

namespace g = proviso::grammar;

template <class Rule>
inline constexpr const char* error_message = nullptr;

// Error points where a name is expected. When a keyword stands there, the parser says
// so ("'when' is a keyword and cannot be used as a name") instead of the message below.
template <class Rule>
inline constexpr bool expects_name = false;

#define PROVISO_ERROR(rule, text) \
  template <>                     \
  inline constexpr const char* error_message<rule> = text
#define PROVISO_NAME_ERROR(rule, text)              \
  template <>                                       \
  inline constexpr bool expects_name<rule> = true;  \
  PROVISO_ERROR(rule, text)

// Tokens.
PROVISO_NAME_ERROR(g::t::path_part, "expected a name after '.' (a path has no spaces)");
PROVISO_ERROR(g::t::integer_end, "malformed integer: digits may only be grouped by single '_', as in 10_000");
PROVISO_ERROR(g::t::string_close, "unterminated string");
PROVISO_ERROR(g::t::unknown_escape, "unknown escape");

// Expressions.
PROVISO_ERROR(g::cite_target, "expected a framework question (such as dpb.q3) or a string after 'cite'");
PROVISO_ERROR(g::paren_inner, "expected an expression after '('");
PROVISO_ERROR(g::paren_close, "expected ')' to close '('");
PROVISO_ERROR(g::mul_rhs, "expected an operand after '*'");
PROVISO_ERROR(g::add_rhs, "expected an operand after '+'");
PROVISO_ERROR(g::sub_rhs, "expected an operand after '-'");
PROVISO_ERROR(g::cmp_rhs, "expected an expression after the comparison operator");
PROVISO_ERROR(g::no_chain, "comparisons cannot be chained: join them with 'and'");
PROVISO_NAME_ERROR(g::in_value, "expected an enum value in the list after 'in'");
PROVISO_ERROR(g::in_values_close, "expected ',' or '}' to close the list of values");
PROVISO_ERROR(g::in_rhs, "expected '{' and a list of values, or a set-typed fact, after 'in'");
PROVISO_ERROR(g::single_equals, "'=' is not a comparison: use '==' to test equality");
PROVISO_ERROR(g::not_operand, "expected an expression after 'not'");
PROVISO_ERROR(g::and_rhs, "expected an expression after 'and'");
PROVISO_ERROR(g::or_rhs, "expected an expression after 'or'");

// Types.
PROVISO_ERROR(g::enum_open, "expected '{' after 'enum'");
PROVISO_NAME_ERROR(g::enum_value, "expected an enum value");
PROVISO_ERROR(g::enum_close, "expected ',' or '}' in the enum");
PROVISO_ERROR(g::bound_lo, "expected the lower bound (an integer) after '('");
PROVISO_ERROR(g::bounds_dots, "expected '..' between the bounds");
PROVISO_ERROR(g::bound_hi, "expected the upper bound (an integer) after '..'");
PROVISO_ERROR(g::bounds_close, "expected ')' after the bounds");
PROVISO_ERROR(g::set_of, "expected 'of' after 'set'");
PROVISO_NAME_ERROR(g::set_element, "expected the element type after 'set of'");

// Declarations.
PROVISO_ERROR(g::import_path, "expected the path to import, as a string, after 'import'");
PROVISO_ERROR(g::sectors_open, "expected '{' after 'sectors'");
PROVISO_NAME_ERROR(g::sector_name, "expected a sector name");
PROVISO_ERROR(g::sectors_close, "expected ',' or '}' in the sector list");
PROVISO_NAME_ERROR(g::type_name, "expected the type's name after 'type'");
PROVISO_ERROR(g::type_equals, "expected '=' after the type's name");
PROVISO_ERROR(g::type_body, "expected a type after '=' (enum { ... }, int, int (lo .. hi), bool or a type name)");
PROVISO_NAME_ERROR(g::question_name, "expected the question's name after 'question'");
PROVISO_ERROR(g::question_text, "expected the question's text, as a string, after its name");
PROVISO_NAME_ERROR(g::group_name, "expected a group name after 'group'");
PROVISO_NAME_ERROR(g::framework_name, "expected the framework's name after 'framework'");
PROVISO_ERROR(g::framework_title, "expected the framework's title, as a string, after its name");
PROVISO_ERROR(g::framework_open, "expected '{' after the framework's title");
PROVISO_ERROR(g::framework_close, "expected 'question' or '}' to close the framework");
PROVISO_NAME_ERROR(g::obligation_name, "expected the obligation's name after 'obligation'");
PROVISO_ERROR(g::obligation_text, "expected the obligation's text, as a string, after its name");
PROVISO_NAME_ERROR(g::fact_name, "expected the fact's name after 'fact'");
PROVISO_ERROR(g::fact_colon, "expected ':' and a type after the fact's name");
PROVISO_ERROR(g::fact_type,
              "expected the fact's type after ':' (bool, int, int (lo .. hi), enum { ... }, set of T or a "
              "type name)");
PROVISO_NAME_ERROR(g::condition_name, "expected the condition's name after 'condition'");
PROVISO_ERROR(g::condition_equals, "expected '=' after the condition's name");
PROVISO_ERROR(g::condition_expr, "expected an expression after '='");

PROVISO_NAME_ERROR(g::constraint_name, "expected the constraint's name after 'constraint'");
PROVISO_ERROR(g::constraint_equals, "expected '=' after the constraint's name");
PROVISO_ERROR(g::constraint_expr, "expected an expression after '='");

// Effective dates.
PROVISO_ERROR(g::effective_body, "expected 'from DATE', 'until DATE' or both after 'effective' (dates are YYYY-MM-DD)");
PROVISO_ERROR(g::effective_from_date, "expected a date (YYYY-MM-DD) after 'from'");
PROVISO_ERROR(g::effective_until_date, "expected a date (YYYY-MM-DD) after 'until'");
PROVISO_ERROR(g::on_date, "expected a date (YYYY-MM-DD) after 'on'");

// Amendments.
PROVISO_ERROR(g::amend_policy_kw, "expected 'policy' after 'amend'");
PROVISO_NAME_ERROR(g::amended_policy, "expected the name of the policy to amend after 'amend policy'");
PROVISO_ERROR(g::amend_open, "expected '{' after the amended policy's name");
PROVISO_ERROR(g::amend_close,
              "expected 'rule' or '}' in the amendment (an amendment adds rules; its policy's settings apply)");

// Policies and rules.
PROVISO_NAME_ERROR(g::policy_name, "expected the policy's name after 'policy'");
PROVISO_ERROR(g::policy_open, "expected '{' after the policy's name");
PROVISO_ERROR(g::policy_close, "expected 'rule' or '}' to close the policy");
PROVISO_ERROR(g::setting_after_rules,
              "a policy's settings (sector, default, combine, effective) must come before its rules");
PROVISO_NAME_ERROR(g::sector_value, "expected a sector name after 'sector'");
PROVISO_ERROR(g::default_effect, "expected an effect (share, refer or deny) after 'default'");
PROVISO_ERROR(g::combine_mode, "expected 'strictest' or 'first' after 'combine'");
PROVISO_NAME_ERROR(g::rule_name, "expected the rule's name after 'rule'");
PROVISO_ERROR(g::rule_colon, "expected ':' after the rule's name");
PROVISO_ERROR(g::rule_effect, "expected the rule's effect (share, refer or deny) after ':'");
PROVISO_ERROR(g::rule_when, "expected 'when' after the rule's effect");
PROVISO_ERROR(g::when_expr, "expected an expression after 'when'");
PROVISO_ERROR(g::unless_expr, "expected an expression after 'unless'");
PROVISO_NAME_ERROR(g::required_obligation, "expected an obligation's name after 'require'");
PROVISO_ERROR(g::because_text, "expected a string after 'because'");
PROVISO_NAME_ERROR(g::overridden_rule, "expected a rule's name after 'overrides'");

// Scenarios.
PROVISO_ERROR(g::scenario_title, "expected the scenario's title, as a string, after 'scenario'");
PROVISO_ERROR(g::scenario_open, "expected '{' after the scenario's title");
PROVISO_ERROR(g::scenario_close,
              "expected a fact assignment (name = value), 'from', 'to', 'on', 'expect' or '}' in the scenario");
PROVISO_ERROR(g::scenario_close_after_expect, "expected '}' to close the scenario ('expect' comes last)");
PROVISO_NAME_ERROR(g::from_sector, "expected a sector name after 'from'");
PROVISO_NAME_ERROR(g::to_sector, "expected a sector name after 'to'");
PROVISO_ERROR(g::assign_equals, "expected '=' after the fact's name");
PROVISO_ERROR(g::scenario_value, "expected a value after '=' (true, false, an integer, an enum value or { ... })");
PROVISO_NAME_ERROR(g::set_member, "expected an enum value after ','");
PROVISO_ERROR(g::value_set_close, "expected ',' or '}' to close the set");
PROVISO_ERROR(g::expect_body, "expected an effect (share, refer or deny) or 'undetermined' after 'expect'");
PROVISO_NAME_ERROR(g::expected_obligation, "expected an obligation's name after 'require'");
PROVISO_NAME_ERROR(g::missing_fact, "expected a fact's name after 'missing'");

PROVISO_ERROR(g::end_of_file,
              "expected a declaration (import, sectors, type, framework, obligation, fact, condition, "
              "constraint, policy, amend or scenario)");

#undef PROVISO_NAME_ERROR
#undef PROVISO_ERROR

// The table in the shape must_if wants. Only must<> points raise; a rule failing
// elsewhere is an ordinary local failure that lets alternatives be tried.
struct syntax_errors {
  template <class Rule>
  static constexpr const char* message = error_message<Rule>;
  template <class Rule>
  static constexpr bool raise_on_failure = false;
};

}  // namespace proviso::compiler::internal
