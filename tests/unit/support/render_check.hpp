#pragma once
// Reads the JSON and SARIF renderings of diagnostics back with a JSON parser and
// checks them against the Diagnostics they came from: the structure SARIF 2.1.0
// requires (sarifLog.version and runs, run.tool.driver.name, reportingDescriptor.id,
// result.message.text, level among none/note/warning/error, regions from line and
// column 1, ruleIds that name a reporting descriptor) and the same diagnostics in the
// same order. Used by the analysis unit tests and by compile_fuzz; needs simdjson.
#include <simdjson.h>

#include <set>
#include <string>
#include <string_view>

#include "proviso/base/diagnostic.hpp"

namespace proviso::test {

namespace render_check_internal {

inline std::string text(simdjson::dom::element e, const char* key, std::string& problems, const std::string& at) {
  std::string_view s;
  if (e[key].get_string().get(s)) {
    problems += at + ": no string '" + key + "'\n";
    return "";
  }
  return std::string(s);
}

inline std::int64_t number(simdjson::dom::element e, const char* key, std::string& problems, const std::string& at) {
  std::int64_t n = 0;
  if (e[key].get_int64().get(n)) problems += at + ": no integer '" + key + "'\n";
  return n;
}

inline const char* level_of(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

// A SARIF location (physicalLocation with an artifactLocation and a region).
inline void check_location(simdjson::dom::element loc, const Location& want, std::string& problems,
                           const std::string& at) {
  simdjson::dom::element physical;
  if (loc["physicalLocation"].get(physical)) {
    problems += at + ": no physicalLocation\n";
    return;
  }
  simdjson::dom::element artifact, region;
  if (physical["artifactLocation"].get(artifact)) problems += at + ": no artifactLocation\n";
  else if (text(artifact, "uri", problems, at) != want.file) problems += at + ": uri is not " + want.file + "\n";
  if (physical["region"].get(region)) {
    problems += at + ": no region\n";
    return;
  }
  const std::int64_t line = number(region, "startLine", problems, at);
  const std::int64_t column = number(region, "startColumn", problems, at);
  if (line < 1 || column < 1) problems += at + ": a region starts before line 1 or column 1\n";
  if (line != want.line || column != want.column) problems += at + ": region differs from the diagnostic's place\n";
}

}  // namespace render_check_internal

// Problems with a render_sarif() output for `ds`, one a line; empty when none.
inline std::string sarif_problems(std::string_view sarif, const Diagnostics& ds) {
  using namespace render_check_internal;
  std::string problems;
  simdjson::dom::parser parser;
  simdjson::dom::element log;
  if (auto e = parser.parse(std::string(sarif)).get(log)) return std::string("not JSON: ") + simdjson::error_message(e) + "\n";
  if (text(log, "version", problems, "sarifLog") != "2.1.0") problems += "sarifLog: version is not 2.1.0\n";
  simdjson::dom::array runs;
  if (log["runs"].get_array().get(runs) || runs.size() != 1) return problems + "sarifLog: runs is not one run\n";
  simdjson::dom::element run = runs.at(0);
  simdjson::dom::element driver;
  if (run["tool"]["driver"].get(driver)) return problems + "run: no tool.driver\n";
  if (text(driver, "name", problems, "driver").empty()) problems += "driver: empty name\n";
  std::set<std::string> rule_ids;
  simdjson::dom::array rules;
  if (!driver["rules"].get_array().get(rules)) {
    for (simdjson::dom::element r : rules) rule_ids.insert(text(r, "id", problems, "reportingDescriptor"));
  }
  simdjson::dom::array results;
  if (run["results"].get_array().get(results)) return problems + "run: no results array\n";
  if (results.size() != ds.items().size()) {
    return problems + "run: " + std::to_string(results.size()) + " results for " + std::to_string(ds.items().size()) +
           " diagnostics\n";
  }
  std::size_t i = 0;
  for (simdjson::dom::element r : results) {
    const Diagnostic& d = ds.items()[i];
    const std::string at = "result " + std::to_string(i++);
    simdjson::dom::element message;
    if (r["message"].get(message)) {
      problems += at + ": no message\n";
    } else if (text(message, "text", problems, at + ".message") != d.message) {
      problems += at + ": message text differs from the diagnostic's\n";
    }
    const std::string level = text(r, "level", problems, at);
    if (level != "none" && level != "note" && level != "warning" && level != "error") problems += at + ": bad level\n";
    if (level != level_of(d.severity)) problems += at + ": level " + level + " for a " + level_of(d.severity) + "\n";
    const std::string rule = text(r, "ruleId", problems, at);
    if (rule != to_string(d.code)) problems += at + ": ruleId " + rule + " is not the code\n";
    if (!rule_ids.count(rule)) problems += at + ": ruleId " + rule + " names no reporting descriptor\n";
    simdjson::dom::array locations;
    if (d.location.has_place()) {
      if (r["locations"].get_array().get(locations) || locations.size() != 1) {
        problems += at + ": no location for a placed diagnostic\n";
      } else {
        check_location(locations.at(0), d.location, problems, at);
      }
    }
    simdjson::dom::array related;
    if (!r["relatedLocations"].get_array().get(related)) {
      std::size_t placed = 0;
      for (const Note& n : d.notes) placed += n.location.has_place();
      if (related.size() != placed) problems += at + ": relatedLocations differ from the placed notes\n";
      std::size_t k = 0;
      for (const Note& n : d.notes) {
        if (!n.location.has_place() || k >= related.size()) continue;
        simdjson::dom::element loc = related.at(k++);
        check_location(loc, n.location, problems, at + " related");
        simdjson::dom::element m;
        if (loc["message"].get(m) || text(m, "text", problems, at) != n.message) problems += at + ": note text differs\n";
      }
    }
    simdjson::dom::element witness;
    if (!d.witness_json.empty() && (r["properties"]["witness"].get(witness) || !witness.is_object())) {
      problems += at + ": the witness is not an object in properties\n";
    }
  }
  return problems;
}

// Problems with a render_json() output for `ds`, one a line; empty when none.
inline std::string json_problems(std::string_view json, const Diagnostics& ds) {
  using namespace render_check_internal;
  std::string problems;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(std::string(json)).get(root)) return std::string("not JSON: ") + simdjson::error_message(e) + "\n";
  simdjson::dom::array items;
  if (root["diagnostics"].get_array().get(items)) return "no diagnostics array\n";
  if (items.size() != ds.items().size()) return "the diagnostics array has another length\n";
  std::size_t i = 0;
  for (simdjson::dom::element item : items) {
    const Diagnostic& d = ds.items()[i];
    const std::string at = "diagnostic " + std::to_string(i++);
    if (text(item, "severity", problems, at) != to_string(d.severity)) problems += at + ": severity differs\n";
    if (text(item, "code", problems, at) != to_string(d.code)) problems += at + ": code differs\n";
    if (text(item, "message", problems, at) != d.message) problems += at + ": message differs\n";
    if (d.location.has_place()) {
      if (text(item, "file", problems, at) != d.location.file) problems += at + ": file differs\n";
      if (number(item, "line", problems, at) != d.location.line) problems += at + ": line differs\n";
      if (number(item, "column", problems, at) != d.location.column) problems += at + ": column differs\n";
    }
  }
  if (number(root, "errors", problems, "root") != static_cast<std::int64_t>(ds.count(Severity::error))) {
    problems += "the error count differs\n";
  }
  if (number(root, "warnings", problems, "root") != static_cast<std::int64_t>(ds.count(Severity::warning))) {
    problems += "the warning count differs\n";
  }
  return problems;
}

}  // namespace proviso::test
