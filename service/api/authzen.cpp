// POST /access/v1/evaluation: the AuthZEN 1.0 access evaluation API, mapped onto a
// Proviso flow (docs/language.md, "AuthZEN access evaluation"):
//   to    subject.properties.sector, or subject.id when subject.type is "sector"
//   from  resource.properties.sector, or resource.id when resource.type is "sector"
//   action.name must be "share"
//   facts the other members of subject.properties, resource.properties,
//         action.properties and context, together (a fact given twice is an error)
// The answer is {"decision": true} exactly when Proviso decides share; the context
// carries the decision id, the program, Proviso's decision and the reasons.
#include <simdjson.h>

#include "api/decide.hpp"
#include "core/util.hpp"
#include "proviso/runtime/render.hpp"

namespace proviso::service::internal {
namespace {

ApiResponse bad(std::string message) { return error_response(400, "bad-request", message); }

// The sector of an AuthZEN entity (subject or resource), or an error.
bool entity_sector(simdjson::dom::element root, const char* member, const char* role, std::string& sector,
                   std::string& error) {
  simdjson::dom::object entity;
  if (root[member].get(entity) != simdjson::SUCCESS) {
    error = std::string(member) + " must be an object with type and id (AuthZEN 1.0)";
    return false;
  }
  std::string_view type, id;
  if (entity["type"].get(type) != simdjson::SUCCESS || entity["id"].get(id) != simdjson::SUCCESS) {
    error = std::string(member) + ".type and " + member + ".id must be strings (AuthZEN 1.0)";
    return false;
  }
  simdjson::dom::object properties;
  std::string_view from_properties;
  if (entity["properties"].get(properties) == simdjson::SUCCESS &&
      properties["sector"].get(from_properties) == simdjson::SUCCESS) {
    sector = from_properties;
    return true;
  }
  if (type == "sector") {
    sector = id;
    return true;
  }
  error = std::string("the ") + role + " sector: give " + member + ".properties.sector, or a " + member +
          " of type \"sector\" whose id is the sector";
  return false;
}

// Adds the members of `object` (except `skip`) to the facts object being written.
bool add_facts(simdjson::dom::object object, std::string_view skip, std::string_view where, std::string& facts,
               std::vector<std::string>& seen, std::string& error) {
  for (auto [key, value] : object) {
    if (key == skip) continue;
    for (const std::string& k : seen) {
      if (k == key) {
        error = "the fact '" + std::string(key) + "' is given twice (again in " + std::string(where) + ")";
        return false;
      }
    }
    seen.emplace_back(key);
    if (facts.size() > 1) facts += ',';
    facts += json_string(key);
    facts += ':';
    facts += simdjson::minify(value);
  }
  return true;
}

std::string reasons_json(const Decided& d) {
  const Program& p = d.program->plan->program();
  std::string out = "[";
  bool first = true;
  auto add = [&](const std::string& text) {
    if (!first) out += ',';
    first = false;
    out += json_string(text);
  };
  for (const PolicyResult& pr : d.result.policies) {
    const Policy& pol = p.policies[pr.policy];
    if (pr.by_default) {
      add(pol.name + ": no rule applied, so its default decides " + std::string(to_string(pol.default_effect)));
    }
    for (std::uint32_t k = 0; k < pol.rule_count; ++k) {
      const std::uint32_t id = pol.first_rule + k;
      if (d.result.rule_status[id] != RuleStatus::applied) continue;
      const Rule& rule = p.rules[id];
      std::string text = p.rule_qualified_name(id) + " applied (" + std::string(to_string(rule.effect)) + ")";
      if (!rule.because.empty()) text += ": " + rule.because;
      add(text);
    }
  }
  if (d.result.decision == Outcome::undetermined) {
    std::string text = "facts still to answer:";
    for (std::uint32_t f : d.result.missing) text += " " + p.facts[f].name;
    add(text);
  }
  if (d.result.no_covering_policy) add("no policy covers this flow");
  return out + "]";
}

}  // namespace

void handle_authzen(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(r.body.data(), r.body.size()).get(root) != simdjson::SUCCESS || !root.is_object()) {
    reply(bad("the body must be a JSON object: an AuthZEN 1.0 access evaluation request"));
    return;
  }
  std::string from, to, error;
  if (!entity_sector(root, "subject", "receiving", to, error) ||
      !entity_sector(root, "resource", "disclosing", from, error)) {
    reply(bad(error));
    return;
  }
  simdjson::dom::object action;
  std::string_view action_name;
  if (root["action"].get(action) != simdjson::SUCCESS || action["name"].get(action_name) != simdjson::SUCCESS) {
    reply(bad("action must be an object with a name (AuthZEN 1.0)"));
    return;
  }
  if (action_name != "share") {
    reply(bad("action.name must be \"share\": Proviso decides whether the resource's sector may share with the "
              "subject's, not '" + std::string(action_name) + "'"));
    return;
  }
  std::string facts = "{";
  std::vector<std::string> seen;
  struct Source {
    const char* path;
    const char* member;
    std::string_view skip;
  };
  for (const Source& source : {Source{"subject.properties", "subject", "sector"},
                               Source{"resource.properties", "resource", "sector"},
                               Source{"action.properties", "action", ""}}) {
    simdjson::dom::element holder = root[source.member];
    simdjson::dom::element properties;
    if (holder["properties"].get(properties) != simdjson::SUCCESS) continue;
    simdjson::dom::object object;
    if (properties.get(object) != simdjson::SUCCESS) {
      reply(bad(std::string(source.path) + " must be an object"));
      return;
    }
    if (!add_facts(object, source.skip, source.path, facts, seen, error)) {
      reply(bad(error));
      return;
    }
  }
  simdjson::dom::element context;
  if (root["context"].get(context) == simdjson::SUCCESS) {
    simdjson::dom::object object;
    if (context.get(object) != simdjson::SUCCESS) {
      reply(bad("context must be an object"));
      return;
    }
    if (!add_facts(object, "", "context", facts, seen, error)) {
      reply(bad(error));
      return;
    }
  }
  facts += '}';
  const std::string scenario = "{\"from\":" + json_string(from) + ",\"to\":" + json_string(to) + ",\"facts\":" + facts + "}";
  auto d = std::make_shared<Decided>();
  const TraceMode mode = default_trace_mode(s);
  if (!decide_scenario(s, scenario, reply, *d, mode)) return;
  DecisionRecord record = make_record(*d, "/access/v1/evaluation", r.body, mode, s, nullptr);
  std::string body = std::string("{\"decision\":") + (d->result.decision == Outcome::share ? "true" : "false") +
                     ",\"context\":{\"decision_id\":" + json_string(record.id) +
                     ",\"bundle\":" + json_string(record.bundle) + ",\"proviso_decision\":" + json_string(record.decision) +
                     ",\"obligations\":" + record.obligations + ",\"missing\":" + record.missing +
                     ",\"reason\":" + reasons_json(*d) + "}}";
  record_then_answer(s, std::move(record), [body = std::move(body)]() mutable { return json_response(std::move(body)); },
                     r, reply);
}

}  // namespace proviso::service::internal
