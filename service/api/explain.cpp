// POST /v1/explain: {"scenario": {...}, "why_not": "share", "keep": ["fact", ...],
// "max": N, "allow_flow": false} -> what would have to change, as `explain --format
// json` answers (docs/language.md, "The decision service"). Only `scenario` is required.
// An explanation decides nothing new, so nothing is recorded in the register.
#include <simdjson.h>

#include <stdexcept>

#include "api/decide.hpp"
#include "proviso/analysis/explain.hpp"

namespace proviso::service::internal {
namespace {

ApiResponse bad(const std::string& message) { return error_response(400, "bad-request", message); }

// The members besides `scenario`, read into `options`; false with `error` saying why.
bool read_options(simdjson::dom::object body, const Program& p, ExplainOptions& options, std::string& error) {
  for (auto [key, value] : body) {
    if (key == "scenario") continue;
    if (key == "why_not") {
      std::string_view effect;
      if (value.get(effect) != simdjson::SUCCESS || (effect != "share" && effect != "refer" && effect != "deny")) {
        error = "why_not must be \"share\", \"refer\" or \"deny\"";
        return false;
      }
      options.target = effect == "share" ? Effect::share : effect == "refer" ? Effect::refer : Effect::deny;
    } else if (key == "max") {
      std::int64_t n = 0;
      if (value.get(n) != simdjson::SUCCESS || n < 1 || n > 100) {
        error = "max must be an integer from 1 to 100";
        return false;
      }
      options.max_alternatives = static_cast<std::size_t>(n);
    } else if (key == "allow_flow") {
      if (value.get(options.allow_flow) != simdjson::SUCCESS) {
        error = "allow_flow must be true or false";
        return false;
      }
    } else if (key == "keep") {
      simdjson::dom::array names;
      if (value.get(names) != simdjson::SUCCESS) {
        error = "keep must be a list of fact names";
        return false;
      }
      for (simdjson::dom::element name : names) {
        std::string_view text;
        if (name.get(text) != simdjson::SUCCESS) {
          error = "keep must be a list of fact names";
          return false;
        }
        const std::uint32_t fact = p.find_fact(text);
        if (fact == kNone) {
          error = "keep names no fact of the program: '" + std::string(text) + "'";
          return false;
        }
        options.keep.push_back(fact);
      }
    } else {
      error = "unknown member '" + std::string(key) + "'; expected scenario, why_not, keep, max or allow_flow";
      return false;
    }
  }
  return true;
}

}  // namespace

void handle_explain(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object body;
  if (parser.parse(r.body.data(), r.body.size()).get(root) != simdjson::SUCCESS || root.get(body) != simdjson::SUCCESS) {
    reply(bad("the body must be a JSON object {\"scenario\": {...}, \"why_not\": \"share\"}"));
    return;
  }
  simdjson::dom::object scenario;
  if (body["scenario"].get(scenario) != simdjson::SUCCESS) {
    reply(bad("the body needs \"scenario\": a scenario object {\"from\": ..., \"to\": ..., \"facts\": {...}}"));
    return;
  }
  Decided d;
  if (!decide_scenario(s, simdjson::minify(scenario), reply, d)) return;
  const Program& p = d.program->plan->program();
  ExplainOptions options;
  options.on = d.result.on;
  std::string error;
  if (!read_options(body, p, options, error)) {
    reply(bad(error));
    return;
  }
  try {
    const Explanation e = explain(d.program->plan, d.scenario, options);
    reply(json_response(render_explanation_json(p, d.scenario, e)));
  } catch (const std::invalid_argument& ex) {
    reply(bad(ex.what()));
  }
}

}  // namespace proviso::service::internal
