#pragma once
// The Proviso grammar (language.md §2-§7) as PEGTL rules only: no actions and no
// state, so it can be analyzed and tested rule by rule. grammar/proviso.ebnf is the
// same grammar for people.
//
// Layers: `c` characters, `t` tokens, then the syntax.
//
// Padding: every token is right-padded with t::skip (tok<R>). Actions attach to the
// unpadded inner rule, so spans never include trailing whitespace or comments.
//
// Error points: each place that may fail after a commitment is its own named struct,
// so compiler/parse/parse_errors.hpp can key a message on it. `must<>` only wraps rules
// that can fail; rules that cannot (star, opt) stay outside it. Multi-character
// rules that may fail inside `must<>` are written sor<..., failure>, because must<>
// does not rewind a partial match and the caret would land in the middle of a word.
// An error point that is another rule under a new name is written seq<R>, not a
// struct derived from R, so R's own actions still run inside it.
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <array>
#include <string_view>

namespace proviso::grammar {

namespace pg = tao::pegtl;

// ---------------------------------------------------------------- characters
namespace c {

struct ident_other : pg::identifier_other {};
struct digit : pg::digit {};
// A string holds anything but its quote, a backslash or a line end.
struct string_plain : pg::not_one<'"', '\\', '\n', '\r'> {};
struct escape_code : pg::one<'"', '\\', 'n', 't'> {};
struct line_end_char : pg::one<'\n', '\r'> {};

}  // namespace c

// ---------------------------------------------------------------- tokens
namespace t {

struct comment : pg::seq<pg::one<'#'>, pg::until<pg::eolf>> {};
// Space includes CR, so CRLF line ends are plain whitespace.
struct skip : pg::star<pg::sor<pg::space, comment>> {};

template <class R>
struct tok : pg::seq<R, skip> {};

// A keyword is its letters not followed by an identifier character (`whenever` is a
// name). The failure alternative makes a failed keyword rewind even under must<>.
template <class Word>
struct kw : pg::sor<Word, pg::failure> {};

struct kw_import : kw<TAO_PEGTL_KEYWORD("import")> {};
struct kw_sectors : kw<TAO_PEGTL_KEYWORD("sectors")> {};
struct kw_type : kw<TAO_PEGTL_KEYWORD("type")> {};
struct kw_enum : kw<TAO_PEGTL_KEYWORD("enum")> {};
struct kw_set : kw<TAO_PEGTL_KEYWORD("set")> {};
struct kw_of : kw<TAO_PEGTL_KEYWORD("of")> {};
struct kw_bool : kw<TAO_PEGTL_KEYWORD("bool")> {};
struct kw_int : kw<TAO_PEGTL_KEYWORD("int")> {};
struct kw_framework : kw<TAO_PEGTL_KEYWORD("framework")> {};
struct kw_question : kw<TAO_PEGTL_KEYWORD("question")> {};
struct kw_group : kw<TAO_PEGTL_KEYWORD("group")> {};
struct kw_fact : kw<TAO_PEGTL_KEYWORD("fact")> {};
struct kw_condition : kw<TAO_PEGTL_KEYWORD("condition")> {};
struct kw_obligation : kw<TAO_PEGTL_KEYWORD("obligation")> {};
struct kw_policy : kw<TAO_PEGTL_KEYWORD("policy")> {};
struct kw_sector : kw<TAO_PEGTL_KEYWORD("sector")> {};
struct kw_default : kw<TAO_PEGTL_KEYWORD("default")> {};
struct kw_combine : kw<TAO_PEGTL_KEYWORD("combine")> {};
struct kw_strictest : kw<TAO_PEGTL_KEYWORD("strictest")> {};
struct kw_first : kw<TAO_PEGTL_KEYWORD("first")> {};
struct kw_rule : kw<TAO_PEGTL_KEYWORD("rule")> {};
struct kw_when : kw<TAO_PEGTL_KEYWORD("when")> {};
struct kw_unless : kw<TAO_PEGTL_KEYWORD("unless")> {};
struct kw_require : kw<TAO_PEGTL_KEYWORD("require")> {};
struct kw_because : kw<TAO_PEGTL_KEYWORD("because")> {};
struct kw_cite : kw<TAO_PEGTL_KEYWORD("cite")> {};
struct kw_overrides : kw<TAO_PEGTL_KEYWORD("overrides")> {};
struct kw_share : kw<TAO_PEGTL_KEYWORD("share")> {};
struct kw_refer : kw<TAO_PEGTL_KEYWORD("refer")> {};
struct kw_deny : kw<TAO_PEGTL_KEYWORD("deny")> {};
struct kw_scenario : kw<TAO_PEGTL_KEYWORD("scenario")> {};
struct kw_from : kw<TAO_PEGTL_KEYWORD("from")> {};
struct kw_to : kw<TAO_PEGTL_KEYWORD("to")> {};
struct kw_expect : kw<TAO_PEGTL_KEYWORD("expect")> {};
struct kw_and : kw<TAO_PEGTL_KEYWORD("and")> {};
struct kw_or : kw<TAO_PEGTL_KEYWORD("or")> {};
struct kw_not : kw<TAO_PEGTL_KEYWORD("not")> {};
struct kw_in : kw<TAO_PEGTL_KEYWORD("in")> {};
struct kw_true : kw<TAO_PEGTL_KEYWORD("true")> {};
struct kw_false : kw<TAO_PEGTL_KEYWORD("false")> {};

struct keyword
    : pg::sor<kw_import, kw_sectors, kw_type, kw_enum, kw_set, kw_of, kw_bool, kw_int, kw_framework,
              kw_question, kw_group, kw_fact, kw_condition, kw_obligation, kw_policy, kw_sector,
              kw_default, kw_combine, kw_strictest, kw_first, kw_rule, kw_when, kw_unless,
              kw_require, kw_because, kw_cite, kw_overrides, kw_share, kw_refer, kw_deny,
              kw_scenario, kw_from, kw_to, kw_expect, kw_and, kw_or, kw_not, kw_in, kw_true,
              kw_false> {};

// Contextual words: names everywhere except where the syntax below expects them
// (`undetermined`/`missing` right after `expect`; `defers` as a policy setting or a
// rule clause, where no name can stand).
struct word_defers : kw<TAO_PEGTL_KEYWORD("defers")> {};
struct word_undetermined : kw<TAO_PEGTL_KEYWORD("undetermined")> {};
struct word_missing : kw<TAO_PEGTL_KEYWORD("missing")> {};
// v1.1: `constraint` and `amend` start declarations; `effective`/`until` a policy
// setting or rule clause; `on` a scenario's date. Names everywhere else.
struct word_constraint : kw<TAO_PEGTL_KEYWORD("constraint")> {};
struct word_amend : kw<TAO_PEGTL_KEYWORD("amend")> {};
struct word_effective : kw<TAO_PEGTL_KEYWORD("effective")> {};
struct word_until : kw<TAO_PEGTL_KEYWORD("until")> {};
struct word_on : kw<TAO_PEGTL_KEYWORD("on")> {};

// The words `keyword` matches, one per alternative and in its order, so that `name`
// can test a whole identifier with one lookup instead of trying forty rules at every
// name (a third of the parse). The static_assert keeps the two the same length; the
// grammar test parses every word with both.
inline constexpr std::array<std::string_view, 40> keyword_words{
    "import", "sectors", "type", "enum", "set", "of", "bool", "int", "framework", "question",
    "group", "fact", "condition", "obligation", "policy", "sector", "default", "combine", "strictest", "first",
    "rule", "when", "unless", "require", "because", "cite", "overrides", "share", "refer", "deny",
    "scenario", "from", "to", "expect", "and", "or", "not", "in", "true", "false"};
static_assert(keyword::subs_t::size == keyword_words.size());

// seq<not_at<keyword>, identifier>: an identifier that is not, as a whole, a keyword
// (a keyword is its letters not followed by an identifier character).
struct name {
  using rule_t = name;
  using subs_t = pg::empty_list;

