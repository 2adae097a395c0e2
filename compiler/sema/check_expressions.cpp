// Names and types of expressions (language.md section 4). Every expression gets an
// ExprInfo with its type; names resolve to a fact, a condition or an enum value.
//
// Enum literals: in a comparison or `in`, a bare identifier that is a value of the
// other operand's enum means that value, even when a fact or condition has the same
// name; that is the reading the contract gives and the one a policy author means.
#include <string>

#include "sema/sema_context.hpp"

namespace proviso::compiler::internal {
namespace {

std::string_view symbol_of(ast::CmpOp op) {
  switch (op) {
    case ast::CmpOp::eq: return "==";
    case ast::CmpOp::ne: return "!=";
    case ast::CmpOp::lt: return "<";
    case ast::CmpOp::le: return "<=";
    case ast::CmpOp::gt: return ">";
    case ast::CmpOp::ge: return ">=";
  }
  return "==";
}

// An arithmetic expression in one canonical spelling (single spaces, only the brackets the
// grouping needs), so that a message quoting it does not change when `proviso fmt` moves
// spaces. `bracket_sums` is set for an operand of '*' and for the right side of '-'.
std::string arithmetic_text(const ast::Expr& e, bool bracket_sums = false) {
  switch (e.kind) {
    case ast::ExprKind::integer:
      return std::to_string(e.int_value);
    case ast::ExprKind::name:
      return e.name;
    case ast::ExprKind::add:
    case ast::ExprKind::sub: {
      std::string text = arithmetic_text(*e.kids[0]) + (e.kind == ast::ExprKind::add ? " + " : " - ") +
                         arithmetic_text(*e.kids[1], e.kind == ast::ExprKind::sub);
      return bracket_sums ? "(" + text + ")" : text;
    }
    case ast::ExprKind::mul:
      return arithmetic_text(*e.kids[0], true) + " * " + arithmetic_text(*e.kids[1], true);
    default:
      return "...";  // not arithmetic: sema reports the operand's type separately
  }
}

std::string_view symbol_of(ast::ExprKind kind) {
  switch (kind) {
    case ast::ExprKind::add: return "+";
    case ast::ExprKind::sub: return "-";
    case ast::ExprKind::mul: return "*";
    case ast::ExprKind::and_: return "and";
    case ast::ExprKind::or_: return "or";
    default: return "not";
  }
}

bool is_bare_name(const ast::Expr& e) {
  return e.kind == ast::ExprKind::name && e.name.find('.') == std::string::npos;
}

class ExprChecker {
 public:
  explicit ExprChecker(SemaContext& cx) : cx_(cx), b_(cx.b) {}

  // Checks a top-level expression that must be boolean; `what` starts the message.
  // `what` names the expression's place; it is written out only for an error.
  void expect_bool(const ast::Expr* e, std::string_view what, const std::string& owner) {
    if (!e) return;
    depth_reported_ = false;
    std::uint32_t t = check(*e, 0);
    if (t != kNone && t != b_.bool_type) {
      cx_.report(Code::type_mismatch, std::string(what) + " '" + owner + "' must be 'bool', not '" + name(t) + "'",
                 e->span);
    }
  }

 private:
  const std::string& name(std::uint32_t type) const { return b_.types[type].name; }
  bool is_enum(std::uint32_t type) const { return type != kNone && b_.types[type].kind == TypeKind::enumeration; }
  bool is_int(std::uint32_t type) const { return type != kNone && b_.types[type].kind == TypeKind::integer; }

  std::uint32_t record(const ast::Expr& e, std::uint32_t type, NameRef ref = {}) {
    b_.info(e) = ExprInfo{type, ref};
    return type;
  }

  std::uint32_t check(const ast::Expr& e, std::size_t depth) {
    if (depth > cx_.options.max_expression_depth) {
      if (!depth_reported_) {
        cx_.report(Code::limit,
                   "expression nested more than " + std::to_string(cx_.options.max_expression_depth) + " levels deep",
                   e.span);
        depth_reported_ = true;
      }
      return kNone;
    }
    switch (e.kind) {
      case ast::ExprKind::boolean: return record(e, b_.bool_type);
      case ast::ExprKind::integer: return record(e, b_.int_type);
      case ast::ExprKind::name: return check_name(e, kNone);
      case ast::ExprKind::and_:
      case ast::ExprKind::or_:
      case ast::ExprKind::not_: return check_logic(e, depth);
      case ast::ExprKind::compare: return check_compare(e, depth);
      case ast::ExprKind::add:
      case ast::ExprKind::sub:
      case ast::ExprKind::mul: return check_arithmetic(e, depth);
      case ast::ExprKind::in_values: return check_in_values(e, depth);
      case ast::ExprKind::in_set: return check_in_set(e, depth);
    }
    return record(e, kNone);
  }

  // The type a bare name would have as a fact or condition, without reporting.
  std::uint32_t peek(const ast::Expr& e) const {
    if (e.kind != ast::ExprKind::name) return kNone;
    if (e.name == "from" || e.name == "to") return b_.sector_type;
    const Symbol* s = b_.symbols.find(e.name);
    if (!s) return kNone;
    if (s->kind == SymbolKind::fact) return b_.fact_type(fact_id_of_declared(s->index));
    if (s->kind == SymbolKind::condition) return b_.bool_type;
    return kNone;
  }

