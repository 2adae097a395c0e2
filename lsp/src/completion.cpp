// Completion from the words before the cursor (so it works while a file does not
// parse): enum values after `==`, `!=` or `in {` on an enum fact, and after `=` in a
// scenario; obligations after `require`; the policy's rules after `overrides`;
// framework questions after `cite`; sectors after `sector`, `from` and `to`; types
// after `:` in a fact; otherwise facts, conditions, keywords and clause words.
#include <fmt/format.h>

#include "proviso/compiler/tokens.hpp"
#include "server.hpp"

namespace proviso::lsp::internal {
namespace {

// LSP CompletionItemKind numbers.
enum : int { kFunction = 3, kField = 5, kClass = 7, kModule = 9, kKeyword = 14, kReference = 18, kEnumMember = 20,
             kConstant = 21, kEvent = 23 };

constexpr std::string_view kWords[] = {
    "import", "sectors", "type", "enum", "set", "of", "bool", "int", "framework", "question", "group", "fact",
    "condition", "obligation", "policy", "sector", "default", "combine", "strictest", "first", "rule", "when",
    "unless", "require", "because", "cite", "overrides", "share", "refer", "deny", "scenario", "from", "to",
    "expect", "and", "or", "not", "in", "true", "false", "defers", "undetermined", "missing", "constraint",
    "amend", "effective", "until", "on"};

class Items {
 public:
  explicit Items(std::string prefix) : prefix_(std::move(prefix)) {}
  void add(const std::string& label, int kind, const std::string& detail = {}) {
    if (label.compare(0, prefix_.size(), prefix_) != 0 || !seen_.insert(label).second) return;
    json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    out_.push_back(std::move(item));
  }
  void kind(const SymbolIndex& index, SymbolKind k, int item_kind) {
    for (const auto& [key, sym] : index.symbols()) {
      if (sym.kind == k && sym.has_definition) add(key.substr(key.find(':') + 1), item_kind, std::string(kind_word(k)));
    }
  }
  json done() { return {{"isIncomplete", false}, {"items", std::move(out_)}}; }

 private:
  std::string prefix_;
  std::set<std::string> seen_;
  json out_ = json::array();
};

void values_of(Items& items, const SymbolIndex& index, const std::string& fact) {
  const Symbol* f = index.find("fact:" + fact);
  if (!f) return;
  for (const std::string& v : f->values) items.add(v, kEnumMember, f->type_name.empty() ? "value" : f->type_name);
  if (f->hover.find("`bool`") != std::string::npos) {
    items.add("true", kKeyword);
    items.add("false", kKeyword);
  }
}

}  // namespace

json completion(Server& s, const json& params) {
  Place p = place_of(s, params, true);
  const SymbolIndex& index = *p.bundle->index;
  TokenStream ts = lex_tokens(p.text);
  // Tokens wholly before the cursor, and the word being typed.
  std::vector<const Token*> before;
  std::string prefix;
  for (const Token& t : ts.tokens) {
    if (t.kind == TokenKind::end || t.offset >= p.offset) break;
    if (t.offset + t.text.size() >= p.offset && (t.kind == TokenKind::word || t.kind == TokenKind::path)) {
      prefix = std::string(t.text.substr(0, p.offset - t.offset));
      break;
    }
    before.push_back(&t);
  }
  Items items(prefix);
  auto back = [&](std::size_t k) -> const Token* { return k < before.size() ? before[before.size() - 1 - k] : nullptr; };
  const Token* prev = back(0);
  // In a comma list, the word that started it.
  std::size_t k = 0;
  while (back(k) && back(k)->is(",") && back(k + 1) && back(k + 1)->kind == TokenKind::word) k += 2;
  const Token* head = back(k);
  if (prev && head && (prev->is(",") || prev == head)) {
    if (head->is("require")) {
      items.kind(index, SymbolKind::obligation, kConstant);
      return items.done();
    }
    if (head->is("overrides")) {
      // The rules of the policy being written: the nearest `policy NAME` before.
      for (std::size_t j = before.size(); j-- > 1;) {
        if (before[j - 1]->is("policy")) {
          const std::string policy = "rule:" + std::string(before[j]->text) + ".";
          for (const auto& [key, sym] : index.symbols()) {
            if (key.compare(0, policy.size(), policy) == 0) items.add(sym.name, kEvent, "rule");
          }
          break;
        }
      }
      return items.done();
    }
  }
  if (prev && (prev->is("==") || prev->is("!="))) {
    if (const Token* left = back(1)) values_of(items, index, std::string(left->text));
    return items.done();
  }
  if (prev && (prev->is("{") || prev->is(","))) {
    for (std::size_t j = 0; back(j); ++j) {
      if (back(j)->is("{")) {
        if (back(j + 1) && back(j + 1)->is("in") && back(j + 2)) values_of(items, index, std::string(back(j + 2)->text));
        if (back(j + 1) && back(j + 1)->is("=") && back(j + 2)) values_of(items, index, std::string(back(j + 2)->text));
        break;
      }
      if (!back(j)->is(",") && back(j)->kind != TokenKind::word) break;
    }
    return items.done();
  }
  if (prev && prev->is("=") && back(1) && back(2) && !back(2)->is("condition") && !back(2)->is("type")) {
    values_of(items, index, std::string(back(1)->text));  // a scenario assignment
    return items.done();
  }
  if (prev && prev->is("cite")) {
    items.kind(index, SymbolKind::question, kReference);
    return items.done();
  }
  if (prev && (prev->is("sector") || ((prev->is("from") || prev->is("to")) && back(1) && !back(1)->is("when")))) {
    if (const Symbol* t = index.find("type:sector")) {
      for (const std::string& v : t->values) items.add(v, kEnumMember, "sector");
    }
    return items.done();
  }
  if (prev && (prev->is(":") || prev->is("of")) && back(1) && back(2) && (back(2)->is("fact") || prev->is("of"))) {
    items.kind(index, SymbolKind::type, kClass);
    for (const char* t : {"bool", "int", "enum", "set", "sector"}) items.add(t, kKeyword);
    return items.done();
  }
  items.kind(index, SymbolKind::fact, kField);
  items.kind(index, SymbolKind::condition, kFunction);
  items.kind(index, SymbolKind::framework, kModule);
  for (std::string_view w : kWords) items.add(std::string(w), kKeyword);
  return items.done();
}

}  // namespace proviso::lsp::internal