  static constexpr bool is_first(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
  }
  static constexpr bool is_other(char ch) { return is_first(ch) || (ch >= '0' && ch <= '9'); }

  template <pg::apply_mode, pg::rewind_mode, template <typename...> class, template <typename...> class,
            typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... /*unused*/) {
    const char* begin = in.current();
    const char* end = in.end();
    if (begin == end || !is_first(*begin)) return false;
    const char* p = begin + 1;
    while (p != end && is_other(*p)) ++p;
    const std::string_view word(begin, static_cast<std::size_t>(p - begin));
    if (word.size() <= 10) {
      for (std::string_view k : keyword_words) {
        if (k == word) return false;
      }
    }
    in.bump(word.size());
    return true;
  }
};
// After a '.', a path must go on with a name: no spaces, no keywords.
struct path_part : pg::seq<name> {};
struct path : pg::seq<name, pg::star<pg::one<'.'>, pg::must<path_part>>> {};

// Decimal with an optional sign and single '_' between digits. Letters or a dangling
// '_' right after the digits make the literal malformed rather than two tokens.
struct integer_digits
    : pg::sor<pg::seq<pg::opt<pg::one<'-'>>, c::digit, pg::star<pg::opt<pg::one<'_'>>, c::digit>>,
              pg::failure> {};
struct integer_end : pg::not_at<c::ident_other> {};
struct integer : pg::seq<integer_digits, pg::must<integer_end>> {};

// YYYY-MM-DD. Whether it names a real day (no 2025-02-30) is the action's check; a
// letter or digit right after it makes it malformed rather than two tokens.
struct date_digits
    : pg::seq<pg::rep<4, c::digit>, pg::one<'-'>, pg::rep<2, c::digit>, pg::one<'-'>, pg::rep<2, c::digit>,
              pg::not_at<c::ident_other>> {};
struct date : pg::sor<date_digits, pg::failure> {};

struct string_open : pg::one<'"'> {};
struct string_chars : pg::plus<c::string_plain> {};
struct string_escape : pg::seq<pg::one<'\\'>, c::escape_code> {};
// Raised at the backslash of an escape that is not one of \" \\ \n \t.
struct unknown_escape {};
struct bad_escape : pg::seq<pg::at<pg::one<'\\'>, pg::not_one<'\n', '\r'>>, pg::raise<unknown_escape>> {};
struct string_close : pg::one<'"'> {};
struct string
    : pg::seq<string_open, pg::star<pg::sor<string_chars, string_escape, bad_escape>>,
              pg::must<string_close>> {};

struct comma : tok<pg::one<','>> {};
struct lbrace : tok<pg::one<'{'>> {};

// Item, then more items each after a comma; every item after a comma is required.
template <class Item>
struct list_of : pg::seq<pg::must<Item>, pg::star<comma, pg::must<Item>>> {};

struct cmp_eq : pg::string<'=', '='> {};
struct cmp_ne : pg::string<'!', '='> {};
struct cmp_le : pg::string<'<', '='> {};
struct cmp_lt : pg::one<'<'> {};
struct cmp_ge : pg::string<'>', '='> {};
struct cmp_gt : pg::one<'>'> {};
struct cmp_symbol : pg::sor<cmp_eq, cmp_ne, cmp_le, cmp_lt, cmp_ge, cmp_gt> {};

}  // namespace t

