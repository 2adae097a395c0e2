// The endpoint table: path, method, whether the token is needed, and the handler.
#include <array>
#include <chrono>

#include "api/api.hpp"
#include "core/util.hpp"

namespace proviso::service::internal {
namespace {

struct Route {
  std::string_view method;
  std::string_view path;  // ending in '/': every path below it (counted under `label`)
  bool needs_token;
  void (*handle)(ServiceState&, const ApiRequest&, const Reply&);
  std::string_view label = {};
  // Runs on the pool for slow endpoints: it may take long (an analysis, a large batch,
  // a register query), and the connections' threads must keep answering decisions.
  bool slow = false;
};

bool matches(const Route& r, std::string_view path) {
  if (r.path.size() > 1 && r.path.back() == '/') return path.size() > r.path.size() && path.starts_with(r.path);
  return r.path == path;
}

// /v1/health stays open with a token so that load balancers can probe it. The web
// page's own files hold no data, so a browser can load them without the token; the
// page then asks for the token before it calls the endpoints that need one.
constexpr std::array<Route, 18> kRoutes{{
    {"POST", "/v1/decide", true, handle_decide},
    {"POST", "/v1/batch", true, handle_batch, {}, true},
    {"POST", "/v1/ask", true, handle_ask, {}, true},
    {"POST", "/v1/explain", true, handle_explain, {}, true},
    {"GET", "/v1/bundle", true, handle_bundle},
    {"GET", "/v1/decisions", true, handle_decisions, {}, true},
    {"GET", "/v1/health", false, handle_health},
    {"GET", "/v1/metrics", true, handle_metrics},
    {"POST", "/v1/reload", true, handle_reload, {}, true},
    {"POST", "/access/v1/evaluation", true, handle_authzen},
    {"GET", "/", false, handle_asset},
    {"GET", "/app.js", false, handle_asset},
    {"GET", "/views.js", false, handle_asset},
    {"GET", "/app.css", false, handle_asset},
    {"GET", "/v1/policies", true, handle_policies, {}, true},
    {"GET", "/v1/graph", true, handle_graph, {}, true},
    {"GET", "/v1/findings", true, handle_findings, {}, true},
    {"GET", "/v1/decisions/", true, handle_decision, "/v1/decisions/{id}"},
}};

bool authorised(const ServiceState& s, const ApiRequest& r) {
  if (s.token.empty()) return true;
  constexpr std::string_view bearer = "Bearer ";
  const std::string_view given = r.authorization;
  return given.size() > bearer.size() && given.substr(0, bearer.size()) == bearer &&
         same_secret(given.substr(bearer.size()), s.token);
}

}  // namespace

ApiResponse error_response(int status, std::string_view code, std::string_view message, std::string_view extra) {
  ApiResponse r;
  r.status = status;
  r.body = "{\"error\":" + json_string(message) + ",\"code\":" + json_string(code);
  r.body += extra;
  r.body += '}';
  return r;
}

ApiResponse json_response(std::string body, int status) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

namespace {
void run_handler(ServiceState& s, const Route& route, const ApiRequest& request, const Reply& reply) {
  try {
    route.handle(s, request, reply);
  } catch (const std::bad_alloc&) {
    reply(error_response(503, "limit", "out of memory while answering; try a smaller request"));
  } catch (const std::exception& e) {
    reply(error_response(500, "internal", std::string("internal error: ") + e.what()));
  }
}
}  // namespace

void route(ServiceState& s, ApiRequest request, Reply reply, const Offload& slow) {
  const auto start = std::chrono::steady_clock::now();
  const Route* found = nullptr;
  std::string allow;
  std::string_view label;
  for (const Route& r : kRoutes) {
    if (!matches(r, request.path)) continue;
    if (r.method == request.method) found = &r;
    if (!allow.empty()) allow += ", ";
    allow += r.method;
    label = r.label.empty() ? std::string_view(request.path) : r.label;
  }
  // Unknown paths share one label, so hostile paths cannot grow the metrics.
  const std::string endpoint = allow.empty() ? "other" : std::string(label);
  Reply counted = [&s, endpoint, start, reply](ApiResponse response) {
    s.metrics.request(endpoint, response.status,
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    reply(std::move(response));
  };
  if (allow.empty()) {
    counted(error_response(404, "not-found", "no endpoint " + request.path + " (see GET / for the list)"));
    return;
  }
  if (!found) {
    ApiResponse r = error_response(405, "method-not-allowed",
                                   request.method + " is not allowed on " + request.path + "; use " + allow);
    r.headers.emplace_back("Allow", allow);
    counted(std::move(r));
    return;
  }
  if (found->needs_token && !authorised(s, request)) {
    ApiResponse r = error_response(401, "unauthorized", "this endpoint needs the header Authorization: Bearer TOKEN");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    counted(std::move(r));
    return;
  }
  if (found->slow && slow) {
    slow([&s, found, request = std::move(request), counted = std::move(counted)] { run_handler(s, *found, request, counted); });
    return;
  }
  run_handler(s, *found, request, counted);
}

}  // namespace proviso::service::internal