  bool try_literal(const ast::Expr& e, std::uint32_t enum_type) {
    if (!is_enum(enum_type) || !is_bare_name(e)) return false;
    std::uint32_t index = b_.types[enum_type].value_index(e.name);
    if (index == kNone) return false;
    record(e, enum_type, NameRef{NameRef::Kind::enum_value, index});
    return true;
  }

  // A name; `partner` is the other operand's type in a comparison or `in`, or kNone.
  std::uint32_t check_name(const ast::Expr& e, std::uint32_t partner) {
    if (try_literal(e, partner)) return partner;
    if (e.name == "from" || e.name == "to") {
      return record(e, b_.sector_type, NameRef{NameRef::Kind::fact, e.name == "from" ? kFactFrom : kFactTo});
    }
    const Symbol* s = b_.symbols.find(e.name);
    if (s && s->kind == SymbolKind::fact) {
      return record(e, b_.fact_type(fact_id_of_declared(s->index)), NameRef{NameRef::Kind::fact, fact_id_of_declared(s->index)});
    }
    if (s && s->kind == SymbolKind::condition) {
      return record(e, b_.bool_type, NameRef{NameRef::Kind::condition, s->index});
    }
    std::vector<std::string_view> candidates;
    if (is_enum(partner)) {
      for (const std::string& v : b_.types[partner].values) candidates.push_back(v);
    }
    const std::vector<std::string_view>& names = cx_.fact_and_condition_names();
    candidates.insert(candidates.end(), names.begin(), names.end());
    const auto& owners = cx_.enums_with_value(e.name);
    if (s) {
      Diagnostic& d = cx_.report(Code::undefined_name,
                                 "'" + e.name + "' is " + describe(s->kind) + ", not a fact or condition", e.span);
      d.hint = cx_.hint(e.name, candidates);
    } else if (is_enum(partner) && !owners.empty()) {
      cx_.report(Code::type_mismatch,
                 "cannot compare '" + name(partner) + "' with '" + name(owners.front()) + "' ('" + e.name +
                     "' is a value of '" + name(owners.front()) + "')",
                 e.span);
    } else {
      Diagnostic& d = cx_.report(Code::undefined_name,
                                 is_enum(partner) ? "'" + e.name + "' is not a value of '" + name(partner) +
                                                        "', nor a fact or condition"
                                                  : "undefined name '" + e.name + "'",
                                 e.span);
      d.hint = cx_.hint(e.name, candidates);
      if (d.hint.empty() && !owners.empty()) {
        d.hint = "'" + e.name + "' is a value of '" + name(owners.front()) + "'; compare a fact of that type with it";
      }
    }
    return record(e, kNone);
  }

  std::uint32_t check_logic(const ast::Expr& e, std::size_t depth) {
    for (const ast::ExprPtr& kid : e.kids) {
      std::uint32_t t = check(*kid, depth + 1);
      if (t == kNone || t == b_.bool_type) continue;
      cx_.report(Code::type_mismatch,
                 "'" + std::string(symbol_of(e.kind)) + "' needs 'bool' operands, not '" + name(t) + "'", kid->span);
    }
    return record(e, b_.bool_type);
  }

  // A bare name beside an operand of type `partner` (kNone: that operand failed).
  std::uint32_t check_name_beside(const ast::Expr& e, std::uint32_t partner) {
    // Beside a failed operand, a value of some enum is most likely meant as a literal of
    // the failed side's type; reporting it too would only repeat the first error.
    if (partner == kNone && !cx_.enums_with_value(e.name).empty() && !b_.symbols.find(e.name)) {
      return record(e, kNone);
    }
    return check_name(e, partner);
  }

  // An operand whose partner has type `partner`: a bare name may be an enum literal.
  std::uint32_t check_operand(const ast::Expr& e, std::uint32_t partner, std::size_t depth) {
    return is_bare_name(e) ? check_name_beside(e, partner) : check(e, depth + 1);
  }