using t::tok;

// ---------------------------------------------------------------- shared pieces
struct effect : pg::sor<t::kw_share, t::kw_refer, t::kw_deny> {};
// `sector` is a keyword but also names the built-in enum type that `sectors` declares.
struct type_ref : pg::sor<t::name, t::kw_sector> {};

struct cite_kw : tok<t::kw_cite> {};
struct cite_path : tok<t::path> {};
struct cite_text : tok<t::string> {};
struct cite_target : pg::sor<cite_text, cite_path> {};
struct cite_clause : pg::seq<cite_kw, pg::must<cite_target>> {};

// `effective from D until D`, `effective from D` or `effective until D`: a policy
// setting and a rule clause alike.
struct effective_from_kw : tok<t::kw_from> {};
struct effective_from_date : tok<t::date> {};
struct effective_until_kw : tok<t::word_until> {};
struct effective_until_date : tok<t::date> {};
struct effective_until : pg::seq<effective_until_kw, pg::must<effective_until_date>> {};
struct effective_from : pg::seq<effective_from_kw, pg::must<effective_from_date>, pg::opt<effective_until>> {};
struct effective_body : pg::sor<effective_from, effective_until> {};

// ---------------------------------------------------------------- expressions
// Precedence, lowest first: or, and, not, comparison, + -, *.
struct expr;
struct not_level;

