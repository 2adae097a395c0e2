// The endpoints that describe the service: the program (/v1/bundle), the register
// (/v1/decisions), health, metrics and reload.
#include <charconv>

#include "api/api.hpp"
#include "core/log.hpp"
#include "core/util.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/question.hpp"
#include "proviso/runtime/render.hpp"

namespace proviso::service::internal {
namespace {

constexpr std::size_t kDefaultLimit = 100;
constexpr std::size_t kMaxLimit = 10000;

}  // namespace

void handle_bundle(ServiceState& s, const ApiRequest&, const Reply& reply) {
  const std::shared_ptr<const ServedProgram> served = s.programs.current();
  const Program& p = served->plan->program();
  std::string out = "{\"bundle\":" + json_string(served->hash) + ",\"loaded_at\":" + json_string(served->loaded_at) +
                    ",\"files\":" + strings_json(served->files) + ",\"policies\":[";
  for (std::size_t i = 0; i < p.policies.size(); ++i) {
    const Policy& pol = p.policies[i];
    if (i) out += ',';
    out += "{\"name\":" + json_string(pol.name) + ",\"sector\":";
    out += pol.sector < 0 ? "null" : json_string(p.types[p.sector_type].values[static_cast<std::size_t>(pol.sector)]);
    out += ",\"default\":" + json_string(to_string(pol.default_effect)) +
           ",\"combine\":" + json_string(to_string(pol.combine)) + ",\"rules\":[";
    for (std::uint32_t k = 0; k < pol.rule_count; ++k) {
      const Rule& rule = p.rules[pol.first_rule + k];
      if (k) out += ',';
      std::vector<std::string> requires_;
      for (std::uint32_t o : rule.requires_) requires_.push_back(p.obligations[o].name);
      out += "{\"name\":" + json_string(rule.name) + ",\"effect\":" + json_string(to_string(rule.effect)) +
             ",\"requires\":" + strings_json(requires_) + ",\"because\":" + json_string(rule.because) +
             ",\"cite\":" + cites_json(rule.cites) + "}";
    }
    out += "]}";
  }
  out += "],\"facts\":[";
  for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
    const Question q = describe_question(p, f);
    if (f) out += ',';
    out += "{\"name\":" + json_string(q.name) + ",\"question\":" + json_string(p.facts[f].question) +
           ",\"type\":" + json_string(q.type) + ",\"values\":" + strings_json(q.values);
    if (q.kind == TypeKind::integer) out += ",\"min\":" + std::to_string(q.lo) + ",\"max\":" + std::to_string(q.hi);
    out += ",\"cite\":" + cites_json(q.cites) + "}";
  }
  out += "],\"obligations\":[";
  for (std::size_t i = 0; i < p.obligations.size(); ++i) {
    if (i) out += ',';
    out += "{\"name\":" + json_string(p.obligations[i].name) + ",\"text\":" + json_string(p.obligations[i].text) + "}";
  }
  out += "]}";
  reply(json_response(std::move(out)));
}

void handle_decisions(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  if (!s.store) {
    reply(error_response(404, "no-register", "the service runs without a register (--register none)"));
    return;
  }
  RegisterQuery q;
  q.limit = kDefaultLimit;
  for (const auto& [key, value] : r.query) {
    if (key == "since") {
      q.since = value;
    } else if (key == "until") {
      q.until = value;
    } else if (key == "decision") {
      if (value != "share" && value != "refer" && value != "deny" && value != "undetermined") {
        reply(error_response(400, "bad-request", "decision must be share, refer, deny or undetermined"));
        return;
      }
      q.decision = value;
    } else if (key == "from") {
      q.flow_from = value;
    } else if (key == "to") {
      q.flow_to = value;
    } else if (key == "limit") {
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n == 0 || n > kMaxLimit) {
        reply(error_response(400, "bad-request", "limit must be a whole number from 1 to " + std::to_string(kMaxLimit)));
        return;
      }
      q.limit = n;
    } else if (key == "order") {
      if (value != "oldest" && value != "newest") {
        reply(error_response(400, "bad-request", "order must be oldest or newest"));
        return;
      }
      q.newest_first = value == "newest";
    } else {
      reply(error_response(400, "bad-request",
                           "unknown parameter '" + key + "' (since, until, decision, from, to, limit, order)"));
      return;
    }
  }
  std::vector<DecisionRecord> rows;
  std::string error;
  if (!s.store->query(q, rows, error)) {
    reply(error_response(503, "register-failed", "the register could not be read: " + error));
    return;
  }
  std::string out = "{\"count\":" + std::to_string(rows.size()) + ",\"decisions\":[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i) out += ',';
    out += record_json(rows[i]);
  }
  out += "]}";
  reply(json_response(std::move(out)));
}

void handle_health(ServiceState& s, const ApiRequest&, const Reply& reply) {
  const std::shared_ptr<const ServedProgram> served = s.programs.current();
  std::string out = "{\"status\":\"ok\",\"bundle\":" + json_string(served->hash) +
                    ",\"loaded_at\":" + json_string(served->loaded_at) +
                    ",\"register\":" + json_string(s.store ? s.store->describe() : "none");
  const std::string error = s.programs.last_error();
  if (!error.empty()) {
    // The last reload failed: the old program still serves, and this says why.
    out += ",\"reload_error\":{\"time\":" + json_string(s.programs.last_error_time()) +
           ",\"message\":" + json_string(error) + "}";
  }
  out += '}';
  reply(json_response(std::move(out)));
}

void handle_metrics(ServiceState& s, const ApiRequest&, const Reply& reply) {
  ApiResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = s.metrics.render();
  reply(std::move(r));
}

bool reload_program(ServiceState& s, std::string& error) {
  const std::shared_ptr<const ServedProgram> before = s.programs.current();
  const bool ok = s.programs.load(error);
  s.metrics.reload(ok);
  if (!ok) {
    log_event("error", "reload_failed", {{"bundle", json_string(before ? before->hash : "")}, {"error", json_string(error)}});
    return false;
  }
  const std::shared_ptr<const ServedProgram> after = s.programs.current();
  s.metrics.program(after->hash, after->loaded_at_seconds, after->load_seconds);
  log_event("info", "reloaded",
            {{"bundle", json_string(after->hash)},
             {"previous", json_string(before ? before->hash : "")},
             {"load_ms", std::to_string(after->load_seconds * 1000)}});
  return true;
}

void handle_reload(ServiceState& s, const ApiRequest&, const Reply& reply) {
  const std::string previous = s.programs.current()->hash;
  std::string error;
  if (!reload_program(s, error)) {
    reply(error_response(422, "reload-failed", "the new program has errors; the old one still serves",
                         ",\"bundle\":" + json_string(previous) + ",\"diagnostics\":" + json_string(error)));
    return;
  }
  reply(json_response("{\"status\":\"ok\",\"bundle\":" + json_string(s.programs.current()->hash) +
                      ",\"previous\":" + json_string(previous) + "}"));
}

}  // namespace proviso::service::internal