  std::uint32_t check_compare(const ast::Expr& e, std::size_t depth) {
    const ast::Expr& l = *e.kids[0];
    const ast::Expr& r = *e.kids[1];
    std::uint32_t lt = kNone, rt = kNone;
    if (is_bare_name(l) && is_bare_name(r)) {
      std::uint32_t pl = peek(l), pr = peek(r);
      if (is_enum(pl) && b_.types[pl].value_index(r.name) != kNone) {
        lt = check_name(l, kNone);
        rt = check_name(r, lt);
      } else if (is_enum(pr) && b_.types[pr].value_index(l.name) != kNone) {
        rt = check_name(r, kNone);
        lt = check_name(l, rt);
      } else if (!b_.symbols.find(l.name) && !cx_.enums_with_value(l.name).empty()) {
        // `explicit == consnt`: the left is a literal, so the right decides the report.
        rt = check_name(r, kNone);
        lt = check_name_beside(l, rt);
      } else {
        lt = check_name(l, pr);
        rt = check_name_beside(r, lt);
      }
    } else if (is_bare_name(l)) {
      rt = check(r, depth + 1);
      lt = check_name_beside(l, rt);
    } else {
      lt = check(l, depth + 1);
      rt = check_operand(r, lt, depth);
    }
    if (lt != kNone && rt != kNone) {
      const bool ordering = e.cmp != ast::CmpOp::eq && e.cmp != ast::CmpOp::ne;
      if (ordering && !(is_int(lt) && is_int(rt))) {
        cx_.report(Code::type_mismatch,
                   "'" + std::string(symbol_of(e.cmp)) + "' needs two ints, not '" + name(lt) + "' and '" + name(rt) +
                       "'",
                   e.span);
      } else if (!ordering && lt != rt && !(is_int(lt) && is_int(rt))) {
        cx_.report(Code::type_mismatch, "cannot compare '" + name(lt) + "' with '" + name(rt) + "'", e.span);
      }
    }
    return record(e, b_.bool_type);
  }

  std::uint32_t check_arithmetic(const ast::Expr& e, std::size_t depth) {
    const ast::Expr& l = *e.kids[0];
    const ast::Expr& r = *e.kids[1];
    std::uint32_t lt = check(l, depth + 1);
    std::uint32_t rt = check(r, depth + 1);
    if (lt == kNone || rt == kNone) return record(e, b_.int_type);
    if (!is_int(lt) || !is_int(rt)) {
      cx_.report(Code::type_mismatch,
                 "'" + std::string(symbol_of(e.kind)) + "' needs two ints, not '" + name(lt) + "' and '" + name(rt) +
                     "'",
                 e.span);
    } else if (e.kind == ast::ExprKind::mul && l.kind != ast::ExprKind::integer &&
               r.kind != ast::ExprKind::integer) {
      // Products of two unknowns would take the solver out of linear arithmetic.
      cx_.report(Code::nonlinear,
                 "'" + arithmetic_text(e) + "' multiplies two unknowns; one side of '*' must be a number",
                 e.span);
    }
    return record(e, b_.int_type);
  }

  void check_value_of(const ast::Ident& v, std::uint32_t enum_type) {
    const Type& t = b_.types[enum_type];
    if (t.value_index(v.text) != kNone) return;
    const auto& owners = cx_.enums_with_value(v.text);
    if (!owners.empty()) {
      cx_.report(Code::type_mismatch,
                 "'" + v.text + "' is a value of '" + name(owners.front()) + "', not of '" + t.name + "'", v.span);
      return;
    }
    Diagnostic& d = cx_.report(Code::undefined_name, "'" + v.text + "' is not a value of '" + t.name + "'", v.span);
    d.hint = cx_.hint(v.text, std::vector<std::string_view>(t.values.begin(), t.values.end()));
  }

  std::uint32_t check_in_values(const ast::Expr& e, std::size_t depth) {
    const ast::Expr& x = *e.kids[0];
    std::uint32_t t = check(x, depth + 1);
    if (t != kNone && !is_enum(t)) {
      cx_.report(Code::type_mismatch, "'in { ... }' needs an enum on the left, not '" + name(t) + "'", x.span);
    } else if (t != kNone) {
      for (const ast::Ident& v : e.values) check_value_of(v, t);
    }
    return record(e, b_.bool_type);
  }

  std::uint32_t check_in_set(const ast::Expr& e, std::size_t depth) {
    const ast::Expr& x = *e.kids[0];
    const ast::Expr& set = *e.kids[1];
    std::uint32_t st = check(set, depth + 1);
    if (st != kNone && b_.types[st].kind != TypeKind::set) {
      cx_.report(Code::type_mismatch, "'in' needs a set on the right, not '" + name(st) + "'", set.span);
      st = kNone;
    }
    std::uint32_t element = st == kNone ? kNone : b_.types[st].element;
    std::uint32_t xt = check_operand(x, element, depth);
    if (xt != kNone && element != kNone && xt != element) {
      cx_.report(Code::type_mismatch, "cannot look for '" + name(xt) + "' in '" + name(st) + "'", e.span);
    }
    return record(e, b_.bool_type);
  }

  SemaContext& cx_;
  CheckedBundle& b_;
  bool depth_reported_ = false;
};

}  // namespace

void check_expressions(SemaContext& cx) {
  ExprChecker checker(cx);
  for (const ast::ConditionDecl* c : cx.b.decls.conditions) {
    checker.expect_bool(c->expr.get(), "condition", c->name.text);
  }
  for (const ast::ConstraintDecl* c : cx.b.decls.constraints) {
    checker.expect_bool(c->expr.get(), "constraint", c->name.text);
  }
  for (const RuleRef& r : cx.b.decls.rules) {
    checker.expect_bool(r.decl->when.get(), "the 'when' of rule", r.decl->name.text);
    checker.expect_bool(r.decl->unless.get(), "the 'unless' of rule", r.decl->name.text);
  }
}

}  // namespace proviso::compiler::internal
