// Rename of a fact, a condition or a rule across the bundle: the declaration and every
// use, in every file. A new name that is not a name, is a keyword, or is already
// declared is refused.
#include <fmt/format.h>

#include "proviso/compiler/tokens.hpp"
#include "server.hpp"

namespace proviso::lsp::internal {
namespace {

bool renamable(SymbolKind k) { return k == SymbolKind::fact || k == SymbolKind::condition || k == SymbolKind::rule; }

const Symbol* target(const Place& p) {
  const std::string key = key_at(p);
  const Symbol* sym = key.empty() ? nullptr : p.bundle->index->find(key);
  if (!sym || !sym->has_definition) throw RpcError(rpc::request_failed, "there is no name here to rename");
  if (!renamable(sym->kind)) {
    throw RpcError(rpc::request_failed,
                   fmt::format("a {} cannot be renamed; facts, conditions and rules can", kind_word(sym->kind)));
  }
  return sym;
}

// One identifier, or (for a fact) identifiers joined by '.'; no keyword.
bool valid_name(const std::string& name, bool path) {
  TokenStream ts = lex_tokens(name);
  if (ts.tokens.size() != 2) return false;
  const Token& t = ts.tokens[0];
  if (t.text != name || !t.leading.empty() || !t.trailing.empty()) return false;
  if (t.kind == TokenKind::path && path) {
    std::size_t start = 0;
    while (start <= name.size()) {
      std::size_t dot = name.find('.', start);
      if (is_keyword(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start))) return false;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return true;
  }
  return t.kind == TokenKind::word && !is_keyword(name);
}

}  // namespace

json prepare_rename(Server& s, const json& params) {
  Place p = place_of(s, params, true);
  const Symbol* sym = target(p);
  const Occurrence* o = p.bundle->index->at(p.file, p.offset);
  if (!o) throw RpcError(rpc::request_failed, "there is no name here to rename");
  return {{"range", LineIndex(p.text).range(o->begin, o->end)}, {"placeholder", sym->name}};
}

json rename(Server& s, const json& params) {
  Place p = place_of(s, params, true);
  if (!params.contains("newName") || !params["newName"].is_string()) {
    throw RpcError(rpc::invalid_params, "newName is missing or not a string");
  }
  const std::string new_name = params["newName"].get<std::string>();
  const Symbol* sym = target(p);
  if (!valid_name(new_name, sym->kind == SymbolKind::fact)) {
    throw RpcError(rpc::request_failed, fmt::format("'{}' is not a valid {} name", new_name, kind_word(sym->kind)));
  }
  const SymbolIndex& index = *p.bundle->index;
  std::vector<std::string> clashes;
  if (sym->kind == SymbolKind::rule) {
    const std::string policy = sym->key.substr(5, sym->key.size() - 5 - sym->name.size() - 1);
    clashes.push_back("rule:" + policy + "." + new_name);
  } else {
    for (const char* kind : {"fact:", "condition:", "obligation:", "type:", "policy:", "value:", "framework:"}) {
      clashes.push_back(kind + new_name);
    }
  }
  for (const std::string& k : clashes) {
    if (index.find(k) && k != sym->key) {
      throw RpcError(rpc::request_failed, fmt::format("'{}' is already declared", new_name));
    }
  }
  json changes = json::object();
  for (const Occurrence* o : index.uses(sym->key)) {
    json loc = location_of(*p.bundle, o->file, o->begin, o->end);
    const std::string uri = loc["uri"].get<std::string>();
    if (!changes.contains(uri)) changes[uri] = json::array();
    changes[uri].push_back({{"range", loc["range"]}, {"newText", new_name}});
  }
  return {{"changes", changes}};
}

}  // namespace proviso::lsp::internal
