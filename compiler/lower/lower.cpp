// Lowering to the Program (runtime/program.hpp): nodes children first, conditions in
// dependency order with one shared Op::condition node each, rules grouped by policy.
#include "proviso/compiler/lower.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <tuple>

namespace proviso {

SourcePlace source_place(const Compilation& c, const ast::Span& span) {
  // What c.locate(span) would say of the place, without copying the source line.
  if (span.file >= c.sources.size()) return {};
  const SourceFile& source = c.sources[span.file];
  const auto [line, column] = source.line_col(span.begin);
  return SourcePlace{source.name(), line, column};
}

std::string bundle_version(const std::vector<SourceFile>& sources) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64 offset basis
  auto step = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;  // FNV-1a 64 prime
  };
  auto mix = [&](std::string_view bytes) {
    for (unsigned char ch : bytes) step(ch);
    step(0);
  };
  for (const SourceFile& s : sources) {
    mix(s.name());
    mix(s.text());
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

namespace compiler::internal {
namespace {

Op op_of(ast::CmpOp op) {
  switch (op) {
    case ast::CmpOp::eq: return Op::eq;
    case ast::CmpOp::ne: return Op::ne;
    case ast::CmpOp::lt: return Op::lt;
    case ast::CmpOp::le: return Op::le;
    case ast::CmpOp::gt: return Op::gt;
    case ast::CmpOp::ge: return Op::ge;
  }
  return Op::eq;
}

class Lowerer {
 public:
  Lowerer(const Compilation& c, const CheckedBundle& b, const ConditionGraph& g, Program& p)
      : c_(c), b_(b), g_(g), p_(p) {}

  void run() {
    const Declarations& d = b_.decls;
    p_.types = b_.types;
    p_.bool_type = TypeId(b_.bool_type);
    p_.int_type = TypeId(b_.int_type);
    p_.sector_type = TypeId(b_.sector_type);
    facts();
    conditions();
    constraints();
    obligations();
    for (std::uint32_t i = 0; i < d.policies.size(); ++i) policy(i);
    p_.scenarios = b_.scenarios;
    p_.version = bundle_version(c_.sources);
    p_.index();
  }

 private:
  std::string_view text(const ast::Span& span) const {
    std::string_view all = c_.sources.at(span.file).text();
    return span.begin < all.size() ? all.substr(span.begin, span.end - span.begin) : std::string_view{};
  }

  std::vector<Citation> cites(const std::vector<ast::Cite>& list) const {
    std::vector<Citation> out;
    for (const ast::Cite& cite : list) {
      if (!cite.is_path) {
        out.push_back(Citation{"", cite.text});
        continue;
      }
      const ast::Question* q = b_.find_question(cite.path.text);
      out.push_back(Citation{cite.path.text, q ? q->text : std::string()});
    }
    return out;
  }

  void facts() {
    const ast::Span sectors = b_.decls.sectors ? b_.decls.sectors->span : ast::Span{};
    p_.facts.push_back(Fact{"from", TypeId(b_.sector_type), "Which sector discloses the data?", {}, source_place(c_, sectors)});
    p_.facts.push_back(Fact{"to", TypeId(b_.sector_type), "Which sector receives the data?", {}, source_place(c_, sectors)});
    for (std::uint32_t i = 0; i < b_.decls.facts.size(); ++i) {
      const ast::FactDecl& f = *b_.decls.facts[i];
      p_.facts.push_back(Fact{f.name.text, TypeId(b_.fact_type(fact_id_of_declared(i))), f.question.value_or(""), cites(f.cites),
                              source_place(c_, f.name.span)});
    }
    fact_nodes_.assign(p_.facts.size(), kNone);
  }

  void conditions() {
    const auto& list = b_.decls.conditions;
    p_.conditions.resize(list.size());
    condition_nodes_.assign(list.size(), kNone);
    // Dependencies first, so a condition's node exists before any user refers to it.
    for (std::uint32_t id : g_.condition_order()) {
      const ast::ConditionDecl& decl = *list[id];
      Node n{Op::condition, lower(*decl.expr), 0, 0, TypeId(b_.bool_type), ConditionId(id), decl.name.text};
      condition_nodes_[id] = push(std::move(n));
      p_.conditions[id] = ConditionInfo{decl.name.text, decl.text.value_or(""), cites(decl.cites),
                                        NodeId(condition_nodes_[id]), source_place(c_, decl.name.span)};
    }
  }

  void constraints() {
    for (const ast::ConstraintDecl* decl : b_.decls.constraints) {
      p_.constraints.push_back(Constraint{decl->name.text, decl->text.value_or(""), cites(decl->cites),
                                          NodeId(lower(*decl->expr)), source_place(c_, decl->name.span)});
    }
  }

  static Effective effective(const std::optional<ast::EffectiveClause>& e) {
    Effective out;
    if (e && e->from) out.from = e->from->day;
    if (e && e->until) out.until = e->until->day;
    return out;
  }

  void obligations() {
    const auto& list = b_.decls.obligations;
    p_.obligations.resize(list.size());
    for (std::uint32_t i = 0; i < list.size(); ++i) {
      p_.obligations[b_.obligation_ids[i]] = Obligation{list[i]->name.text, list[i]->text};
    }
  }

  void policy(std::uint32_t index) {
    const ast::PolicyDecl& decl = *b_.decls.policies[index];
    Policy out;
    out.name = decl.name.text;
    out.sector = b_.policy_sectors[index];
    out.default_effect = decl.default_effect.value_or(Effect::deny);
    out.combine = decl.combine.value_or(Combine::strictest);
    out.first_rule = RuleId(b_.decls.policy_first_rule[index]);
    out.rule_count = b_.decls.policy_rule_count[index];
    out.defers = decl.defers.has_value();
    out.effective = effective(decl.effective);
    out.place = source_place(c_, decl.name.span);
    p_.policies.push_back(std::move(out));
    for (std::uint32_t r = p_.policies.back().first_rule; r < p_.policies.back().first_rule + p_.policies.back().rule_count; ++r) {
      rule(r);
    }
  }

  void rule(std::uint32_t id) {
    const RuleRef& ref = b_.decls.rules[id];
    const ast::RuleDecl& decl = *ref.decl;
    const CheckedRule& checked = b_.rules[id];
    const std::uint32_t vertex = g_.find(GraphVertexKind::rule, id);
    Rule out;
    out.name = decl.name.text;
    out.policy = PolicyId(ref.policy);
    out.effect = decl.effect;
    out.when = NodeId(decl.when ? lower(*decl.when) : constant(Op::const_bool, 1, b_.bool_type, "true"));
    out.unless = decl.unless ? NodeId(lower(*decl.unless)) : NodeId::none();
    out.requires_ = sorted_unique(checked.requires_);
    out.because = decl.because.value_or("");
    out.cites = cites(decl.cites);
    out.overrides = sorted_unique(checked.overrides);
    out.beaten_by = g_.beaten_by(vertex);
    out.facts = g_.rule_facts(vertex);
    out.defers = decl.defers.has_value() || (decl.effect == Effect::share && p_.policies[ref.policy].defers);
    out.effective = effective(decl.effective);
    out.place = source_place(c_, decl.name.span);
    p_.rules.push_back(std::move(out));
  }

  static std::vector<std::uint32_t> sorted_unique(std::vector<std::uint32_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  std::uint32_t push(Node n) {
    p_.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(p_.nodes.size() - 1);
  }

  // Constants and fact reads are shared by every user; traces show them the same way.
  std::uint32_t constant(Op op, std::int64_t value, std::uint32_t type, std::string_view written) {
    auto it = constants_.find(std::make_tuple(op, value, type, written));
    if (it != constants_.end()) return it->second;
    std::uint32_t id = push(Node{op, 0, 0, value, TypeId(type), ConditionId::none(), std::string(written)});
    constants_.emplace(std::make_tuple(op, value, type, std::string(written)), id);
    return id;
  }

  std::uint32_t fact(std::uint32_t id) {
    if (fact_nodes_[id] == kNone) {
      fact_nodes_[id] = push(Node{Op::fact, id, 0, 0, TypeId(b_.fact_type(id)), ConditionId::none(), p_.facts[id].name});
    }
    return fact_nodes_[id];
  }

  std::uint32_t lower(const ast::Expr& e) {
    const ExprInfo& info = b_.info(e);
    switch (e.kind) {
      case ast::ExprKind::boolean: return constant(Op::const_bool, e.bool_value ? 1 : 0, b_.bool_type, text(e.span));
      case ast::ExprKind::integer: return constant(Op::const_int, e.int_value, b_.int_type, text(e.span));
      case ast::ExprKind::name:
        switch (info.ref.kind) {
          case NameRef::Kind::fact: return fact(info.ref.id);
          case NameRef::Kind::condition: return condition_nodes_.at(info.ref.id);
          case NameRef::Kind::enum_value: return constant(Op::const_int, info.ref.id, info.type, e.name);
          case NameRef::Kind::none: break;
        }
        break;
      case ast::ExprKind::and_:
      case ast::ExprKind::or_: {
        std::vector<std::uint32_t> kids;
        kids.reserve(e.kids.size());
        for (const ast::ExprPtr& kid : e.kids) kids.push_back(lower(*kid));
        return nary(e.kind == ast::ExprKind::and_ ? Op::and_ : Op::or_, kids, text(e.span));
      }
      case ast::ExprKind::not_: {
        std::uint32_t a = lower(*e.kids[0]);
        return push(Node{Op::not_, a, 0, 0, TypeId(b_.bool_type), ConditionId::none(), std::string(text(e.span))});
      }
      case ast::ExprKind::compare: return binary(op_of(e.cmp), e, b_.bool_type);
      case ast::ExprKind::add: return binary(Op::add, e, b_.int_type);
      case ast::ExprKind::sub: return binary(Op::sub, e, b_.int_type);
      case ast::ExprKind::mul: return binary(Op::mul, e, b_.int_type);
      case ast::ExprKind::in_values: return in_values(e);
      case ast::ExprKind::in_set: {
        std::uint32_t value = lower(*e.kids[0]);
        std::uint32_t set = lower(*e.kids[1]);
        return push(Node{Op::has, set, value, 0, TypeId(b_.bool_type), ConditionId::none(), std::string(text(e.span))});
      }
    }
    throw std::logic_error("lowering an expression that did not check: " + std::string(text(e.span)));
  }

  std::uint32_t nary(Op op, const std::vector<std::uint32_t>& kids, std::string_view written) {
    auto first = static_cast<std::uint32_t>(p_.operands.size());
    p_.operands.insert(p_.operands.end(), kids.begin(), kids.end());
    return push(Node{op, first, static_cast<std::uint32_t>(kids.size()), 0, TypeId(b_.bool_type), ConditionId::none(), std::string(written)});
  }

  std::uint32_t binary(Op op, const ast::Expr& e, std::uint32_t type) {
    std::uint32_t a = lower(*e.kids[0]);
    std::uint32_t b = lower(*e.kids[1]);
    return push(Node{op, a, b, 0, TypeId(type), ConditionId::none(), std::string(text(e.span))});
  }

  std::uint32_t in_values(const ast::Expr& e) {
    std::uint32_t x = lower(*e.kids[0]);
    const std::uint32_t type = b_.info(*e.kids[0]).type;
    const Type& t = b_.types[type];
    std::vector<std::uint32_t> indexes;
    for (const ast::Ident& v : e.values) indexes.push_back(t.value_index(v.text));
    bool fits = true;
    std::uint64_t mask = 0;
    for (std::uint32_t i : indexes) {
      if (i >= kSetMaskBits) fits = false;
      else mask |= std::uint64_t{1} << i;
    }
    if (fits) {
      return push(Node{Op::in_values, x, 0, static_cast<std::int64_t>(mask), TypeId(b_.bool_type), ConditionId::none(),
                       std::string(text(e.span))});
    }
    // An enum with more than 64 values cannot be a mask: spell it as a chain of ==.
    std::vector<std::uint32_t> tests;
    for (std::size_t k = 0; k < indexes.size(); ++k) {
      std::uint32_t value = constant(Op::const_int, indexes[k], type, e.values[k].text);
      tests.push_back(push(Node{Op::eq, x, value, 0, TypeId(b_.bool_type), ConditionId::none(),
                                std::string(text(e.kids[0]->span)) + " == " + e.values[k].text}));
    }
    return tests.size() == 1 ? tests.front() : nary(Op::or_, tests, text(e.span));
  }

  const Compilation& c_;
  const CheckedBundle& b_;
  const ConditionGraph& g_;
  Program& p_;
  std::vector<std::uint32_t> fact_nodes_;
  std::vector<std::uint32_t> condition_nodes_;
  // Transparent, so a lookup compares the written text in place without copying it.
  // Looked up with the written text in place (a string_view) and stored with its own
  // copy: the comparison sees both keys as views, which every standard library accepts
  // (std::less<> on tuples of string and string_view does not compile with clang).
  struct ConstantLess {
    using is_transparent = void;
    using View = std::tuple<Op, std::int64_t, std::uint32_t, std::string_view>;
    template <typename Key>
    static View view(const Key& k) {
      return View(std::get<0>(k), std::get<1>(k), std::get<2>(k), std::string_view(std::get<3>(k)));
    }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return view(a) < view(b);
    }
  };
  std::map<std::tuple<Op, std::int64_t, std::uint32_t, std::string>, std::uint32_t, ConstantLess> constants_;
};

}  // namespace
}  // namespace compiler::internal

std::unique_ptr<Program> lower(const Compilation& c, const CheckedBundle& bundle, const ConditionGraph& graph) {
  auto program = std::make_unique<Program>();
  compiler::internal::Lowerer(c, bundle, graph, *program).run();
  return program;
}

}  // namespace proviso
