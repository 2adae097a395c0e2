#pragma once
// The surface syntax tree built by the parser's actions. Every node carries a span of
// byte offsets into its file; `and`/`or` chains are n-ary so depth never grows with the
// length of a chain.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::ast {

struct Span {
  std::uint32_t file = 0;   // index into the bundle's SourceFiles
  std::uint32_t begin = 0;  // byte offsets, [begin, end)
  std::uint32_t end = 0;
};

struct Ident {
  std::string text;  // an identifier, or a dotted path such as benefit.measurable
  Span span;
};

enum class ExprKind : std::uint8_t {
  boolean,    // bool_value
  integer,    // int_value
  name,       // name: a fact path, a condition, or (resolved by sema) an enum value
  and_,       // kids: 2 or more
  or_,        // kids: 2 or more
  not_,       // kids[0]
  compare,    // cmp, kids[0] op kids[1]
  add, sub, mul,  // kids[0], kids[1]
  in_values,  // kids[0] in { values... }
  in_set,     // kids[0] in kids[1] (kids[1] is a name naming a set-typed fact)
};

enum class CmpOp : std::uint8_t { eq, ne, lt, le, gt, ge };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::boolean;
  Span span;
  std::uint32_t id = 0;  // its place among the expressions of its file (File::expr_count)
  bool bool_value = false;
  std::int64_t int_value = 0;
  std::string name;
  CmpOp cmp = CmpOp::eq;
  std::vector<ExprPtr> kids;
  std::vector<Ident> values;  // in_values
};

struct TypeExpr {
  enum class Kind : std::uint8_t { boolean, integer, enumeration, set, named };
  Kind kind = Kind::boolean;
  Span span;
  std::optional<std::int64_t> lo, hi;  // integer bounds (both or neither)
  std::vector<Ident> values;           // enumeration
  Ident name;                          // named, or the element type of a set
};

struct Cite {
  bool is_path = false;  // dpb.q3 (checked) or a free string
  Ident path;
  std::string text;
  Span span;
};

struct Import {
  std::string path;  // unescaped string contents
  Span span;
};

struct Sectors {
  std::vector<Ident> names;
  Span span;
};

struct TypeDecl {
  Ident name;
  TypeExpr type;
  Span span;
};

struct Question {
  Ident name;
  std::string text;
  std::optional<Ident> group;
  Span span;
};

struct Framework {
  Ident name;
  std::string title;
  std::vector<Question> questions;
  Span span;
};

struct ObligationDecl {
  Ident name;
  std::string text;
  Span span;
};

struct FactDecl {
  Ident name;  // may be a dotted path
  TypeExpr type;
  std::optional<std::string> question;
  std::vector<Cite> cites;
  Span span;
};

// A date as written (`2024-04-01`), already checked to name a real day.
struct DateLit {
  Day day = kNoDate;
  Span span;
};

// `effective from D until D`, either part optional (not both absent).
struct EffectiveClause {
  std::optional<DateLit> from, until;
  Span span;  // from `effective` to the last date
};

struct ConstraintDecl {
  Ident name;
  ExprPtr expr;
  std::optional<std::string> text;
  std::vector<Cite> cites;
  Span span;
};

struct ConditionDecl {
  Ident name;
  ExprPtr expr;
  std::optional<std::string> text;
  std::vector<Cite> cites;
  Span span;
};

struct RuleDecl {
  Ident name;
  Effect effect = Effect::deny;
  Span effect_span;
  ExprPtr when;
  ExprPtr unless;  // may be null
  std::vector<Ident> requires_;
  std::optional<std::string> because;
  std::vector<Cite> cites;
  std::vector<Ident> overrides;
  std::optional<Span> defers;  // where `defers` is written, if it is
  std::optional<EffectiveClause> effective;
  Span span;
};

struct PolicyDecl {
  Ident name;
  std::optional<Ident> sector;
  std::optional<Effect> default_effect;
  std::optional<Combine> combine;
  std::optional<Span> defers;  // where `defers` is written, if it is
  std::optional<EffectiveClause> effective;
  std::vector<RuleDecl> rules;
  Span span;
};

// `amend policy P { rules }`: rules added to a policy declared elsewhere in the bundle.
struct Amendment {
  Ident policy;
  std::vector<RuleDecl> rules;
  Span span;
};

struct ScenarioValue {
  enum class Kind : std::uint8_t { boolean, integer, name, set };
  Kind kind = Kind::boolean;
  bool bool_value = false;
  std::int64_t int_value = 0;
  Ident name;                 // an enum value
  std::vector<Ident> members; // set
  Span span;
};

struct Assignment {
  Ident fact;
  ScenarioValue value;
  Span span;
};

// `expect share require a, b` | `expect deny` | `expect undetermined missing x, y`
struct ExpectDecl {
  Outcome outcome = Outcome::share;
  bool has_require = false;
  std::vector<Ident> requires_;
  bool has_missing = false;
  std::vector<Ident> missing;
  Span span;
};

struct ScenarioDecl {
  std::string title;
  Span title_span;
  std::optional<Ident> from, to;
  std::optional<DateLit> on;
  std::vector<Assignment> facts;
  std::optional<ExpectDecl> expect;
  Span span;
};

// One parsed file. Declarations of each kind keep their source order.
struct File {
  std::uint32_t file = 0;
  std::uint32_t expr_count = 0;  // expressions created while parsing it (ids 0 .. count-1)
  std::vector<Import> imports;
  std::vector<Sectors> sectors;
  std::vector<TypeDecl> types;
  std::vector<Framework> frameworks;
  std::vector<ObligationDecl> obligations;
  std::vector<FactDecl> facts;
  std::vector<ConditionDecl> conditions;
  std::vector<ConstraintDecl> constraints;
  std::vector<PolicyDecl> policies;
  std::vector<Amendment> amendments;
  std::vector<ScenarioDecl> scenarios;
};

}  // namespace proviso::ast
