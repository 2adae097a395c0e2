#pragma once
// Scenario loading from JSON and JSON Lines with strict validation: an unknown fact, a
// wrong type, an enum value not in its type, an int out of bounds, an unknown sector
// or a duplicate key is a bad-scenario error naming the fact, never a silent default.
#include <cstddef>
#include <string>
#include <string_view>

#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"

namespace proviso {

namespace runtime::internal {
struct ScenarioWalks;
}

struct ScenarioLimits {
  std::size_t max_bytes = 1 << 20;   // one scenario document
  std::size_t max_depth = 32;        // nesting of JSON objects and arrays
  std::size_t max_string = 4096;     // one string value or key
  // `from` and `to` must be given; false lets a caller name the flow itself
  // (`explain --from --to`), and leaves them unknown when the JSON does not.
  bool require_flow = true;
};

// Reusable parser state (simdjson's parser keeps its buffers between documents). Not
// thread-safe: one reader per thread. `program` must outlive the reader (a shared
// Plan keeps its program alive: ScenarioReader reader(plan->program())).
class ScenarioReader {
 public:
  explicit ScenarioReader(const Program& program, ScenarioLimits limits = {});
  ~ScenarioReader();
  ScenarioReader(const ScenarioReader&) = delete;
  ScenarioReader& operator=(const ScenarioReader&) = delete;

  // Parses one JSON object into `out`. On failure returns false and fills `error`
  // (code bad-scenario or limit) with a message naming the fact and what was expected.
  // `source_name` and `line` place the error (line 0: a whole file).
  bool read(std::string_view json, Scenario& out, Diagnostic& error,
            std::string_view source_name = "<scenario>", std::uint32_t line = 0);

 private:
  // Runs the fast and the diagnosing walks apart, for the tests and the fuzzer that
  // hold them to one another (scenario/scenario_walks.hpp).
  friend struct runtime::internal::ScenarioWalks;
  struct Impl;
  Impl* impl_;
};

// The contract's scenario shape: {"from": ..., "to": ..., "facts": {...}} with known
// facts only (dotted names, in declaration order). Used for witnesses and replay.
std::string scenario_to_json(const Program& program, const Scenario& s);

}  // namespace proviso
