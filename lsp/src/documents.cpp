// The document notifications: open, change (whole or by ranges), save, close. Each edit
// compiles the document's bundle and publishes its diagnostics before the next message
// is read; a save also queues the static analysis.
#include <fmt/format.h>

#include "analysis_worker.hpp"
#include "documents.hpp"

namespace proviso::lsp::internal {
namespace {

std::string text_param(const json& obj, const char* field) {
  if (!obj.is_object() || !obj.contains(field) || !obj[field].is_string()) {
    throw RpcError(rpc::invalid_params, fmt::format("{} is missing or not a string", field));
  }
  return obj[field].get<std::string>();
}

void edited(Server& s, const std::string& path) {
  s.serial = s.workspace.serial();
  publish_diagnostics(s, path);
}

}  // namespace

void did_open(Server& s, const json& params) {
  const std::string path = path_param(params);
  s.workspace.open(path, text_param(params["textDocument"], "text"));
  edited(s, path);
}

void did_change(Server& s, const json& params) {
  const std::string path = path_param(params);
  const std::string* current = s.workspace.text(path);
  if (!current) throw RpcError(rpc::invalid_params, "didChange for a document that is not open");
  if (!params.contains("contentChanges") || !params["contentChanges"].is_array()) {
    throw RpcError(rpc::invalid_params, "contentChanges is missing or not an array");
  }
  std::string text = *current;
  for (const json& change : params["contentChanges"]) {
    std::string replacement = text_param(change, "text");
    if (!change.contains("range")) {
      text = std::move(replacement);
      continue;
    }
    const json& r = change["range"];
    auto number = [&](const char* end, const char* field) {
      if (!r.is_object() || !r.contains(end) || !r[end].is_object() || !r[end].contains(field) ||
          !r[end][field].is_number_unsigned()) {
        throw RpcError(rpc::invalid_params, "a change's range must have start and end positions");
      }
      return r[end][field].get<std::uint32_t>();
    };
    LineIndex lines(text);
    std::uint32_t begin = lines.offset(number("start", "line"), number("start", "character"));
    std::uint32_t end = lines.offset(number("end", "line"), number("end", "character"));
    if (end < begin) throw RpcError(rpc::invalid_params, "a change's range ends before it starts");
    text.replace(begin, end - begin, replacement);
  }
  s.workspace.change(path, std::move(text));
  edited(s, path);
}

void did_save(Server& s, const json& params) {
  const std::string path = path_param(params);
  s.workspace.saved();
  if (s.options.analysis_on_save && s.worker) s.worker->submit(s.workspace.snapshot(path));
}

void did_close(Server& s, const json& params) {
  const std::string path = path_param(params);
  s.workspace.close(path);
  s.serial = s.workspace.serial();
  const std::string uri = uri_of_path(path);
  std::lock_guard<std::mutex> lock(s.publish_mutex);
  s.with_diagnostics.erase(uri);
  s.notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
}

}  // namespace proviso::lsp::internal
