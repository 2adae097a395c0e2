// Layout of expressions and types. An `and`/`or` chain that does not fit is broken one
// operand per line with the operator leading; each operand hangs under the first
// operand's column, so a broken operand's own lines stay inside it:
//
//   when from == health
//        and purpose in { research, planning }
//        and (consent == explicit_given
//             or cldc_route == s251_support)
#include "format/layout.hpp"

namespace proviso::compiler::internal {
namespace {

bool is_compare(const Token& t) {
  return t.kind == TokenKind::punct &&
         (t.text == "==" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=");
}

// Operands joined by `word`, as one group: flat, or one operand per line.
Doc chain(std::vector<Doc> operands, std::vector<Doc> ops, int hang) {
  if (operands.size() == 1) return std::move(operands[0]);
  std::vector<Doc> parts{indent(hang, {std::move(operands[0])})};
  for (std::size_t k = 1; k < operands.size(); ++k) {
    parts.push_back(line());
    parts.push_back(std::move(ops[k - 1]));
    parts.push_back(text(" "));
    parts.push_back(indent(hang, {std::move(operands[k])}));
  }
  return group(std::move(parts));
}

}  // namespace

Doc Layout::expr() { return or_chain(); }

Doc Layout::or_chain() {
  std::vector<Doc> operands{and_chain()}, ops;
  while (at("or")) {
    ops.push_back(take());
    operands.push_back(and_chain());
  }
  return chain(std::move(operands), std::move(ops), 3);
}

Doc Layout::and_chain() {
  std::vector<Doc> operands{not_level()}, ops;
  while (at("and")) {
    ops.push_back(take());
    operands.push_back(not_level());
  }
  return chain(std::move(operands), std::move(ops), 4);
}

Doc Layout::not_level() {
  if (!at("not")) return comparison();
  Doc kw = take();
  return concat({std::move(kw), text(" "), indent(4, {not_level()})});
}

Doc Layout::comparison() {
  Doc left = sum();
  if (is_compare(peek())) {
    Doc op = take();
    return concat({std::move(left), text(" "), std::move(op), text(" "), sum()});
  }
  if (at("in")) {
    Doc kw = take();
    Doc right = at("{") ? braces_list() : take();
    return concat({std::move(left), text(" "), std::move(kw), text(" "), std::move(right)});
  }
  return left;
}

// Sums and products never break: they are short, and a break inside would say nothing.
Doc Layout::sum() {
  std::vector<Doc> parts{atom()};
  while (at("+") || at("-") || at("*")) {
    parts.push_back(text(" "));
    parts.push_back(take());
    parts.push_back(text(" "));
    parts.push_back(atom());
  }
  return parts.size() == 1 ? std::move(parts[0]) : concat(std::move(parts));
}

Doc Layout::atom() {
  if (at("(")) {
    Doc open = take();
    Doc inner = expr();
    Doc close = take(")");
    return concat({std::move(open), indent(1, {std::move(inner)}), std::move(close)});
  }
  if (at("-")) return integer();
  switch (peek().kind) {
    case TokenKind::word:
    case TokenKind::path:
    case TokenKind::integer:
    case TokenKind::date: return take();
    default: unexpected("an operand");
  }
}

Doc Layout::integer() {
  if (at("-")) {
    // The sign is part of the literal: `-` and its digits stay together.
    if (peek(1).kind != TokenKind::integer || !peek(1).glued) unexpected("an integer after '-'");
    Doc sign = take();
    return concat({std::move(sign), take()});
  }
  if (peek().kind != TokenKind::integer) unexpected("an integer");
  return take();
}

Doc Layout::braces_list() {
  Doc open = take("{");
  if (at("}")) return concat({std::move(open), take("}")});
  std::vector<Doc> inner;
  while (true) {
    inner.push_back(line());
    Doc item = take();
    if (at(",")) {
      inner.push_back(concat({std::move(item), take(",")}));
    } else {
      inner.push_back(std::move(item));
      break;
    }
  }
  return group({std::move(open), indent(2, std::move(inner)), line(), take("}")});
}

Doc Layout::comma_fill(int hang) {
  std::vector<Doc> items;
  while (true) {
    Doc item = take();
    if (!at(",")) {
      items.push_back(std::move(item));
      break;
    }
    items.push_back(concat({std::move(item), take(",")}));
    items.push_back(line());
  }
  return indent(hang, {fill(std::move(items))});
}

Doc Layout::cites() {
  std::vector<Doc> items;
  while (at("cite")) {
    if (!items.empty()) items.push_back(line());
    Doc kw = take();
    items.push_back(concat({std::move(kw), text(" "), take()}));
  }
  return fill(std::move(items));
}

Doc Layout::type_expr() {
  if (at("enum")) {
    Doc kw = take();
    return concat({std::move(kw), text(" "), braces_list()});
  }
  if (at("int")) {
    Doc kw = take();
    if (!at("(")) return kw;
    Doc open = take();
    Doc lo = integer();
    Doc dots = take("..");
    Doc hi = integer();
    return concat({std::move(kw), text(" "), std::move(open), std::move(lo), text(" "), std::move(dots), text(" "),
                   std::move(hi), take(")")});
  }
  if (at("set")) {
    Doc kw = take();
    Doc of = take("of");
    return concat({std::move(kw), text(" "), std::move(of), text(" "), take()});
  }
  if (peek().kind != TokenKind::word) unexpected("a type");
  return take();
}

}  // namespace proviso::compiler::internal
