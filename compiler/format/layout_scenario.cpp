// Scenario blocks: `from A to B` on the first line, `on DATE` on the next, then the assignments in their
// order (keeping the source's empty lines between them), then `expect`.
#include "format/layout.hpp"

namespace proviso::compiler::internal {

Doc Layout::scenario_decl() {
  Doc kw = take_first("scenario");
  Doc title = take();
  Doc head = concat({std::move(kw), text(" "), std::move(title), text(" "), take("{")});
  line_end_[last_taken_] = true;
  std::vector<Doc> flow;  // `from A`, `to B`: written first, from before to
  Doc from, to, on;
  bool has_from = false, has_to = false, has_on = false;
  std::vector<Doc> items;
  bool first_item = true;
  while (!at("}") && !at("expect") && !at_end()) {
    if (at("from") || at("to")) {
      const bool is_from = at("from");
      Doc w = take_first();
      Doc clause = concat({std::move(w), text(" "), take()});
      (is_from ? from : to) = std::move(clause);
      (is_from ? has_from : has_to) = true;
      continue;
    }
    if (at("on") && peek(1).kind == TokenKind::date) {
      Doc w = take_first();
      on = concat({std::move(w), text(" "), take()});
      has_on = true;
      continue;
    }
    const bool blank_line = !first_item && blank_in_source();
    first_item = false;
    Doc fact = take_first();
    Doc eq = take("=");
    Doc value = at("{") ? braces_list() : at("-") || peek().kind == TokenKind::integer ? integer() : take();
    items.push_back(gap(blank_line));
    items.push_back(concat({std::move(fact), text(" "), std::move(eq), text(" "), std::move(value)}));
  }
  std::vector<Doc> body;
  if (has_from || has_to) {
    body.push_back(hardline());
    if (has_from) body.push_back(std::move(from));
    if (has_from && has_to) body.push_back(text(" "));
    if (has_to) body.push_back(std::move(to));
  }
  if (has_on) {
    body.push_back(hardline());
    body.push_back(std::move(on));
  }
  for (Doc& d : items) body.push_back(std::move(d));
  if (at("expect")) {
    body.push_back(hard());
    Doc kw2 = take_first("expect");
    Doc outcome = take();
    std::vector<Doc> e{std::move(kw2), text(" "), std::move(outcome)};
    if (at("require") || at("missing")) {
      const int hang = static_cast<int>(peek().text.size()) + 1;
      Doc w = take();
      e.push_back(text(" "));
      e.push_back(std::move(w));
      e.push_back(text(" "));
      e.push_back(comma_fill(hang));
    }
    body.push_back(concat(std::move(e)));
  }
  if (!peek().leading.empty()) {
    body.push_back(hard());
    body.push_back(comments_before_close());
  }
  return concat({std::move(head), indent(2, std::move(body)), hard(), block_close()});
}

}  // namespace proviso::compiler::internal
