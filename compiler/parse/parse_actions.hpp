#pragma once
// The parser's actions and the state they build the AST in: the file so far, the
// scratch of the declaration being read, and the operand stack of the expression being
// read. Private to parse.cpp, which holds every instantiation.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "proviso/compiler/ast.hpp"
#include "proviso/compiler/options.hpp"
#include "proviso/grammar.hpp"
#include "proviso/base/diagnostic.hpp"

namespace proviso::compiler::internal {

// Thrown to stop the parse with its one diagnostic (a file gets at most one).
struct parse_stop {
  Code code = Code::syntax;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string message;
  std::string hint;
};

// An operand on the expression stack. `depth` counts levels down to the leaves (a
// leaf is 1). `open` marks an and/or node that the chain being read may still extend;
// it closes when that chain ends, so `(a and b) and c` keeps its parentheses.
struct expr_item {
  ast::ExprPtr expr;
  std::uint32_t depth = 1;
  bool open = false;
};

class parse_state {
 public:
  parse_state(const char* base, std::uint32_t file_id, const ParseOptions& options)
      : base_(base), file_id_(file_id), options_(options) {
    file.file = file_id;
  }

  const ParseOptions& options() const { return options_; }

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }
  ast::Span span(std::uint32_t begin, std::uint32_t end) const { return {file_id_, begin, end}; }
  ast::Span span(const char* begin, const char* end) const { return span(offset(begin), offset(end)); }
  // From `begin` to the end of the last token read: never trailing whitespace.
  ast::Span span_to_last(const char* begin) const { return span(offset(begin), last_end); }

  [[noreturn]] void fail(Code code, std::uint32_t begin, std::uint32_t end, std::string message,
                         std::string hint = {}) const {
    throw parse_stop{code, begin, end, std::move(message), std::move(hint)};
  }

  // ---- expressions
  void push(ast::ExprPtr e, std::uint32_t depth = 1) { exprs.push_back({std::move(e), depth, false}); }
  expr_item pop() {
    expr_item item = std::move(exprs.back());
    exprs.pop_back();
    return item;
  }
  ast::ExprPtr pop_expr() { return pop().expr; }

  // Each node gets the next id of its file, so sema can keep what it learns about an
  // expression in a vector rather than a map keyed by address.
  ast::ExprPtr make(ast::ExprKind kind, ast::Span span) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->span = span;
    e->id = file.expr_count++;
    return e;
  }

  // Nesting is the number of operator levels above the leaves; reported where the
  // operator that went too deep stands.
  void check_depth(std::uint32_t depth, std::uint32_t at, std::uint32_t at_end) const {
    if (depth - 1 > options_.max_nesting) fail_nesting(at, at_end);
  }
  [[noreturn]] void fail_nesting(std::uint32_t at, std::uint32_t at_end) const {
    fail(Code::limit, at, at_end, "nesting deeper than " + std::to_string(options_.max_nesting) + " levels",
         "split the expression into named conditions");
  }

  // `(` and `not` recurse in the grammar, so they are counted on the way down, before
  // the recursion can get deep enough to threaten the stack.
  void enter(std::uint32_t at, std::uint32_t at_end) {
    if (++open_nesting > options_.max_nesting) fail_nesting(at, at_end);
  }
  void leave() { --open_nesting; }

  void binary(ast::ExprKind kind, std::uint32_t op_begin, std::uint32_t op_end) {
    expr_item rhs = pop();
    expr_item lhs = pop();
    std::uint32_t depth = 1 + std::max(lhs.depth, rhs.depth);
    check_depth(depth, op_begin, op_end);
    auto node = make(kind, span(lhs.expr->span.begin, rhs.expr->span.end));
    node->kids.reserve(2);
    node->kids.push_back(std::move(lhs.expr));
    node->kids.push_back(std::move(rhs.expr));
    push(std::move(node), depth);
  }

  // `a and b and c` becomes one node with three kids, so a long chain is one level.
  void fold(ast::ExprKind kind, std::uint32_t op_begin, std::uint32_t op_end) {
    expr_item rhs = pop();
    expr_item& lhs = exprs.back();
    if (!lhs.open || lhs.expr->kind != kind) {
      auto node = make(kind, lhs.expr->span);
      node->kids.reserve(2);
      node->kids.push_back(std::move(lhs.expr));
      lhs.expr = std::move(node);
      lhs.depth += 1;
      lhs.open = true;
    }
    lhs.depth = std::max(lhs.depth, rhs.depth + 1);
    check_depth(lhs.depth, op_begin, op_end);
    lhs.expr->span.end = rhs.expr->span.end;
    lhs.expr->kids.push_back(std::move(rhs.expr));
  }
  void close_chain() { exprs.back().open = false; }

  ast::File file;
  std::uint32_t last_end = 0;  // end of the last token read

  // Token scratch: the last name, string, integer and effect read.
  ast::Ident ident;
  std::string text;
  std::uint32_t string_begin = 0;
  std::int64_t number = 0;
  Effect effect = Effect::deny;
  ast::Span effect_span;
  Combine combine = Combine::strictest;

  // Declaration scratch.
  ast::Ident decl_name;
  std::vector<ast::Ident> names;
  std::vector<ast::Cite> cites;
  std::optional<std::string> note;
  ast::TypeExpr type;
  ast::ExprPtr decl_expr;
  ast::Question question;
  ast::Framework framework;
  ast::PolicyDecl policy;
  ast::RuleDecl rule;
  ast::ScenarioDecl scenario;
  ast::Assignment assignment;
  ast::ScenarioValue value;
  ast::ExpectDecl expect;
  ast::DateLit date;                // the last date read
  ast::EffectiveClause effective;   // the `effective` clause being read

  // Expression scratch.
  std::vector<expr_item> exprs;
  std::vector<ast::CmpOp> cmp_ops;
  std::size_t open_nesting = 0;

 private:
  const char* base_;
  std::uint32_t file_id_;
  const ParseOptions& options_;
};

