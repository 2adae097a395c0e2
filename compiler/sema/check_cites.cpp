// `cite` clauses: a path must name a question of a declared framework (`dpb.q3`).
#include "sema/sema_context.hpp"

namespace proviso {

const ast::Question* CheckedBundle::find_question(std::string_view path) const {
  std::size_t dot = path.find('.');
  if (dot == std::string_view::npos) return nullptr;
  const Symbol* s = symbols.find(path.substr(0, dot));
  if (!s || s->kind != SymbolKind::framework) return nullptr;
  std::string_view question = path.substr(dot + 1);
  for (const ast::Question& q : decls.frameworks[s->index]->questions) {
    if (q.name.text == question) return &q;
  }
  return nullptr;
}

namespace compiler::internal {
namespace {

void check_cite(SemaContext& cx, const ast::Cite& cite) {
  if (!cite.is_path) return;
  const std::string& path = cite.path.text;
  std::size_t dot = path.find('.');
  if (dot == std::string::npos || path.find('.', dot + 1) != std::string::npos) {
    cx.report(Code::undefined_name, "'cite " + path + "' must name a framework question, as in 'dpb.q3'",
              cite.path.span);
    return;
  }
  ast::Ident framework{path.substr(0, dot), ast::Span{cite.path.span.file, cite.path.span.begin,
                                                      cite.path.span.begin + static_cast<std::uint32_t>(dot)}};
  const Symbol* s = cx.expect_symbol(framework, SymbolKind::framework, "framework");
  if (!s) return;
  if (cx.b.find_question(path)) return;
  const ast::Framework& f = *cx.b.decls.frameworks[s->index];
  std::string question = path.substr(dot + 1);
  Diagnostic& d = cx.report(Code::undefined_name,
                            "framework '" + f.name.text + "' has no question '" + question + "'", cite.path.span);
  std::vector<std::string_view> names;
  for (const ast::Question& q : f.questions) names.push_back(q.name.text);
  d.hint = cx.hint(question, names);
}

void check_all(SemaContext& cx, const std::vector<ast::Cite>& cites) {
  for (const ast::Cite& c : cites) check_cite(cx, c);
}

}  // namespace

void check_cites(SemaContext& cx) {
  const Declarations& d = cx.b.decls;
  for (const ast::FactDecl* f : d.facts) check_all(cx, f->cites);
  for (const ast::ConditionDecl* c : d.conditions) check_all(cx, c->cites);
  for (const ast::ConstraintDecl* c : d.constraints) check_all(cx, c->cites);
  for (const RuleRef& r : d.rules) check_all(cx, r.decl->cites);
}

}  // namespace compiler::internal
}  // namespace proviso
