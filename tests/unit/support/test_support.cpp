#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "proviso/base/diagnostic_render.hpp"

namespace proviso::test {

Compilation compile(std::string text) { return compile_text("test.proviso", std::move(text)); }

Compilation compile_ok(std::string text) {
  Compilation c = compile(std::move(text));
  if (c.diagnostics.has_errors() || !c.program) {
    ADD_FAILURE() << "expected a clean compile, got:\n" << diagnostics_text(c);
  }
  return c;
}

std::string diagnostics_text(const Compilation& c) { return render_text(c.diagnostics); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string source_path(const std::string& relative) {
  return std::string(PROVISO_SOURCE_DIR) + "/" + relative;
}

}  // namespace proviso::test
