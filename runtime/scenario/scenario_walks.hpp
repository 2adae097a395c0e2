#pragma once
// ScenarioReader reads a scenario with a fast walk that only accepts or refuses, and
// runs a second, diagnosing walk only when the first refuses (scenario_reader.hpp).
// Whatever the fast walk accepts is never seen by the other, so a slip in either goes
// unnoticed unless they are compared directly: these run each walk on its own.
#include <string_view>

#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::runtime::internal {

struct ScenarioWalks {
  // The fast walk alone: true when it accepts. `json_fault` tells whether it refused
  // because the text is not valid JSON (simdjson's full validation), rather than for
  // a value or a key.
  static bool fast(ScenarioReader& reader, std::string_view json, Scenario& out, bool& json_fault);
  // The diagnosing walk alone: true when it finds nothing wrong; otherwise `error` says
  // what and where.
  static bool diagnosing(ScenarioReader& reader, std::string_view json, Scenario& out, Diagnostic& error);
};

}  // namespace proviso::runtime::internal
