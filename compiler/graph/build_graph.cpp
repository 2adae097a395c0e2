// Builds the condition graph from the checked bundle (vertices in source order) and
// reports what it finds: condition cycles, override cycles, unused facts and conditions.
#include <algorithm>
#include <optional>
#include <utility>

#include "sema/sema_context.hpp"

namespace proviso::compiler::internal {
namespace {

struct PendingVertex {
  std::uint64_t key;
  GraphVertex vertex;
  ast::Span span;  // the declaration's name
};

class GraphBuilder {
 public:
  explicit GraphBuilder(SemaContext& cx) : cx_(cx), b_(cx.b) {}

  std::shared_ptr<ConditionGraph> build() {
    add_vertices();
    add_edges();
    graph_->finish(cx_.options.max_closure_steps);
    return graph_;
  }

  void report_overflow() {
    std::uint32_t v = graph_->closure_overflow();
    if (v == kNone) return;
    cx_.report(Code::limit,
               "too much to index: listing the facts and the overriding rules of every rule took over " +
                   std::to_string(cx_.options.max_closure_steps) + " steps (stopped at rule '" +
                   graph_->vertex(v).name + "'); shorten chains of conditions or overrides that many rules share",
               spans_[v]);
  }

  void report_cycles() {
    for (const auto& path : graph_->dependency_cycles()) {
      report_cycle(path, Code::cycle, "conditions depend on each other in a cycle: ", "uses");
    }
    for (const auto& path : graph_->override_cycles()) {
      report_cycle(path, Code::override_cycle, "rules override each other in a cycle: ", "overrides");
    }
  }

  void report_unused() {
    for (std::uint32_t v = 0; v < graph_->vertex_count(); ++v) {
      const GraphVertex& x = graph_->vertex(v);
      if (!graph_->users(v).empty()) continue;
      std::string message;
      if (x.kind == GraphVertexKind::fact && x.id != kFactFrom && x.id != kFactTo) {
        message = "fact '" + x.name + "' is not used by any condition or rule";
      } else if (x.kind == GraphVertexKind::condition) {
        message = "condition '" + x.name + "' is not used by any rule or condition";
      } else {
        continue;
      }
      Diagnostic& d = cx_.report(Code::unused, std::move(message), spans_[v]);
      d.severity = Severity::info;
    }
  }

 private:
  void add_vertices() {
    const Declarations& d = b_.decls;
    std::vector<PendingVertex> pending;
    pending.reserve(2 + d.facts.size() + d.conditions.size() + d.constraints.size() + d.policies.size() +
                    d.rules.size());
    auto type_name = [&](std::uint32_t type) { return type == kNone ? std::string() : b_.types[type].name; };
    // `from` and `to` have no declaration of their own: they lead, at the sector list.
    ast::Span sectors = d.sectors ? d.sectors->span : ast::Span{};
    for (std::uint32_t f : {kFactFrom, kFactTo}) {
      pending.push_back({0, GraphVertex{GraphVertexKind::fact, f, b_.fact_name(f), "sector", {}, kNone}, sectors});
    }
    for (std::uint32_t i = 0; i < d.facts.size(); ++i) {
      const ast::FactDecl& f = *d.facts[i];
      pending.push_back({cx_.order_key(f.name.span),
                         GraphVertex{GraphVertexKind::fact, fact_id_of_declared(i), f.name.text, type_name(b_.fact_type(fact_id_of_declared(i))),
                                     f.question.value_or(""), kNone},
                         f.name.span});
    }
    for (std::uint32_t i = 0; i < d.conditions.size(); ++i) {
      const ast::ConditionDecl& c = *d.conditions[i];
      pending.push_back({cx_.order_key(c.name.span),
                         GraphVertex{GraphVertexKind::condition, i, c.name.text, {}, c.text.value_or(""), kNone},
                         c.name.span});
    }
    for (std::uint32_t i = 0; i < d.constraints.size(); ++i) {
      const ast::ConstraintDecl& c = *d.constraints[i];
      pending.push_back({cx_.order_key(c.name.span),
                         GraphVertex{GraphVertexKind::constraint, i, c.name.text, {}, c.text.value_or(""), kNone},
                         c.name.span});
    }
    for (std::uint32_t p = 0; p < d.policies.size(); ++p) {
      const ast::PolicyDecl& policy = *d.policies[p];
      pending.push_back({cx_.order_key(policy.name.span),
                         GraphVertex{GraphVertexKind::policy, p, policy.name.text, {}, {}, p}, policy.name.span});
    }
    for (std::uint32_t r = 0; r < d.rules.size(); ++r) {
      const ast::RuleDecl& rule = *d.rules[r].decl;
      pending.push_back({cx_.order_key(rule.name.span),
                         GraphVertex{GraphVertexKind::rule, r, b_.rule_name(r), std::string(to_string(rule.effect)),
                                     rule.because.value_or(""), d.rules[r].policy},
                         rule.name.span});
    }
    // Sort (key, index) pairs, not the vertices with their strings; the index as a tie
    // breaker keeps the order stable. Declarations are mostly in source order already.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> order;
    order.reserve(pending.size());
    for (std::uint32_t i = 2; i < pending.size(); ++i) order.emplace_back(pending[i].key, i);
    if (!std::is_sorted(order.begin(), order.end())) std::sort(order.begin(), order.end());
    spans_.reserve(pending.size());
    graph_->reserve(pending.size());
    auto add = [&](PendingVertex& p) {
      spans_.push_back(p.span);
      graph_->add_vertex(std::move(p.vertex));
    };
    add(pending[0]);
    add(pending[1]);
    for (const auto& [key, i] : order) add(pending[i]);
  }

