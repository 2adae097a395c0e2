#pragma once
// Helpers for the sema, graph and lowering tests: compile a snippet with a standard
// prelude and look diagnostics up by code.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "proviso/compiler/compile.hpp"
#include "support/test_support.hpp"

namespace proviso::test {

// Sectors and a few declarations most snippets use; each starts on a known line so
// tests can name places (the prelude is 8 lines; snippets start on line 9).
inline const char* const kPrelude =
    "sectors { health, housing, welfare }\n"
    "type consent_basis = enum { explicit, implied, none }\n"
    "type purpose_kind = enum { direct_care, research, planning }\n"
    "obligation pseudonymise \"Pseudonymise the records\"\n"
    "obligation dpia \"Carry out a DPIA\"\n"
    "fact consent: consent_basis \"What consent is in place?\"\n"
    "fact purpose: purpose_kind \"Why is the data shared?\"\n"
    "fact people: int (0 .. 1000) \"How many people?\"\n";
inline constexpr std::uint32_t kFirstLine = 9;

inline Compilation compile_with_prelude(const std::string& text, const CompileOptions& options = {}) {
  return compile_text("test.proviso", std::string(kPrelude) + text, options);
}

inline std::vector<const Diagnostic*> with_code(const Compilation& c, Code code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : c.diagnostics.items()) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

// The one diagnostic of a code; fails the test when there is not exactly one.
inline Diagnostic only(const Compilation& c, Code code) {
  auto found = with_code(c, code);
  if (found.size() != 1) {
    ADD_FAILURE() << "expected one " << to_string(code) << " diagnostic, got " << found.size() << ":\n"
                  << diagnostics_text(c);
    return Diagnostic{};
  }
  return *found.front();
}

inline std::size_t error_count(const Compilation& c) { return c.diagnostics.count(Severity::error); }

}  // namespace proviso::test
