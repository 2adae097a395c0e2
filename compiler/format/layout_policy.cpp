// Policies: settings one per line in a fixed order, then the rules, each after an
// empty line; a rule's clauses one per line in a fixed order, its cites in one filled
// block. Reordering keeps the meaning: settings and clauses other than `cite` may each
// be written once and in any order, and the cites keep their order among themselves.
#include <algorithm>

#include "format/layout.hpp"

namespace proviso::compiler::internal {
namespace {

// Policy settings, in the order they are written back.
constexpr ClauseForm kPolicySettings[] = {
    {"sector", ClauseShape::single},
    {"default", ClauseShape::single},
    {"combine", ClauseShape::single},
    {"effective", ClauseShape::phrase},
    {"defers", ClauseShape::bare},
};

// Rule clauses after `rule NAME: EFFECT`, in the order they are written back.
constexpr ClauseForm kRuleClauses[] = {
    {"when", ClauseShape::expr},
    {"unless", ClauseShape::expr},
    {"require", ClauseShape::list},
    {"because", ClauseShape::single},
    {"cite", ClauseShape::cite},
    {"overrides", ClauseShape::list},
    {"defers", ClauseShape::bare},
    {"effective", ClauseShape::phrase},
};

template <std::size_t N>
const ClauseForm* find_form(const ClauseForm (&table)[N], const Token& t, std::size_t& rank) {
  for (std::size_t k = 0; k < N; ++k) {
    if (t.is(table[k].word)) {
      rank = k;
      return &table[k];
    }
  }
  return nullptr;
}

struct Ranked {
  std::size_t rank;
  Doc doc;
};

}  // namespace

Doc Layout::clause(const ClauseForm& form) {
  Doc kw = take_first(form.word);
  const int hang = static_cast<int>(form.word.size()) + 1;
  switch (form.shape) {
    case ClauseShape::bare: return kw;
    case ClauseShape::single: return concat({std::move(kw), text(" "), take()});
    case ClauseShape::list: return concat({std::move(kw), text(" "), comma_fill(hang)});
    case ClauseShape::expr: return concat({std::move(kw), text(" "), indent(hang, {expr()})});
    case ClauseShape::cite: return concat({std::move(kw), text(" "), take()});
    case ClauseShape::phrase: {
      std::vector<Doc> parts{std::move(kw)};
      while ((at("from") || at("until")) && peek(1).kind == TokenKind::date) {
        Doc w = take();
        parts.push_back(text(" "));
        parts.push_back(std::move(w));
        parts.push_back(text(" "));
        parts.push_back(take());
      }
      return concat(std::move(parts));
    }
  }
  return kw;
}

// Clauses of one rule or policy, from the table, sorted by their rows; the cites are
// gathered into one filled line.
static Doc ordered_lines(std::vector<Ranked> items, std::vector<Doc> cite_items, std::size_t cite_rank) {
  if (!cite_items.empty()) items.push_back(Ranked{cite_rank, fill(std::move(cite_items))});
  std::stable_sort(items.begin(), items.end(), [](const Ranked& a, const Ranked& b) { return a.rank < b.rank; });
  std::vector<Doc> parts;
  for (Ranked& r : items) {
    parts.push_back(hardline());
    parts.push_back(std::move(r.doc));
  }
  return concat(std::move(parts));
}

Doc Layout::rule_decl() {
  Doc kw = take_first("rule");
  Doc name = take();
  Doc colon = take(":");
  Doc effect = take();
  Doc head = concat({std::move(kw), text(" "), std::move(name), std::move(colon), text(" "), std::move(effect)});
  std::vector<Ranked> items;
  std::vector<Doc> cite_items;
  std::size_t rank = 0, cite_rank = 0;
  bool after_cite = false;
  std::size_t last_cite = 0;
  while (const ClauseForm* form = find_form(kRuleClauses, peek(), rank)) {
    // Every clause ends its line, but a cite may share its line with the next cite.
    if (!after_cite) line_end_[last_taken_] = true;
    after_cite = form->shape == ClauseShape::cite;
    if (after_cite) {
      cite_rank = rank;
      if (!cite_items.empty()) cite_items.push_back(line());
      cite_items.push_back(clause(*form));
      last_cite = last_taken_;
    } else {
      items.push_back(Ranked{rank, clause(*form)});
    }
  }
  if (!cite_items.empty()) line_end_[last_cite] = true;
  return concat({std::move(head), indent(2, {ordered_lines(std::move(items), std::move(cite_items), cite_rank)})});
}

Doc Layout::policy_decl() {
  Doc kw = take_first("policy");
  Doc name = take();
  Doc head = concat({std::move(kw), text(" "), std::move(name), text(" "), take("{")});
  std::vector<Ranked> settings;
  std::size_t rank = 0;
  while (const ClauseForm* form = find_form(kPolicySettings, peek(), rank)) {
    line_end_[last_taken_] = true;
    settings.push_back(Ranked{rank, clause(*form)});
  }
  const bool has_settings = !settings.empty();
  std::vector<Doc> body{ordered_lines(std::move(settings), {}, 0)};
  return concat({std::move(head), rules_and_close(std::move(body), !has_settings)});
}

// amend policy NAME {
//   rule ...
// }
Doc Layout::amend_decl() {
  Doc kw = take_first("amend");
  Doc policy = take("policy");
  Doc name = take();
  Doc head = concat({std::move(kw), text(" "), std::move(policy), text(" "), std::move(name), text(" "), take("{")});
  return concat({std::move(head), rules_and_close({}, true)});
}

Doc Layout::rules_and_close(std::vector<Doc> body, bool first) {
  while (at("rule")) {
    body.push_back(gap(!first));
    first = false;
    body.push_back(rule_decl());
  }
  if (!peek().leading.empty()) {
    body.push_back(hard());
    body.push_back(comments_before_close());
  }
  return concat({indent(2, std::move(body)), hard(), block_close()});
}

}  // namespace proviso::compiler::internal