namespace pg = tao::pegtl;
namespace g = proviso::grammar;

// The value of an integer literal (digits, optional '-', '_' separators), or nullopt
// when it does not fit in 64 bits.
inline std::optional<std::int64_t> integer_value(std::string_view literal) {
  bool negative = !literal.empty() && literal.front() == '-';
  std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t magnitude = 0;
  for (char ch : literal.substr(negative ? 1 : 0)) {
    if (ch == '_') continue;
    auto digit = static_cast<std::uint64_t>(ch - '0');
    if (magnitude > (limit - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  if (!negative) return static_cast<std::int64_t>(magnitude);
  return magnitude == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
}

template <class Rule>
struct action : pg::nothing<Rule> {};

// ------------------------------------------------------------------ tokens
template <>
struct action<g::t::skip> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.last_end = s.offset(in.begin()); }
};

// Names and paths both land in `ident`; a path's action runs last and wins.
struct take_ident {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    if (in.size() > s.options().max_name_bytes) {
      s.fail(Code::limit, s.offset(in.begin()), s.offset(in.end()),
             "name of " + std::to_string(in.size()) + " bytes is longer than the limit of " +
                 std::to_string(s.options().max_name_bytes) + " bytes",
             "scenario JSON reads names of at most " + std::to_string(s.options().max_name_bytes) + " bytes");
    }
    s.ident.text.assign(in.begin(), in.size());  // reuses the scratch's buffer
    s.ident.span = s.span(in.begin(), in.end());
  }
};
template <> struct action<g::t::name> : take_ident {};
template <> struct action<g::t::path> : take_ident {};
template <> struct action<g::type_ref> : take_ident {};
template <> struct action<g::flow_word> : take_ident {};

template <>
struct action<g::t::integer> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    auto value = integer_value(in.string_view());
    if (!value) {
      s.fail(Code::limit, s.offset(in.begin()), s.offset(in.end()),
             "integer literal does not fit in 64 bits",
             "integers range from -9223372036854775808 to 9223372036854775807");
    }
    s.number = *value;
  }
};

template <>
struct action<g::t::date> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    std::optional<Day> day = parse_date(in.string_view());
    if (!day) {
      s.fail(Code::syntax, s.offset(in.begin()), s.offset(in.end()), "'" + in.string() + "' is not a date",
             "a date is YYYY-MM-DD and names a real day, such as 2025-02-28");
    }
    s.date = {*day, s.span(in.begin(), in.end())};
  }
};

template <>
struct action<g::t::string_open> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.text.clear();
    s.string_begin = s.offset(in.begin());
  }
};
template <>
struct action<g::t::string_chars> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.text.append(in.string_view()); }
};
template <>
struct action<g::t::string_escape> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    char code = in.peek_char(1);
    s.text.push_back(code == 'n' ? '\n' : code == 't' ? '\t' : code);
  }
};
template <>
struct action<g::t::string> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    if (in.size() - 2 > s.options().max_string_bytes) {
      s.fail(Code::limit, s.offset(in.begin()), s.offset(in.end()),
             "string literal longer than " + std::to_string(s.options().max_string_bytes) + " bytes");
    }
  }
};

template <Effect E>
struct take_effect {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.effect = E;
    s.effect_span = s.span(in.begin(), in.end());
  }
};
template <> struct action<g::t::kw_share> : take_effect<Effect::share> {};
template <> struct action<g::t::kw_refer> : take_effect<Effect::refer> {};
template <> struct action<g::t::kw_deny> : take_effect<Effect::deny> {};

template <Combine C>
struct take_combine {
  static void apply0(parse_state& s) { s.combine = C; }
};
template <> struct action<g::t::kw_strictest> : take_combine<Combine::strictest> {};
template <> struct action<g::t::kw_first> : take_combine<Combine::first> {};

