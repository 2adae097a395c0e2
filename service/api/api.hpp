#pragma once
// What the endpoints see: a request already read and checked by the HTTP layer, the
// answer they give (through a Reply, which may be called later from another thread:
// decisions wait for the register), and the state every endpoint shares.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/findings_cache.hpp"
#include "core/metrics.hpp"
#include "core/program_holder.hpp"
#include "proviso/service/register.hpp"
#include "proviso/program/program.hpp"
#include "proviso/service/serve.hpp"
#include "register/group_commit.hpp"

namespace proviso::service::internal {

// Runs a task on another thread (the service's pool for slow endpoints, the thread of a
// connection).
using Offload = std::function<void(std::function<void()>)>;

struct ApiRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string body;
  std::string authorization;
  // Runs a task on the thread that holds the connection: an answer finished elsewhere
  // is built there. Null: where it is.
  Offload origin;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
};

using Reply = std::function<void(ApiResponse)>;

struct ServiceState {
  ServeOptions options;
  ProgramHolder programs;
  Metrics metrics;
  std::unique_ptr<Register> store;        // null with --register none
  std::unique_ptr<GroupCommit> committer;  // null with --register none
  bool pack_results = false;              // the store keeps packed results (store->stores_packed_results())
  std::string token;                      // empty: none required
  FindingsCache findings{60};             // for the web page; the analysis budget in seconds

  explicit ServiceState(const ServeOptions& o) : options(o), programs(o.paths, o.root) {}
};

// {"error": MESSAGE, "code": CODE} with `extra` (already JSON, starting with a comma).
ApiResponse error_response(int status, std::string_view code, std::string_view message, std::string_view extra = {});
ApiResponse json_response(std::string body, int status = 200);
// ["a","b"]: names, or citations as their texts (api/json_lists.cpp).
std::string strings_json(const std::vector<std::string>& items);
std::string cites_json(const std::vector<Citation>& cites);

// The endpoints, one per route (router.cpp lists them).
void handle_decide(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_batch(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_ask(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_explain(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_bundle(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_decisions(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_health(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_metrics(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_reload(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_authzen(ServiceState& s, const ApiRequest& r, const Reply& reply);
// The web page (api/web.cpp).
void handle_asset(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_decision(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_policies(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_graph(ServiceState& s, const ApiRequest& r, const Reply& reply);
void handle_findings(ServiceState& s, const ApiRequest& r, const Reply& reply);

// Reloads the program and says so in the log and the metrics (SIGHUP and /v1/reload).
bool reload_program(ServiceState& s, std::string& error);

// Routes a request to its endpoint: 404 for an unknown path, 405 (with Allow) for a
// known path and another method, 401 without the token where one is required. Every
// answer is counted in the metrics under its route.
void route(ServiceState& s, ApiRequest request, Reply reply, const Offload& slow = {});

}  // namespace proviso::service::internal
