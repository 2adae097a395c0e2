// What the web page needs besides the decision endpoints: its own files, one decision
// record (as JSON or as the Markdown record), and the policies in plain English.
#include <list>
#include <mutex>
#include <sstream>

#include "api/decide.hpp"
#include "core/graphviz.hpp"
#include "core/util.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "web/assets.hpp"

namespace proviso::service::internal {
namespace {

std::string place_text(const SourcePlace& place) {
  if (place.file.empty()) return {};
  return place.file + ":" + std::to_string(place.line);
}

std::string node_text(const Program& p, NodeId node) {
  if (node == NodeId::none()) return {};
  return p.nodes[node].text;
}

// Decision ids are UUIDs: hex digits and dashes, nothing a path could smuggle.
bool plausible_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-')) return false;
  }
  return true;
}

void add_page_headers(ApiResponse& r) {
  // The page loads nothing from elsewhere, and no other site may frame it.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
                         "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
}

}  // namespace

void handle_asset(ServiceState&, const ApiRequest& r, const Reply& reply) {
  const std::string_view path = r.path == "/" ? std::string_view("/index.html") : std::string_view(r.path);
  for (const WebAsset& a : web_assets()) {
    if (a.path != path) continue;
    ApiResponse response;
    response.content_type = a.content_type;
    response.body.assign(a.bytes);
    const auto v = r.query.find("v");
    // The page names its script and stylesheet with their digest, so those may be kept
    // for good; the page itself is asked for again each time (it is small).
    const bool versioned = !a.version.empty() && v != r.query.end() && v->second == a.version;
    response.headers.emplace_back("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
    add_page_headers(response);
    reply(std::move(response));
    return;
  }
  reply(error_response(404, "not-found", "no endpoint " + r.path));
}

// GET /v1/decisions/ID: the record as JSON. GET /v1/decisions/ID/record: the Markdown
// decision record, decided again from the recorded request by the program that made it
// (when another program is loaded now, 409: the stored JSON result still says it all).
void handle_decision(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  constexpr std::string_view prefix = "/v1/decisions/";
  std::string_view rest = std::string_view(r.path).substr(prefix.size());
  bool markdown = false;
  if (rest.ends_with("/record")) {
    markdown = true;
    rest.remove_suffix(std::string_view("/record").size());
  }
  if (!plausible_id(rest)) {
    reply(error_response(404, "not-found", "no decision '" + std::string(rest) + "' (ids look like those in GET /v1/decisions)"));
    return;
  }
  if (!s.store) {
    reply(error_response(404, "no-register", "the service runs without a register (--register none)"));
    return;
  }
  DecisionRecord record;
  bool found = false;
  std::string error;
  if (!s.store->find(rest, record, found, error)) {
    reply(error_response(503, "register-failed", "the register could not be read: " + error));
    return;
  }
  if (!found) {
    reply(error_response(404, "not-found", "no decision '" + std::string(rest) + "' in the register"));
    return;
  }
  if (!markdown) {
    reply(json_response(record_json(record)));
    return;
  }
  Worker& w = s.programs.worker();
  if (w.program->hash != record.bundle) {
    reply(error_response(409, "other-program",
                         "this decision was made by program " + record.bundle + ", and " + w.program->hash +
                             " is loaded now; GET /v1/decisions/" + record.id + " gives the stored result"));
    return;
  }
  Decided d;
  bool ok = true;
  Reply refuse = [&ok, &reply](ApiResponse response) {
    ok = false;
    reply(std::move(response));
  };
  if (!decide_scenario(s, record.request, refuse, d, TraceMode::full) || !ok) return;  // the record shows the whole justification
  const Program& p = d.program->plan->program();
  std::string text = render_result_markdown({p, d.scenario, d.result, &d.trace, "Decision " + record.id, record.time});
  text += "\nDecision id: `" + record.id + "`; program `" + record.bundle + "`.\n";
  ApiResponse response;
  response.content_type = "text/markdown; charset=utf-8";
  response.body = std::move(text);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"decision-" + record.id + ".md\"");
  reply(std::move(response));
}