struct paren_open : tok<pg::one<'('>> {};
struct paren_inner : pg::seq<expr> {};
struct paren_close : tok<pg::one<')'>> {};
struct paren_expr : pg::seq<paren_open, pg::must<paren_inner, paren_close>> {};

struct true_atom : tok<t::kw_true> {};
struct false_atom : tok<t::kw_false> {};
struct int_atom : tok<t::integer> {};
struct name_atom : tok<t::path> {};
// `from` and `to` are keywords, and also the built-in facts naming a flow's sectors.
struct flow_word : pg::sor<t::kw_from, t::kw_to> {};
struct flow_atom : tok<flow_word> {};
struct atom : pg::sor<paren_expr, true_atom, false_atom, int_atom, name_atom, flow_atom> {};

struct mul_op : tok<pg::one<'*'>> {};
struct mul_rhs : pg::seq<atom> {};
struct mul_tail : pg::seq<mul_op, pg::must<mul_rhs>> {};
struct term : pg::seq<atom, pg::star<mul_tail>> {};

struct add_op : tok<pg::one<'+'>> {};
struct add_rhs : pg::seq<term> {};
struct add_tail : pg::seq<add_op, pg::must<add_rhs>> {};
struct sub_op : tok<pg::one<'-'>> {};
struct sub_rhs : pg::seq<term> {};
struct sub_tail : pg::seq<sub_op, pg::must<sub_rhs>> {};
struct sum : pg::seq<term, pg::star<pg::sor<add_tail, sub_tail>>> {};

// Comparisons do not chain: `a == b == c` is an error at the second operator.
struct no_chain : pg::not_at<pg::sor<t::cmp_symbol, t::kw_in>> {};
struct cmp_op : tok<t::cmp_symbol> {};
struct cmp_rhs : pg::seq<sum> {};
struct cmp_tail : pg::seq<cmp_op, pg::must<cmp_rhs, no_chain>> {};

struct in_kw : tok<t::kw_in> {};
struct in_value : tok<t::name> {};
struct in_values_close : tok<pg::one<'}'>> {};
struct in_values : pg::seq<t::lbrace, t::list_of<in_value>, pg::must<in_values_close>> {};
struct in_set_ref : tok<t::path> {};
struct in_rhs : pg::sor<in_values, in_set_ref> {};
struct in_tail : pg::seq<in_kw, pg::must<in_rhs, no_chain>> {};

// A lone '=' where a comparison could go is almost always a mistyped '=='.
struct single_equals {};
struct single_equals_check
    : pg::seq<pg::at<pg::one<'='>, pg::not_at<pg::one<'='>>>, pg::raise<single_equals>> {};
struct comparison : pg::seq<sum, pg::opt<pg::sor<cmp_tail, in_tail, single_equals_check>>> {};

struct not_kw : tok<t::kw_not> {};
struct not_operand : pg::seq<not_level> {};
struct not_expr : pg::seq<not_kw, pg::must<not_operand>> {};
struct not_level : pg::sor<not_expr, comparison> {};

struct and_kw : tok<t::kw_and> {};
struct and_rhs : pg::seq<not_level> {};
struct and_tail : pg::seq<and_kw, pg::must<and_rhs>> {};
struct and_expr : pg::seq<not_level, pg::star<and_tail>> {};

struct or_kw : tok<t::kw_or> {};
struct or_rhs : pg::seq<and_expr> {};
struct or_tail : pg::seq<or_kw, pg::must<or_rhs>> {};
struct expr : pg::seq<and_expr, pg::star<or_tail>> {};

