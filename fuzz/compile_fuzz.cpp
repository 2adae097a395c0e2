// Arbitrary bytes as one source file through the whole compiler (parse, sema, graph,
// lower) and every diagnostic renderer. Any crash, sanitizer report or hang is a bug:
// hostile text must always end in diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic_render.hpp"

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
  out += proviso::render_json(c.diagnostics);
  out += proviso::render_sarif(c.diagnostics, "fuzz");
  return 0;
}
