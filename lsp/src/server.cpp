// The dispatcher: reads JSON-RPC messages, checks them, keeps the lifecycle
// (initialize, shutdown, exit) and routes each method through one table. A malformed
// message or a failing handler is answered with a JSON-RPC error; the loop goes on.
#include "proviso/lsp/server.hpp"

#include <fmt/format.h>

#include <istream>

#include "analysis_worker.hpp"
#include "documents.hpp"
#include "server.hpp"

namespace proviso {
namespace lsp::internal {
namespace {

using RequestHandler = json (*)(Server&, const json&);
using NotificationHandler = void (*)(Server&, const json&);

struct RequestMethod {
  std::string_view name;
  RequestHandler run;
};

struct NotificationMethod {
  std::string_view name;
  NotificationHandler run;
};

constexpr RequestMethod kRequests[] = {
    {"textDocument/hover", hover},
    {"textDocument/definition", definition},
    {"textDocument/references", references},
    {"textDocument/completion", completion},
    {"textDocument/documentSymbol", document_symbols},
    {"textDocument/formatting", formatting},
    {"textDocument/prepareRename", prepare_rename},
    {"textDocument/rename", rename},
};

constexpr NotificationMethod kNotifications[] = {
    {"textDocument/didOpen", did_open},
    {"textDocument/didChange", did_change},
    {"textDocument/didSave", did_save},
    {"textDocument/didClose", did_close},
    {"workspace/didChangeWatchedFiles", [](Server& s, const json&) { s.workspace.saved(); }},
};

json capabilities() {
  return {{"positionEncoding", "utf-16"},
          {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
          {"hoverProvider", true},
          {"definitionProvider", true},
          {"referencesProvider", true},
          {"completionProvider", {{"triggerCharacters", {" ", "{", ",", "="}}}},
          {"documentSymbolProvider", true},
          {"documentFormattingProvider", true},
          {"renameProvider", {{"prepareProvider", true}}}};
}

class Dispatcher {
 public:
  Dispatcher(Server& s) : s_(s) {}

  // Returns the exit status when the session is over.
  std::optional<int> handle(const std::string& body) {
    json msg;
    try {
      msg = json::parse(body);
    } catch (const json::parse_error& e) {
      error(nullptr, rpc::parse_error, fmt::format("the message is not JSON: {}", e.what()));
      return std::nullopt;
    }
    if (!msg.is_object()) return error(nullptr, rpc::invalid_request, "a message must be a JSON object");
    const bool has_id = msg.contains("id");
    json id = has_id ? msg["id"] : json(nullptr);
    if (has_id && !id.is_string() && !id.is_number_integer() && !id.is_null()) {
      return error(nullptr, rpc::invalid_request, "id must be a string or an integer");
    }
    if (!msg.contains("jsonrpc") || msg["jsonrpc"] != "2.0") {
      return error(id, rpc::invalid_request, "jsonrpc must be \"2.0\"");
    }
    if (!msg.contains("method")) {
      if (msg.contains("result") || msg.contains("error")) return std::nullopt;  // a response to us: none expected
      return error(id, rpc::invalid_request, "a request needs a method");
    }
    if (!msg["method"].is_string()) return error(id, rpc::invalid_request, "method must be a string");
    const std::string method = msg["method"].get<std::string>();
    json params = msg.contains("params") && !msg["params"].is_null() ? msg["params"] : json::object();
    if (!params.is_object() && !params.is_array()) {
      return has_id ? error(id, rpc::invalid_params, "params must be an object or an array") : std::nullopt;
    }
    return has_id ? request(id, method, params) : notification(method, params);
  }

  bool shut_down() const { return shut_down_; }

 private:
  std::optional<int> error(const json& id, int code, const std::string& message) {
    s_.transport.write({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
    return std::nullopt;
  }

  std::optional<int> request(const json& id, const std::string& method, const json& params) {
    if (method == "initialize") {
      if (initialized_) return error(id, rpc::invalid_request, "initialize was already received");
      initialized_ = true;
      set_root(params);
      if (params.is_object() && params.contains("initializationOptions") && params["initializationOptions"].is_object()) {
        const json& o = params["initializationOptions"];
        if (o.contains("analysisOnSave") && o["analysisOnSave"].is_boolean()) {
          s_.options.analysis_on_save = o["analysisOnSave"].get<bool>();
        }
      }
      return reply(id, {{"capabilities", capabilities()}, {"serverInfo", {{"name", "proviso"}, {"version", PROVISO_VERSION}}}});
    }
    if (!initialized_) return error(id, rpc::server_not_initialized, "initialize first");
    if (shut_down_) return error(id, rpc::invalid_request, "the server is shutting down: only exit is accepted");
    if (method == "shutdown") {
      shut_down_ = true;
      return reply(id, nullptr);
    }
    for (const RequestMethod& m : kRequests) {
      if (m.name != method) continue;
      try {
        return reply(id, m.run(s_, params));
      } catch (const RpcError& e) {
        return error(id, e.code, e.what());
      } catch (const json::exception& e) {
        return error(id, rpc::invalid_params, fmt::format("bad params for {}: {}", method, e.what()));
      } catch (const std::exception& e) {
        return error(id, rpc::internal_error, fmt::format("{} failed: {}", method, e.what()));
      }
    }
    return error(id, rpc::method_not_found, fmt::format("unknown method '{}'", method));
  }

  std::optional<int> notification(const std::string& method, const json& params) {
    if (method == "exit") return shut_down_ ? 0 : 1;
    if (!initialized_ || shut_down_) return std::nullopt;  // dropped, as the protocol says
    for (const NotificationMethod& m : kNotifications) {
      if (m.name != method) continue;
      try {
        m.run(s_, params);
      } catch (const std::exception& e) {
        // A notification has no reply: say it in the client's log.
        s_.notify("window/logMessage", {{"type", 1}, {"message", fmt::format("{}: {}", method, e.what())}});
      }
    }
    return std::nullopt;  // initialized, $/cancelRequest, $/setTrace and unknown notifications: nothing to do
  }

  std::optional<int> reply(const json& id, json result) {
    s_.transport.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
    return std::nullopt;
  }

  void set_root(const json& params) {
    if (!params.is_object()) return;
    std::string root;
    if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array() &&
        !params["workspaceFolders"].empty() && params["workspaceFolders"][0].is_object() &&
        params["workspaceFolders"][0].contains("uri") && params["workspaceFolders"][0]["uri"].is_string()) {
      root = path_of_uri(params["workspaceFolders"][0]["uri"].get<std::string>());
    }
    if (root.empty() && params.contains("rootUri") && params["rootUri"].is_string()) {
      root = path_of_uri(params["rootUri"].get<std::string>());
    }
    if (root.empty() && params.contains("rootPath") && params["rootPath"].is_string()) {
      root = params["rootPath"].get<std::string>();
    }
    s_.workspace.set_root(root);
  }

  Server& s_;
  bool initialized_ = false;
  bool shut_down_ = false;
};

}  // namespace
}  // namespace lsp::internal

int run_language_server(std::istream& in, std::ostream& out, const LanguageServerOptions& options) {
  using namespace lsp::internal;
  Transport transport(in, out);
  Server server(transport, options);
  AnalysisWorker worker(server);
  server.worker = &worker;
  Dispatcher dispatcher(server);
  std::string body, error;
  while (true) {
    switch (transport.read(body, error)) {
      case Transport::Read::end: return 1;
      case Transport::Read::framing_error:
        transport.write({{"jsonrpc", "2.0"}, {"id", nullptr},
                         {"error", {{"code", rpc::parse_error}, {"message", error}}}});
        continue;
      case Transport::Read::message:
        if (std::optional<int> status = dispatcher.handle(body)) return *status;
        continue;
    }
  }
}

}  // namespace proviso