// ---------------------------------------------------------------- types
struct enum_kw : tok<t::kw_enum> {};
struct enum_open : tok<pg::one<'{'>> {};
struct enum_value : tok<t::name> {};
struct enum_close : tok<pg::one<'}'>> {};
struct enum_type : pg::seq<enum_kw, pg::must<enum_open>, t::list_of<enum_value>, pg::must<enum_close>> {};

struct int_kw : tok<t::kw_int> {};
struct bounds_open : tok<pg::one<'('>> {};
struct bound_lo : tok<t::integer> {};
struct bounds_dots : tok<pg::string<'.', '.'>> {};
struct bound_hi : tok<t::integer> {};
struct bounds_close : tok<pg::one<')'>> {};
struct int_bounds : pg::seq<bounds_open, pg::must<bound_lo, bounds_dots, bound_hi, bounds_close>> {};
struct int_type : pg::seq<int_kw, pg::opt<int_bounds>> {};

struct bool_type : tok<t::kw_bool> {};
struct named_type : tok<type_ref> {};

struct set_kw : tok<t::kw_set> {};
struct set_of : tok<t::kw_of> {};
struct set_element : tok<type_ref> {};
struct set_type : pg::seq<set_kw, pg::must<set_of, set_element>> {};

// ---------------------------------------------------------------- declarations
struct import_kw : tok<t::kw_import> {};
struct import_path : tok<t::string> {};
struct import_decl : pg::seq<import_kw, pg::must<import_path>> {};

struct sectors_kw : tok<t::kw_sectors> {};
struct sectors_open : tok<pg::one<'{'>> {};
struct sector_name : tok<t::name> {};
struct sectors_close : tok<pg::one<'}'>> {};
struct sectors_decl
    : pg::seq<sectors_kw, pg::must<sectors_open>, t::list_of<sector_name>, pg::must<sectors_close>> {};

struct type_kw : tok<t::kw_type> {};
struct type_name : tok<t::name> {};
struct type_equals : tok<pg::one<'='>> {};
struct type_body : pg::sor<enum_type, int_type, bool_type, named_type> {};
struct type_decl : pg::seq<type_kw, pg::must<type_name, type_equals, type_body>> {};

struct question_kw : tok<t::kw_question> {};
struct question_name : tok<t::name> {};
struct question_text : tok<t::string> {};
struct group_kw : tok<t::kw_group> {};
struct group_name : tok<t::name> {};
struct group_clause : pg::seq<group_kw, pg::must<group_name>> {};
struct question_decl
    : pg::seq<question_kw, pg::must<question_name, question_text>, pg::opt<group_clause>> {};

struct framework_kw : tok<t::kw_framework> {};
struct framework_name : tok<t::name> {};
struct framework_title : tok<t::string> {};
struct framework_open : tok<pg::one<'{'>> {};
struct framework_close : tok<pg::one<'}'>> {};
struct framework_decl
    : pg::seq<framework_kw, pg::must<framework_name, framework_title, framework_open>,
              pg::star<question_decl>, pg::must<framework_close>> {};

struct obligation_kw : tok<t::kw_obligation> {};
struct obligation_name : tok<t::name> {};
struct obligation_text : tok<t::string> {};
struct obligation_decl : pg::seq<obligation_kw, pg::must<obligation_name, obligation_text>> {};

struct fact_kw : tok<t::kw_fact> {};
struct fact_name : tok<t::path> {};
struct fact_colon : tok<pg::one<':'>> {};
struct fact_type : pg::sor<enum_type, int_type, bool_type, set_type, named_type> {};
struct fact_question : tok<t::string> {};
struct fact_decl
    : pg::seq<fact_kw, pg::must<fact_name, fact_colon, fact_type>, pg::opt<fact_question>,
              pg::star<cite_clause>> {};

struct condition_kw : tok<t::kw_condition> {};
struct condition_name : tok<t::name> {};
struct condition_equals : tok<pg::one<'='>> {};
struct condition_expr : pg::seq<expr> {};
struct condition_text : tok<t::string> {};
struct condition_decl
    : pg::seq<condition_kw, pg::must<condition_name, condition_equals, condition_expr>,
              pg::opt<condition_text>, pg::star<cite_clause>> {};