  // The vertex an expression names (a fact or a condition), or kNone.
  std::uint32_t named_vertex(const ast::Expr& e) const {
    if (e.kind != ast::ExprKind::name) return kNone;
    const NameRef& ref = b_.info(e).ref;
    if (ref.kind == NameRef::Kind::fact) return graph_->find(GraphVertexKind::fact, ref.id);
    if (ref.kind == NameRef::Kind::condition) return graph_->find(GraphVertexKind::condition, ref.id);
    return kNone;
  }

  // Adds an edge from `user` to each fact and condition an expression names.
  void depend_on_names(std::uint32_t user, const ast::Expr* e) {
    if (!e) return;
    if (e->kind == ast::ExprKind::name) {
      std::uint32_t target = named_vertex(*e);
      if (target != kNone) graph_->add_dependency(user, target);
      return;
    }
    for (const ast::ExprPtr& kid : e->kids) depend_on_names(user, kid.get());
  }

  // The first name in `e` (in the order depend_on_names walks) that leads to `target`.
  const ast::Expr* first_use(const ast::Expr* e, std::uint32_t target) const {
    if (!e) return nullptr;
    if (e->kind == ast::ExprKind::name) return named_vertex(*e) == target ? e : nullptr;
    for (const ast::ExprPtr& kid : e->kids) {
      if (const ast::Expr* found = first_use(kid.get(), target)) return found;
    }
    return nullptr;
  }

  // Where `from` first uses or overrides `to`, for a cycle's notes: only cycles need
  // it, so it is looked up again here rather than recorded for every edge.
  std::optional<ast::Span> use_site(std::uint32_t from, std::uint32_t to) const {
    const GraphVertex& x = graph_->vertex(from);
    const Declarations& d = b_.decls;
    std::vector<const ast::Expr*> exprs;
    if (x.kind == GraphVertexKind::condition) exprs = {d.conditions[x.id]->expr.get()};
    if (x.kind == GraphVertexKind::constraint) exprs = {d.constraints[x.id]->expr.get()};
    if (x.kind == GraphVertexKind::rule) {
      exprs = {d.rules[x.id].decl->when.get(), d.rules[x.id].decl->unless.get()};
      const CheckedRule& checked = b_.rules[x.id];
      if (graph_->vertex(to).kind == GraphVertexKind::rule) {
        for (std::size_t k = 0; k < checked.overrides.size(); ++k) {
          if (graph_->find(GraphVertexKind::rule, checked.overrides[k]) == to) return checked.override_spans[k];
        }
        return std::nullopt;
      }
    }
    for (const ast::Expr* e : exprs) {
      if (const ast::Expr* found = first_use(e, to)) return found->span;
    }
    return std::nullopt;
  }

  void add_edges() {
    const Declarations& d = b_.decls;
    for (std::uint32_t i = 0; i < d.conditions.size(); ++i) {
      depend_on_names(graph_->find(GraphVertexKind::condition, i), d.conditions[i]->expr.get());
    }
    for (std::uint32_t i = 0; i < d.constraints.size(); ++i) {
      depend_on_names(graph_->find(GraphVertexKind::constraint, i), d.constraints[i]->expr.get());
    }
    for (std::uint32_t r = 0; r < d.rules.size(); ++r) {
      std::uint32_t v = graph_->find(GraphVertexKind::rule, r);
      graph_->add_dependency(graph_->find(GraphVertexKind::policy, d.rules[r].policy), v);
      depend_on_names(v, d.rules[r].decl->when.get());
      depend_on_names(v, d.rules[r].decl->unless.get());
      const CheckedRule& checked = b_.rules[r];
      for (std::uint32_t overridden : checked.overrides) {
        graph_->add_override(v, graph_->find(GraphVertexKind::rule, overridden));
      }
    }
  }

  std::string short_name(const GraphVertex& v) const {
    return v.kind == GraphVertexKind::rule ? b_.decls.rules[v.id].decl->name.text : v.name;
  }

  void report_cycle(const std::vector<std::uint32_t>& path, Code code, std::string message, std::string_view verb) {
    for (std::uint32_t v : path) message += graph_->vertex(v).name + " -> ";
    message += graph_->vertex(path.front()).name;
    Diagnostic& d = cx_.report(code, std::move(message), spans_[path.front()]);
    for (std::size_t i = 0; i < path.size(); ++i) {
      std::uint32_t from = path[i], to = path[(i + 1) % path.size()];
      std::optional<ast::Span> site = use_site(from, to);
      cx_.note(d, "'" + short_name(graph_->vertex(from)) + "' " + std::string(verb) + " '" +
                      short_name(graph_->vertex(to)) + "' here",
               site ? *site : spans_[from]);
    }
  }

  SemaContext& cx_;
  CheckedBundle& b_;
  std::shared_ptr<ConditionGraph> graph_ = std::make_shared<ConditionGraph>();
  std::vector<ast::Span> spans_;  // per vertex
};

}  // namespace

std::shared_ptr<ConditionGraph> build_graph(SemaContext& cx) {
  GraphBuilder builder(cx);
  std::shared_ptr<ConditionGraph> graph = builder.build();
  builder.report_cycles();
  builder.report_overflow();
  // Before names and types are sound, "unused" would mostly echo those errors.
  if (cx.error_count() == 0) builder.report_unused();
  return graph;
}

}  // namespace proviso::compiler::internal
