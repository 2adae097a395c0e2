// The formatter's cursor over the token stream, and the documents of single tokens
// with the comments the lexer attached to them.
#include <fmt/format.h>

#include "format/layout.hpp"

namespace proviso::compiler::internal {

const Token& Layout::peek(std::size_t ahead) const {
  std::size_t i = pos_ + ahead;
  return i < ts_.tokens.size() ? ts_.tokens[i] : ts_.tokens.back();
}

bool Layout::at(std::string_view word, std::size_t ahead) const { return peek(ahead).is(word); }

void Layout::unexpected(std::string_view what) const {
  const Token& t = peek();
  throw FormatError(fmt::format("the formatter expected {} at byte {}, not '{}'", what, t.offset,
                                t.kind == TokenKind::end ? std::string_view("the end") : t.text));
}

Doc Layout::token_doc(std::size_t i, bool first) {
  const Token& t = ts_.tokens[i];
  std::vector<Doc> parts;
  for (std::size_t k = 0; k < t.leading.size(); ++k) {
    Doc c;
    c.kind = Doc::Kind::comment_line;
    c.text = t.leading[k].text;
    // The first comment's empty line belongs to whatever separates this item from the last.
    c.blank_before = first && k > 0 && t.leading[k].blank_before;
    parts.push_back(std::move(c));
  }
  if (first && !t.leading.empty() && t.blank_before) parts.push_back(blank());
  if (t.kind != TokenKind::end) parts.push_back(text(std::string(t.text)));
  if (!t.trailing.empty()) {
    Doc c;
    c.kind = Doc::Kind::trailing;
    c.text = t.trailing;
    c.amount = static_cast<int>(i);
    parts.push_back(std::move(c));
  }
  last_taken_ = i;
  return parts.size() == 1 ? std::move(parts[0]) : concat(std::move(parts));
}

Doc Layout::take(std::string_view expected) {
  if (at_end() || (!expected.empty() && !at(expected))) {
    unexpected(expected.empty() ? std::string("a token") : fmt::format("'{}'", expected));
  }
  return token_doc(pos_++, false);
}

Doc Layout::take_first(std::string_view expected) {
  if (at_end() || (!expected.empty() && !at(expected))) {
    unexpected(expected.empty() ? std::string("a token") : fmt::format("'{}'", expected));
  }
  return token_doc(pos_++, true);
}

Doc Layout::hard() {
  line_end_[last_taken_] = true;
  return hardline();
}

Doc Layout::gap(bool blank_line) {
  line_end_[last_taken_] = true;
  return blank_line ? blank() : hardline();
}

bool Layout::blank_in_source() const {
  const Token& t = peek();
  return t.leading.empty() ? t.blank_before : t.leading.front().blank_before;
}

Doc Layout::comments_before_close() {
  const Token& t = peek();
  std::vector<Doc> parts;
  for (std::size_t k = 0; k < t.leading.size(); ++k) {
    Doc c;
    c.kind = Doc::Kind::comment_line;
    c.text = t.leading[k].text;
    c.blank_before = t.leading[k].blank_before;
    parts.push_back(std::move(c));
  }
  return concat(std::move(parts));
}

// `}` closing a block: its comments were laid out inside the block by comments_before_close.
Doc Layout::block_close() {
  if (!at("}")) unexpected("'}'");
  const Token& t = peek();
  std::vector<Doc> parts{text("}")};
  if (!t.trailing.empty()) {
    Doc c;
    c.kind = Doc::Kind::trailing;
    c.text = t.trailing;
    c.amount = static_cast<int>(pos_);
    parts.push_back(std::move(c));
  }
  last_taken_ = pos_++;
  return concat(std::move(parts));
}

void Layout::settle(Doc& d) const {
  if (d.kind == Doc::Kind::trailing) d.breaks = !line_end_[static_cast<std::size_t>(d.amount)];
  for (Doc& p : d.parts) settle(p);
}

}  // namespace proviso::compiler::internal