struct constraint_kw : tok<t::word_constraint> {};
struct constraint_name : tok<t::name> {};
struct constraint_equals : tok<pg::one<'='>> {};
struct constraint_expr : pg::seq<expr> {};
struct constraint_text : tok<t::string> {};
struct constraint_decl
    : pg::seq<constraint_kw, pg::must<constraint_name, constraint_equals, constraint_expr>,
              pg::opt<constraint_text>, pg::star<cite_clause>> {};

// Rules: the effect and `when` come first, then the other clauses in any order.
struct rule_kw : tok<t::kw_rule> {};
struct rule_name : tok<t::name> {};
struct rule_colon : tok<pg::one<':'>> {};
struct rule_effect : tok<effect> {};
struct rule_when : tok<t::kw_when> {};
struct when_expr : pg::seq<expr> {};
struct unless_kw : tok<t::kw_unless> {};
struct unless_expr : pg::seq<expr> {};
struct unless_clause : pg::seq<unless_kw, pg::must<unless_expr>> {};
struct require_kw : tok<t::kw_require> {};
struct required_obligation : tok<t::name> {};
struct require_clause : pg::seq<require_kw, t::list_of<required_obligation>> {};
struct because_kw : tok<t::kw_because> {};
struct because_text : tok<t::string> {};
struct because_clause : pg::seq<because_kw, pg::must<because_text>> {};
struct overrides_kw : tok<t::kw_overrides> {};
struct overridden_rule : tok<t::name> {};
struct overrides_clause : pg::seq<overrides_kw, t::list_of<overridden_rule>> {};
struct rule_defers : tok<t::word_defers> {};
struct rule_effective_kw : tok<t::word_effective> {};
struct rule_effective : pg::seq<rule_effective_kw, pg::must<effective_body>> {};
struct rule_clause
    : pg::sor<unless_clause, require_clause, because_clause, cite_clause, overrides_clause, rule_defers,
              rule_effective> {};
struct rule_decl
    : pg::seq<rule_kw, pg::must<rule_name, rule_colon, rule_effect, rule_when, when_expr>,
              pg::star<rule_clause>> {};

struct sector_kw : tok<t::kw_sector> {};
struct sector_value : tok<t::name> {};
struct sector_setting : pg::seq<sector_kw, pg::must<sector_value>> {};
struct default_kw : tok<t::kw_default> {};
struct default_effect : tok<effect> {};
struct default_setting : pg::seq<default_kw, pg::must<default_effect>> {};
struct combine_kw : tok<t::kw_combine> {};
struct combine_mode : tok<pg::sor<t::kw_strictest, t::kw_first>> {};
struct combine_setting : pg::seq<combine_kw, pg::must<combine_mode>> {};
struct policy_defers : tok<t::word_defers> {};
struct policy_effective_kw : tok<t::word_effective> {};
struct policy_effective : pg::seq<policy_effective_kw, pg::must<effective_body>> {};
struct policy_setting
    : pg::sor<sector_setting, default_setting, combine_setting, policy_defers, policy_effective> {};
// Settings come before the rules; one after a rule gets its own message.
struct setting_after_rules {};
struct late_setting_check
    : pg::seq<pg::at<pg::sor<t::kw_sector, t::kw_default, t::kw_combine>>, pg::raise<setting_after_rules>> {};

struct policy_kw : tok<t::kw_policy> {};
struct policy_name : tok<t::name> {};
struct policy_open : tok<pg::one<'{'>> {};
struct policy_close : tok<pg::one<'}'>> {};
struct policy_decl
    : pg::seq<policy_kw, pg::must<policy_name, policy_open>, pg::star<policy_setting>,
              pg::star<rule_decl>, pg::opt<late_setting_check>, pg::must<policy_close>> {};

