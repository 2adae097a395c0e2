// Arbitrary bytes as one source file through `proviso fmt`: text that does not parse is
// refused with a diagnostic; text that parses is formatted, formatting the result
// changes nothing (idempotence), and the formatted text compiles to the same meaning
// (the same program fingerprint, or the same error codes and messages). A violation
// traps like a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/format.hpp"

namespace {

proviso::CompileOptions small_limits() {
  proviso::CompileOptions options;
  options.parse.max_file_bytes = 64 * 1024;
  options.parse.max_nesting = 64;
  options.parse.max_string_bytes = 256;
  options.sema.max_rules = 256;
  options.sema.max_facts = 256;
  return options;
}

std::vector<std::string> codes_and_messages(const proviso::Diagnostics& ds) {
  std::vector<std::string> out;
  for (const proviso::Diagnostic& d : ds.items()) {
    out.push_back(std::string(proviso::to_string(d.code)) + ": " + d.message);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  proviso::Diagnostics ds;
  std::optional<std::string> once = proviso::format_source(proviso::SourceFile("fuzz.proviso", text), ds);
  if (!once) {
    if (ds.items().empty()) __builtin_trap();  // refused without saying why
    return 0;
  }
  proviso::Diagnostics again;
  std::optional<std::string> twice = proviso::format_source(proviso::SourceFile("fuzz.proviso", *once), again);
  if (!twice || *twice != *once) __builtin_trap();  // not idempotent

  const proviso::CompileOptions options = small_limits();
  proviso::Compilation before = proviso::compile_text("fuzz.proviso", text, options);
  proviso::Compilation after = proviso::compile_text("fuzz.proviso", *once, options);
  if ((before.program == nullptr) != (after.program == nullptr)) __builtin_trap();
  if (before.program) {
    if (proviso::meaning_fingerprint(*before.program) != proviso::meaning_fingerprint(*after.program)) {
      __builtin_trap();  // the meaning changed
    }
  } else if (codes_and_messages(before.diagnostics) != codes_and_messages(after.diagnostics)) {
    __builtin_trap();
  }
  return 0;
}