// GET /v1/policies: each policy and rule as the page shows them in plain English.
void handle_policies(ServiceState& s, const ApiRequest&, const Reply& reply) {
  const std::shared_ptr<const ServedProgram> served = s.programs.current();
  const Program& p = served->plan->program();
  std::string out = "{\"bundle\":" + json_string(served->hash) + ",\"graph\":" + (served->graph ? "true" : "false") +
                    ",\"policies\":[";
  for (std::size_t i = 0; i < p.policies.size(); ++i) {
    const Policy& pol = p.policies[i];
    if (i) out += ',';
    out += "{\"name\":" + json_string(pol.name) + ",\"sector\":";
    out += pol.sector < 0 ? "null" : json_string(p.types[p.sector_type].values[static_cast<std::size_t>(pol.sector)]);
    out += ",\"default\":" + json_string(to_string(pol.default_effect)) +
           ",\"combine\":" + json_string(to_string(pol.combine)) + ",\"defers\":" + (pol.defers ? "true" : "false") +
           ",\"effective\":" + json_string(pol.effective.describe()) + ",\"place\":" + json_string(place_text(pol.place)) +
           ",\"rules\":[";
    for (std::uint32_t k = 0; k < pol.rule_count; ++k) {
      const Rule& rule = p.rules[pol.first_rule + k];
      if (k) out += ',';
      out += "{\"name\":" + json_string(rule.name) + ",\"effect\":" + json_string(to_string(rule.effect)) +
             ",\"when\":" + json_string(node_text(p, rule.when)) + ",\"unless\":" + json_string(node_text(p, rule.unless)) +
             ",\"because\":" + json_string(rule.because) + ",\"cite\":" + cites_json(rule.cites) + ",\"requires\":[";
      for (std::size_t o = 0; o < rule.requires_.size(); ++o) {
        const Obligation& ob = p.obligations[rule.requires_[o]];
        if (o) out += ',';
        out += "{\"name\":" + json_string(ob.name) + ",\"text\":" + json_string(ob.text) + "}";
      }
      std::vector<std::string> overrides;
      for (std::uint32_t beaten : rule.overrides) overrides.push_back(p.rules[beaten].name);
      std::vector<std::string> facts;
      for (std::uint32_t f : rule.facts) facts.push_back(p.facts[f].name);
      out += "],\"overrides\":" + strings_json(overrides) + ",\"facts\":" + strings_json(facts) + ",\"defers\":" + (rule.defers ? "true" : "false") +
             ",\"effective\":" + json_string(rule.effective.describe()) + ",\"place\":" + json_string(place_text(rule.place)) +
             "}";
    }
    out += "]}";
  }
  out += "],\"conditions\":[";
  for (std::size_t i = 0; i < p.conditions.size(); ++i) {
    const ConditionInfo& c = p.conditions[i];
    if (i) out += ',';
    const Node& n = p.nodes[c.node];
    out += "{\"name\":" + json_string(c.name) + ",\"text\":" + json_string(c.text) +
           ",\"expr\":" + json_string(n.op == Op::condition ? p.nodes[NodeId(n.a)].text : n.text) +
           ",\"cite\":" + cites_json(c.cites) + ",\"place\":" + json_string(place_text(c.place)) + "}";
  }
  out += "]}";
  reply(json_response(std::move(out)));
}

// GET /v1/graph?policy=NAME[&overrides=hide]: the policy's condition graph as SVG, drawn
// by Graphviz. Pictures are kept (a few dozen, newest first), keyed by program and ask.
void handle_graph(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  const std::shared_ptr<const ServedProgram> served = s.programs.current();
  std::string policy;
  bool overrides = true;
  for (const auto& [key, value] : r.query) {
    if (key == "policy") {
      policy = value;
    } else if (key == "overrides") {
      if (value != "show" && value != "hide") {
        reply(error_response(400, "bad-request", "overrides must be show or hide"));
        return;
      }
      overrides = value == "show";
    } else {
      reply(error_response(400, "bad-request", "unknown parameter '" + key + "' (policy, overrides)"));
      return;
    }
  }
  if (!served->graph) {
    reply(error_response(404, "no-graph", "the service runs a program file, which keeps no condition graph; serve the sources"));
    return;
  }
  if (policy.empty() || !served->graph->has_policy(policy)) {
    reply(error_response(404, "not-found", policy.empty() ? "policy=NAME is required" : "no policy named '" + policy + "'"));
    return;
  }
  static std::mutex mutex;
  static std::list<std::pair<std::string, std::string>> cache;  // key, SVG; newest first
  const std::string key = served->hash + '\n' + policy + (overrides ? "\n1" : "\n0");
  std::string svg;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto it = cache.begin(); it != cache.end(); ++it) {
      if (it->first == key) {
        svg = it->second;
        cache.splice(cache.begin(), cache, it);
        break;
      }
    }
  }
  if (svg.empty()) {
    std::string dot = served->graph->to_dot(policy);
    if (!overrides) {
      // Override edges are the only dashed ones: drop their lines.
      std::istringstream in(dot);
      std::string line, kept;
      while (std::getline(in, line)) {
        if (line.find("->") != std::string::npos && line.find("[style=dashed,color=red3,label=\"overrides\"]") != std::string::npos) {
          continue;
        }
        kept += line;
        kept += '\n';
      }
      dot = std::move(kept);
    }
    std::string error;
    if (!dot_to_svg(dot, svg, error)) {
      reply(error_response(503, "graph-failed", "the picture could not be drawn: " + error));
      return;
    }
    std::lock_guard<std::mutex> lock(mutex);
    cache.emplace_front(key, svg);
    if (cache.size() > 64) cache.pop_back();
  }
  ApiResponse response;
  response.content_type = "image/svg+xml";
  response.body = std::move(svg);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  reply(std::move(response));
}

// GET /v1/findings: the `check` findings of the loaded program; 202 while the analysis
// runs (the page asks again).
void handle_findings(ServiceState& s, const ApiRequest&, const Reply& reply) {
  bool ready = false;
  std::string json = s.findings.get(s.programs.current(), ready);
  if (!ready) {
    reply(json_response("{\"status\":\"computing\"}", 202));
    return;
  }
  reply(json_response(std::move(json)));
}

}  // namespace proviso::service::internal
