// The "unknown" member of a /v1/ask body: the facts the person answered "don't know".
// The scenario reader does not know the member, so it is taken out here first.
#include <simdjson.h>

#include "api/decide.hpp"
#include "core/util.hpp"

namespace proviso::service::internal {

bool split_unknown(std::string_view body, std::string& scenario, std::vector<std::string>& unknown, std::string& error) {
  unknown.clear();
  // Cheap test first: most bodies have no such member, and then the reader sees the
  // body exactly as sent (its diagnostics point into it).
  if (body.find("\"unknown\"") == std::string_view::npos) {
    scenario.assign(body);
    return true;
  }
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object object;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS || root.get(object) != simdjson::SUCCESS) {
    scenario.assign(body);  // not an object: the reader says what is wrong with it
    return true;
  }
  scenario = "{";
  bool first = true;
  bool seen = false;
  for (auto [key, value] : object) {
    if (key != "unknown") {
      if (!first) scenario += ',';
      first = false;
      scenario += json_string(key) + ":" + simdjson::minify(value);
      continue;
    }
    simdjson::dom::array names;
    if (seen || value.get(names) != simdjson::SUCCESS) {
      error = seen ? "\"unknown\" is given twice" : "\"unknown\" must be a list of fact names";
      return false;
    }
    seen = true;
    for (simdjson::dom::element name : names) {
      std::string_view text;
      if (name.get(text) != simdjson::SUCCESS) {
        error = "\"unknown\" must be a list of fact names";
        return false;
      }
      unknown.emplace_back(text);
    }
  }
  scenario += '}';
  return true;
}

}  // namespace proviso::service::internal