// ------------------------------------------------------------------ cite
template <>
struct action<g::cite_text> {
  static void apply0(parse_state& s) { s.cites.push_back({false, {}, s.text, {}}); }
};
template <>
struct action<g::cite_path> {
  static void apply0(parse_state& s) { s.cites.push_back({true, s.ident, {}, {}}); }
};
template <>
struct action<g::cite_clause> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.cites.back().span = s.span_to_last(in.begin()); }
};

// ------------------------------------------------------------------ expressions
template <>
struct action<g::paren_open> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.enter(s.offset(in.begin()), s.offset(in.begin()) + 1); }
};
// A parenthesized expression's span includes its parentheses.
template <>
struct action<g::paren_expr> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.leave();
    s.exprs.back().expr->span = s.span_to_last(in.begin());
  }
};
template <>
struct action<g::not_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.enter(s.offset(in.begin()), s.offset(in.begin()) + 3); }
};
template <>
struct action<g::not_expr> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.leave();
    expr_item operand = s.pop();
    std::uint32_t at = s.offset(in.begin());
    s.check_depth(operand.depth + 1, at, at + 3);
    auto node = s.make(ast::ExprKind::not_, s.span_to_last(in.begin()));
    node->kids.push_back(std::move(operand.expr));
    s.push(std::move(node), operand.depth + 1);
  }
};

template <bool V>
struct bool_leaf {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    auto e = s.make(ast::ExprKind::boolean, s.span_to_last(in.begin()));
    e->bool_value = V;
    s.push(std::move(e));
  }
};
template <> struct action<g::true_atom> : bool_leaf<true> {};
template <> struct action<g::false_atom> : bool_leaf<false> {};
template <>
struct action<g::int_atom> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    auto e = s.make(ast::ExprKind::integer, s.span_to_last(in.begin()));
    e->int_value = s.number;
    s.push(std::move(e));
  }
};
struct name_leaf {
  static void apply0(parse_state& s) {
    auto e = s.make(ast::ExprKind::name, s.ident.span);
    e->name = s.ident.text;
    s.push(std::move(e));
  }
};
template <> struct action<g::name_atom> : name_leaf {};
template <> struct action<g::flow_atom> : name_leaf {};

template <ast::ExprKind K>
struct binary_tail {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.binary(K, s.offset(in.begin()), s.offset(in.begin()) + 1);
  }
};
template <> struct action<g::mul_tail> : binary_tail<ast::ExprKind::mul> {};
template <> struct action<g::add_tail> : binary_tail<ast::ExprKind::add> {};
template <> struct action<g::sub_tail> : binary_tail<ast::ExprKind::sub> {};

// Operators are stacked, not remembered in one slot: `a == (b < c)` reads `<`
// between reading `==` and building its node.
template <ast::CmpOp Op>
struct take_cmp {
  static void apply0(parse_state& s) { s.cmp_ops.push_back(Op); }
};
template <> struct action<g::t::cmp_eq> : take_cmp<ast::CmpOp::eq> {};
template <> struct action<g::t::cmp_ne> : take_cmp<ast::CmpOp::ne> {};
template <> struct action<g::t::cmp_le> : take_cmp<ast::CmpOp::le> {};
template <> struct action<g::t::cmp_lt> : take_cmp<ast::CmpOp::lt> {};
template <> struct action<g::t::cmp_ge> : take_cmp<ast::CmpOp::ge> {};
template <> struct action<g::t::cmp_gt> : take_cmp<ast::CmpOp::gt> {};
template <>
struct action<g::cmp_tail> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    std::uint32_t at = s.offset(in.begin());
    s.binary(ast::ExprKind::compare, at, at + 1);
    s.exprs.back().expr->cmp = s.cmp_ops.back();
    s.cmp_ops.pop_back();
  }
};

template <>
struct action<g::in_value> {
  static void apply0(parse_state& s) { s.names.push_back(s.ident); }
};
template <>
struct action<g::in_values> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    expr_item lhs = s.pop();
    std::uint32_t depth = lhs.depth + 1;
    s.check_depth(depth, s.offset(in.begin()), s.offset(in.begin()) + 1);
    auto node = s.make(ast::ExprKind::in_values, s.span(lhs.expr->span.begin, s.last_end));
    node->kids.push_back(std::move(lhs.expr));
    node->values = std::move(s.names);
    s.names.clear();
    s.push(std::move(node), depth);
  }
};
template <>
struct action<g::in_set_ref> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    name_leaf::apply0(s);
    s.binary(ast::ExprKind::in_set, s.offset(in.begin()), s.offset(in.end()));
  }
};

template <ast::ExprKind K>
struct fold_tail {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.fold(K, s.offset(in.begin()), s.offset(in.begin()) + (K == ast::ExprKind::and_ ? 3 : 2));
  }
};
template <> struct action<g::and_tail> : fold_tail<ast::ExprKind::and_> {};
template <> struct action<g::or_tail> : fold_tail<ast::ExprKind::or_> {};
struct close_chain {
  static void apply0(parse_state& s) { s.close_chain(); }
};
template <> struct action<g::and_expr> : close_chain {};
template <> struct action<g::expr> : close_chain {};

}  // namespace proviso::compiler::internal
