// Formatting through `proviso fmt`: one edit replacing the document, or none when it
// is formatted; a document that does not parse is an error, and is not touched.
#include "proviso/compiler/format.hpp"
#include "server.hpp"

namespace proviso::lsp::internal {

json formatting(Server& s, const json& params) {
  const std::string path = path_param(params);
  const std::string* open = s.workspace.text(path);
  if (!open) throw RpcError(rpc::request_failed, "only an open document can be formatted");
  Diagnostics ds;
  std::optional<std::string> out = format_source(SourceFile(path, *open), ds);
  if (!out) {
    throw RpcError(rpc::request_failed, "the document does not parse: " +
                                            (ds.items().empty() ? std::string("syntax error") : ds.items().front().message));
  }
  if (*out == *open) return json::array();
  LineIndex lines(*open);
  return json::array({{{"range", lines.range(0, static_cast<std::uint32_t>(open->size()))}, {"newText", *out}}});
}

}  // namespace proviso::lsp::internal
