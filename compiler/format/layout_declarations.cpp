// The file and its declarations. Declarations are separated by one empty line, except
// that neighbours of one compact kind (imports, types, obligations, facts) keep the
// source's choice: a run of facts written together stays together.
#include "format/layout.hpp"

namespace proviso::compiler::internal {
namespace {

struct DeclForm {
  std::string_view keyword;
  bool compact;
  Doc (Layout::*layout)();
};

// Every declaration, by its first word. A new declaration is a row here and its layout
// function.
constexpr DeclForm kDeclarations[] = {
    {"import", true, &Layout::import_decl},
    {"sectors", false, &Layout::sectors_decl},
    {"type", true, &Layout::type_decl},
    {"framework", false, &Layout::framework_decl},
    {"obligation", true, &Layout::obligation_decl},
    {"fact", true, &Layout::fact_decl},
    {"condition", false, &Layout::condition_decl},
    {"constraint", false, &Layout::constraint_decl},
    {"policy", false, &Layout::policy_decl},
    {"amend", false, &Layout::amend_decl},
    {"scenario", false, &Layout::scenario_decl},
};

const DeclForm* form_of(const Token& t) {
  for (const DeclForm& f : kDeclarations) {
    if (t.is(f.keyword)) return &f;
  }
  return nullptr;
}

}  // namespace

Doc Layout::file() {
  std::vector<Doc> parts;
  const DeclForm* previous = nullptr;
  while (!at_end()) {
    const DeclForm* form = form_of(peek());
    if (!form) unexpected("a declaration");
    if (previous) {
      bool keep = form == previous && form->compact;
      parts.push_back(!keep || blank_in_source() ? blank() : hardline());
    }
    parts.push_back((this->*(form->layout))());
    parts.push_back(hard());
    previous = form;
  }
  // Comments after the last declaration.
  const Token& end = peek();
  if (!end.leading.empty()) {
    if (previous && end.leading.front().blank_before) parts.push_back(blank());
    parts.push_back(comments_before_close());
  }
  Doc d = concat(std::move(parts));
  settle(d);
  return d;
}

Doc Layout::import_decl() {
  Doc kw = take_first("import");
  return concat({std::move(kw), text(" "), take()});
}

Doc Layout::sectors_decl() {
  Doc kw = take_first("sectors");
  return concat({std::move(kw), text(" "), braces_list()});
}

Doc Layout::type_decl() {
  Doc kw = take_first("type");
  Doc name = take();
  Doc eq = take("=");
  return concat({std::move(kw), text(" "), std::move(name), text(" "), std::move(eq), text(" "), type_expr()});
}

Doc Layout::obligation_decl() {
  Doc kw = take_first("obligation");
  Doc name = take();
  return group({std::move(kw), text(" "), std::move(name), indent(2, {line(), take()})});
}

// fact NAME: TYPE "question"    (the question on the next line when it does not fit)
//   cite ... cite ...
Doc Layout::fact_decl() {
  Doc kw = take_first("fact");
  Doc name = take();
  Doc colon = take(":");
  std::vector<Doc> head{std::move(kw), text(" "), std::move(name), std::move(colon), text(" "), type_expr()};
  if (peek().kind == TokenKind::string) head.push_back(indent(2, {line(), take()}));
  std::vector<Doc> parts{group(std::move(head))};
  if (at("cite")) parts.push_back(indent(2, {hard(), cites()}));
  return concat(std::move(parts));
}

// condition NAME = EXPR          (or the expression on its own lines, 4 in)
//   "text"
//   cite ... cite ...
Doc Layout::condition_decl() { return named_expression_decl("condition"); }
Doc Layout::constraint_decl() { return named_expression_decl("constraint"); }

Doc Layout::named_expression_decl(std::string_view word) {
  Doc kw = take_first(word);
  Doc name = take();
  Doc eq = take("=");
  Doc e = expr();
  std::vector<Doc> parts{
      group({std::move(kw), text(" "), std::move(name), text(" "), std::move(eq), indent(4, {line(), std::move(e)})})};
  if (peek().kind == TokenKind::string) parts.push_back(indent(2, {hard(), take()}));
  if (at("cite")) parts.push_back(indent(2, {hard(), cites()}));
  return concat(std::move(parts));
}

// framework NAME "title" {
//   question q1 "text" group g
// }
Doc Layout::framework_decl() {
  Doc kw = take_first("framework");
  Doc name = take();
  Doc title = take();
  std::vector<Doc> head{std::move(kw), text(" "), std::move(name), text(" "), std::move(title), text(" "), take("{")};
  std::vector<Doc> body;
  bool first = true;
  while (at("question")) {
    body.push_back(gap(!first && blank_in_source()));
    first = false;
    Doc q = take_first("question");
    Doc qname = take();
    std::vector<Doc> item{std::move(q), text(" "), std::move(qname), text(" "), take()};
    if (at("group")) {
      Doc g = take();
      item.push_back(text(" "));
      item.push_back(std::move(g));
      item.push_back(text(" "));
      item.push_back(take());
    }
    body.push_back(concat(std::move(item)));
  }
  if (!peek().leading.empty()) {
    body.push_back(hard());
    body.push_back(comments_before_close());
  }
  std::vector<Doc> parts{concat(std::move(head)), indent(2, std::move(body)), hard(), block_close()};
  return concat(std::move(parts));
}

}  // namespace proviso::compiler::internal
