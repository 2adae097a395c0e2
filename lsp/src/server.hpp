#pragma once
// Private: what the request handlers share. One thread (the dispatcher's) reads
// messages and runs handlers; the analysis worker publishes from its own thread, so
// what both touch (the transport, the published set, the edit serial) is guarded.
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "positions.hpp"
#include "proviso/lsp/server.hpp"
#include "transport.hpp"
#include "workspace.hpp"

namespace proviso::lsp::internal {

using json = nlohmann::json;

// JSON-RPC error codes (the base protocol and LSP 3.17).
namespace rpc {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;
}  // namespace rpc

struct RpcError : std::runtime_error {
  RpcError(int c, const std::string& m) : std::runtime_error(m), code(c) {}
  int code;
};

class AnalysisWorker;

struct Server {
  Server(Transport& t, const LanguageServerOptions& o) : transport(t), options(o) {}

  Transport& transport;
  LanguageServerOptions options;
  Workspace workspace;
  std::atomic<std::uint64_t> serial{0};  // the workspace's edit serial, for the worker
  std::mutex publish_mutex;
  std::set<std::string> with_diagnostics;  // URIs last published with some
  std::set<std::string> dirty;             // open documents whose bundle must be published again
  AnalysisWorker* worker = nullptr;

  void notify(const std::string& method, json params) {
    transport.write({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
};

// Where a request points: its document, the bundle and the offset in the compiled text.
struct Place {
  std::string path;
  std::shared_ptr<const Bundle> bundle;
  std::uint32_t file = 0;      // source index in bundle->compilation
  std::uint32_t offset = 0;
  std::string_view text;       // the document's compiled text
};

// textDocument.uri (+ position, when `with_position`) of `params`; RpcError when malformed.
Place place_of(Server& s, const json& params, bool with_position);
std::string path_param(const json& params);
// The symbol at a place: from the index, else (in a file that does not parse) the name
// of the token under the cursor.
std::string key_at(const Place& p);
// An LSP Location for an occurrence of the bundle.
json location_of(const Bundle& b, std::uint32_t file, std::uint32_t begin, std::uint32_t end);

// ---- features, one file each
void publish_diagnostics(Server& s, const std::string& path);  // diagnostics.cpp
json publish_compilation(Server& s, const Compilation& c, const std::vector<std::string>& files,
                         const Diagnostics& diagnostics,
                         const std::set<std::string>& open,
                         std::uint64_t only_at_serial = 0);  // diagnostics.cpp: the URIs published, or null
json hover(Server& s, const json& params);                 // hover.cpp
json definition(Server& s, const json& params);            // navigation.cpp
json references(Server& s, const json& params);            // navigation.cpp
json completion(Server& s, const json& params);            // completion.cpp
json document_symbols(Server& s, const json& params);      // document_symbols.cpp
json formatting(Server& s, const json& params);            // formatting.cpp
json prepare_rename(Server& s, const json& params);        // rename.cpp
json rename(Server& s, const json& params);                // rename.cpp

}  // namespace proviso::lsp::internal
