// Reading where a request points, and naming the symbol there.
#include <fmt/format.h>

#include "proviso/compiler/tokens.hpp"
#include "server.hpp"

namespace proviso::lsp::internal {

std::string path_param(const json& params) {
  if (!params.is_object() || !params.contains("textDocument") || !params["textDocument"].is_object() ||
      !params["textDocument"].contains("uri") || !params["textDocument"]["uri"].is_string()) {
    throw RpcError(rpc::invalid_params, "textDocument.uri is missing or not a string");
  }
  const std::string uri = params["textDocument"]["uri"].get<std::string>();
  std::string path = path_of_uri(uri);
  if (path.empty()) throw RpcError(rpc::invalid_params, fmt::format("'{}' is not a file URI", uri));
  return path;
}

Place place_of(Server& s, const json& params, bool with_position) {
  Place p;
  p.path = path_param(params);
  p.bundle = s.workspace.bundle_of(p.path);
  std::optional<std::uint32_t> id = p.bundle->file_id(p.path);
  if (!id) throw RpcError(rpc::request_failed, fmt::format("'{}' could not be read", p.path));
  p.file = *id;
  p.text = p.bundle->compilation.sources[*id].text();
  if (with_position) {
    const json* pos = params.contains("position") ? &params["position"] : nullptr;
    if (!pos || !pos->is_object() || !(*pos).contains("line") || !(*pos)["line"].is_number_unsigned() ||
        !(*pos).contains("character") || !(*pos)["character"].is_number_unsigned()) {
      throw RpcError(rpc::invalid_params, "position must be {line, character} with unsigned numbers");
    }
    LineIndex lines(p.text);
    p.offset = lines.offset((*pos)["line"].get<std::uint32_t>(), (*pos)["character"].get<std::uint32_t>());
  }
  return p;
}

std::string key_at(const Place& p) {
  const SymbolIndex& index = *p.bundle->index;
  if (const Occurrence* o = index.at(p.file, p.offset)) return o->key;
  // No syntax tree here (the file does not parse): the token's name, looked up by kind.
  for (const Token& t : lex_tokens(p.text).tokens) {
    if (t.kind != TokenKind::word && t.kind != TokenKind::path) continue;
    if (p.offset < t.offset || p.offset > t.offset + t.text.size()) continue;
    const std::string name(t.text);
    for (const char* kind : {"fact:", "condition:", "value:", "obligation:", "type:", "policy:", "framework:",
                             "question:"}) {
      if (index.find(kind + name)) return kind + name;
    }
  }
  return {};
}

json location_of(const Bundle& b, std::uint32_t file, std::uint32_t begin, std::uint32_t end) {
  const SourceFile& src = b.compilation.sources.at(file);
  LineIndex lines(src.text());
  return {{"uri", uri_of_path(src.name())}, {"range", lines.range(begin, end)}};
}

}  // namespace proviso::lsp::internal
