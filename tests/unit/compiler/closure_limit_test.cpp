// SemaOptions::max_closure_steps bounds the work of listing every rule's facts and
// overriding rules; exceeding it is a `limit` error, never a long stall.
#include <gtest/gtest.h>

#include <string>

#include "proviso/compiler/compile.hpp"

namespace proviso {
namespace {

std::string chain_of_overrides(int rules) {
  std::string text = "sectors { health, housing }\nfact a: bool\npolicy p {\n";
  for (int i = 0; i < rules; ++i) {
    text += "  rule r" + std::to_string(i) + ": " + (i % 2 ? "share" : "deny") + " when a";
    if (i > 0) text += " overrides r" + std::to_string(i - 1);
    text += "\n";
  }
  return text + "}\n";
}

bool has_limit(const Compilation& c) {
  for (const Diagnostic& d : c.diagnostics.items()) {
    if (d.code == Code::limit && d.message.find("steps") != std::string::npos) return true;
  }
  return false;
}

TEST(ClosureLimit, ExceedingTheBudgetIsALimitError) {
  CompileOptions options;
  options.sema.max_closure_steps = 50;
  Compilation c = compile_text("chain.proviso", chain_of_overrides(40), options);
  EXPECT_FALSE(c.program);
  EXPECT_TRUE(has_limit(c));
}

TEST(ClosureLimit, TheDefaultBudgetCompilesTheSameBundle) {
  Compilation c = compile_text("chain.proviso", chain_of_overrides(40));
  EXPECT_TRUE(c.program);
  EXPECT_FALSE(has_limit(c));
}

}  // namespace
}  // namespace proviso
