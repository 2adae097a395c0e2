// Arbitrary bytes as one source file through the whole compiler (parse, sema, graph,
// lower) and every diagnostic renderer. Any crash, sanitizer report or hang is a bug:
// hostile text must always end in diagnostics. The JSON and SARIF renderings are read
// back with a JSON parser and must hold the same diagnostics, SARIF in the structure
// 2.1.0 requires (tests/unit/support/render_check.hpp), whatever bytes the messages
// quote. (Formatting and reparsing to the same program waits for the formatter.)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "support/render_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  proviso::CompileOptions options;
  // Small limits keep every input fast, and make the limit paths reachable.
  options.parse.max_file_bytes = 64 * 1024;
  options.parse.max_nesting = 64;
  options.parse.max_string_bytes = 256;
  options.sema.max_rules = 256;
  options.sema.max_facts = 256;
  std::string text(reinterpret_cast<const char*>(data), size);
  proviso::Compilation c = proviso::compile_text("fuzz.proviso", std::move(text), options);
  // A program without errors, or errors without a program: never both, never neither.
  if (c.diagnostics.has_errors() == (c.program != nullptr)) __builtin_trap();
  c.diagnostics.sort();
  std::string out = proviso::render_text(c.diagnostics);
  std::string problems = proviso::test::json_problems(proviso::render_json(c.diagnostics), c.diagnostics);
  problems += proviso::test::sarif_problems(proviso::render_sarif(c.diagnostics, "fuzz"), c.diagnostics);
  if (!problems.empty()) {
    std::fprintf(stderr, "--- the renderings do not read back ---\n%s", problems.c_str());
    __builtin_trap();
  }
  return 0;
}