// `amend policy P { rules }`: rules only; the policy's settings are its own.
struct amend_kw : tok<t::word_amend> {};
struct amend_policy_kw : tok<t::kw_policy> {};
struct amended_policy : tok<t::name> {};
struct amend_open : tok<pg::one<'{'>> {};
struct amend_close : tok<pg::one<'}'>> {};
struct amend_decl
    : pg::seq<amend_kw, pg::must<amend_policy_kw, amended_policy, amend_open>, pg::star<rule_decl>,
              pg::must<amend_close>> {};

// Scenarios: from, to and fact assignments in any order, then an optional expect.
struct from_kw : tok<t::kw_from> {};
struct from_sector : tok<t::name> {};
struct from_clause : pg::seq<from_kw, pg::must<from_sector>> {};
struct to_kw : tok<t::kw_to> {};
struct to_sector : tok<t::name> {};
struct to_clause : pg::seq<to_kw, pg::must<to_sector>> {};

struct value_true : tok<t::kw_true> {};
struct value_false : tok<t::kw_false> {};
struct value_int : tok<t::integer> {};
struct value_name : tok<t::name> {};
struct value_set_open : tok<pg::one<'{'>> {};
struct set_member : tok<t::name> {};
struct value_set_close : tok<pg::one<'}'>> {};
struct value_set
    : pg::seq<value_set_open, pg::opt<set_member, pg::star<t::comma, pg::must<set_member>>>,
              pg::must<value_set_close>> {};
struct scenario_value : pg::sor<value_true, value_false, value_int, value_set, value_name> {};
struct assigned_fact : tok<t::path> {};
struct assign_equals : tok<pg::one<'='>> {};
struct assignment : pg::seq<assigned_fact, pg::must<assign_equals, scenario_value>> {};
// `on 2025-06-01`; a fact named `on` is still assigned with `on = ...`.
struct on_kw : tok<t::word_on> {};
struct on_date : tok<t::date> {};
struct on_clause : pg::seq<pg::at<t::word_on, t::skip, c::digit>, on_kw, pg::must<on_date>> {};
struct scenario_item : pg::sor<from_clause, to_clause, on_clause, assignment> {};

struct expect_kw : tok<t::kw_expect> {};
struct expected_effect : tok<effect> {};
struct expected_obligation : tok<t::name> {};
struct expect_require_kw : tok<t::kw_require> {};
struct expect_require : pg::seq<expect_require_kw, t::list_of<expected_obligation>> {};
struct expect_effect : pg::seq<expected_effect, pg::opt<expect_require>> {};
struct undetermined_word : tok<t::word_undetermined> {};
struct missing_word : tok<t::word_missing> {};
struct missing_fact : tok<t::path> {};
struct expect_missing : pg::seq<missing_word, t::list_of<missing_fact>> {};
struct expect_undetermined : pg::seq<undetermined_word, pg::opt<expect_missing>> {};
struct expect_body : pg::sor<expect_effect, expect_undetermined> {};
struct expect_clause : pg::seq<expect_kw, pg::must<expect_body>> {};

struct scenario_kw : tok<t::kw_scenario> {};
struct scenario_title : tok<t::string> {};
struct scenario_open : tok<pg::one<'{'>> {};
struct scenario_close : tok<pg::one<'}'>> {};
struct scenario_close_after_expect : tok<pg::one<'}'>> {};
struct scenario_end
    : pg::sor<pg::seq<expect_clause, pg::must<scenario_close_after_expect>>, pg::must<scenario_close>> {};
struct scenario_decl
    : pg::seq<scenario_kw, pg::must<scenario_title, scenario_open>, pg::star<scenario_item>,
              scenario_end> {};

// ---------------------------------------------------------------- file
struct declaration
    : pg::sor<import_decl, sectors_decl, type_decl, framework_decl, obligation_decl, fact_decl,
              condition_decl, constraint_decl, policy_decl, amend_decl, scenario_decl> {};
struct end_of_file : pg::eof {};
struct file : pg::seq<pg::opt<pg::utf8::bom>, t::skip, pg::star<declaration>, pg::must<end_of_file>> {};

}  // namespace proviso::grammar

// For pegtl::analyze: `name` consumes input whenever it succeeds, as identifier does.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, proviso::grammar::t::name> : tao::pegtl::analyze_any_traits<> {};
