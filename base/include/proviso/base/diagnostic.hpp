#pragma once
// One diagnostics type for every stage: parser, semantics, graph, scenario loading
// and static analysis all report through it, and one renderer per format prints it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/base/source.hpp"

namespace proviso {

enum class Severity : std::uint8_t { error, warning, info };

// Stable codes: documentation and golden files depend on the spelling.
enum class Code : std::uint8_t {
  syntax,
  undefined_name,
  duplicate_name,
  type_mismatch,
  cycle,
  override_cycle,
  bad_import,
  bad_scenario,
  limit,
  nonlinear,
  io,              // a file could not be read (exit status 2 at the CLI)
  unused,          // info: a fact or condition nothing depends on
  conflict,
  dead_rule,
  shadowed_rule,
  gap,
  cross_policy_conflict,
  deferral_gap,    // warning: a deferring share that no other covering policy ever lets stand
  inconclusive,    // info: a solver query timed out or gave up
  constraint,      // error: constraints no scenario satisfies together; info: one that always holds
  expired,         // warning: a policy or rule whose effective period ended before the analysis date
  expiring,        // info: one that ends within the expiry window
  overflow,        // warning: a rule whose int arithmetic can overflow 64 bits for values in range
  control_char,    // error: a control, line-separator or bidirectional character that would let a
                   // file read differently in an editor than to the compiler
};

std::string_view to_string(Code code);
std::string_view to_string(Severity severity);
// The severity a code carries unless a caller decides otherwise.
Severity default_severity(Code code);

struct Note {
  std::string message;
  Location location;  // may have no place
};

struct Diagnostic {
  Severity severity = Severity::error;
  Code code = Code::syntax;
  std::string message;
  Location location;
  std::vector<Note> notes;
  std::string hint;                 // empty: none
  std::vector<std::string> rules;   // analysis findings: "policy.rule" names
  std::string witness_json;         // analysis findings: a scenario object, as JSON text
  // The witness as the solver found it, every fact involved known; `witness_json` keeps
  // only the facts the finding depends on (the same when it could not be shortened).
  std::string witness_full_json;
  // Framework questions ("dpb.q7") cited by the rules, conditions and facts involved.
  std::vector<std::string> cite;
  // A finding that repeats for many rules is reported once: `others` names the first
  // of the other rules it also holds for (capped), `others_count` counts them all.
  std::vector<std::string> others;
  std::size_t others_count = 0;
};

Diagnostic make_diagnostic(Code code, std::string message, Location location);

// Collects diagnostics from every stage; sorted by file, line, column for output.
class Diagnostics {
 public:
  Diagnostic& add(Diagnostic d);
  Diagnostic& add(Code code, std::string message, Location location);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  std::size_t count(Severity s) const;
  bool has_errors() const { return count(Severity::error) > 0; }
  void sort();  // stable: file, line, column, then insertion order
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace proviso
