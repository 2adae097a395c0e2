#pragma once
// Helpers shared by the unit tests of every room.
#include <string>

#include "proviso/compiler/compile.hpp"

namespace proviso::test {

// Compiles one in-memory file named "test.proviso".
Compilation compile(std::string text);
// Like compile(), but fails the calling test (ADD_FAILURE) when there are errors,
// printing them.
Compilation compile_ok(std::string text);
// Rendered text of all diagnostics (no colour).
std::string diagnostics_text(const Compilation& c);
std::string read_file(const std::string& path);
// Absolute path of a file in the source tree.
std::string source_path(const std::string& relative);

}  // namespace proviso::test
