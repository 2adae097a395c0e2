// Every resource limit of the compiler and of scenario loading, exceeded on purpose:
// each must end in a `limit` diagnostic (never a crash, a hang or a silent success),
// and the input right at the limit must still be accepted. Limits are set small in the
// options so the inputs stay tiny. The batch line limit is a CLI option and is tested
// through `proviso batch --max-line` in tests/bad/batch/max_line_limit.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = "sectors { health, housing }\nfact a: bool\nfact n: int\n";

bool has_code(const Compilation& c, Code code) {
  for (const Diagnostic& d : c.diagnostics.items()) {
    if (d.code == code && d.severity == Severity::error) return true;
  }
  return false;
}

::testing::AssertionResult hits_limit(const Compilation& c) {
  if (c.program) return ::testing::AssertionFailure() << "compiled, but a limit should have stopped it";
  if (!has_code(c, Code::limit)) {
    return ::testing::AssertionFailure() << "no limit diagnostic; got:\n" << render_text(c.diagnostics);
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult compiles(const Compilation& c) {
  if (c.program && !c.diagnostics.has_errors()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected a clean compile; got:\n" << render_text(c.diagnostics);
}

std::string nested_parens(std::size_t depth) {
  return std::string(kHeader) + "condition c = " + std::string(depth, '(') + "a" + std::string(depth, ')') + "\n";
}

TEST(Limits, FileSize) {
  CompileOptions o;
  o.parse.max_file_bytes = 128;
  std::string text = std::string(kHeader) + "# " + std::string(200, 'x') + "\n";
  EXPECT_TRUE(hits_limit(compile_text("big.proviso", text, o)));
  EXPECT_TRUE(compiles(compile_text("small.proviso", kHeader, o)));
}

TEST(Limits, FileSizeOfAFileOnDisk) {
  fs::path dir = fs::temp_directory_path() / ("proviso_limits_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "big.proviso") << kHeader << "# " << std::string(500, 'x') << "\n";
  CompileOptions o;
  o.parse.max_file_bytes = 256;
  EXPECT_TRUE(hits_limit(compile_paths({(dir / "big.proviso").string()}, o)));
  fs::remove_all(dir);
}

TEST(Limits, NestingDepthOfParentheses) {
  CompileOptions o;
  o.parse.max_nesting = 8;
  EXPECT_TRUE(compiles(compile_text("ok.proviso", nested_parens(8), o)));
  EXPECT_TRUE(hits_limit(compile_text("deep.proviso", nested_parens(9), o)));
}

TEST(Limits, NestingDepthOfNot) {
  CompileOptions o;
  o.parse.max_nesting = 8;
  std::string deep = std::string(kHeader) + "condition c = ";
  for (int i = 0; i < 20; ++i) deep += "not ";
  deep += "a\n";
  EXPECT_TRUE(hits_limit(compile_text("not.proviso", deep, o)));
}

TEST(Limits, NestingDepthOfArithmetic) {
  CompileOptions o;
  o.parse.max_nesting = 8;
  std::string deep = std::string(kHeader) + "condition c = ";
  for (int i = 0; i < 20; ++i) deep += "n + (";
  deep += "n" + std::string(20, ')') + " > 3\n";
  EXPECT_TRUE(hits_limit(compile_text("arith.proviso", deep, o)));
}

TEST(Limits, DefaultNestingIs256AndDeepInputNeverOverflowsTheStack) {
  EXPECT_TRUE(compiles(compile_text("ok.proviso", nested_parens(256))));
  EXPECT_TRUE(hits_limit(compile_text("deep.proviso", nested_parens(257))));
  // Far past the limit, unbalanced: the parser must stop at the limit, not recurse on.
  EXPECT_TRUE(hits_limit(compile_text("huge.proviso", std::string(kHeader) + "condition c = " +
                                                          std::string(200'000, '('))));
}

TEST(Limits, LongAndChainsAreNotNesting) {
  CompileOptions o;
  o.parse.max_nesting = 8;
  std::string text = std::string(kHeader) + "condition c = a";
  for (int i = 0; i < 10'000; ++i) text += " and a";
  text += "\n";
  EXPECT_TRUE(compiles(compile_text("chain.proviso", text, o)));
}

TEST(Limits, StringLength) {
  CompileOptions o;
  o.parse.max_string_bytes = 16;
  std::string at = std::string(kHeader) + "obligation o \"" + std::string(16, 's') + "\"\n";
  std::string over = std::string(kHeader) + "obligation o \"" + std::string(17, 's') + "\"\n";
  EXPECT_TRUE(compiles(compile_text("ok.proviso", at, o)));
  EXPECT_TRUE(hits_limit(compile_text("long.proviso", over, o)));
}

TEST(Limits, IntegerLiteralsMustFitIn64Bits) {
  EXPECT_TRUE(compiles(compile_text(
      "ok.proviso", std::string(kHeader) + "condition c = n > -9223372036854775808 and n < 9_223_372_036_854_775_807\n")));
  EXPECT_TRUE(hits_limit(compile_text("big.proviso", std::string(kHeader) + "condition c = n > 9223372036854775808\n")));
  EXPECT_TRUE(
      hits_limit(compile_text("small.proviso", std::string(kHeader) + "condition c = n > -9223372036854775809\n")));
  EXPECT_TRUE(hits_limit(
      compile_text("bound.proviso", "sectors { health }\nfact m: int (0 .. 99_999_999_999_999_999_999)\n")));
}

TEST(Limits, RuleCount) {
  CompileOptions o;
  o.sema.max_rules = 3;
  auto policy = [](int rules) {
    std::string text = std::string(kHeader) + "policy p {\n";
    for (int i = 0; i < rules; ++i) text += "  rule r" + std::to_string(i) + ": share when a\n";
    return text + "}\n";
  };
  EXPECT_TRUE(compiles(compile_text("ok.proviso", policy(3), o)));
  EXPECT_TRUE(hits_limit(compile_text("many.proviso", policy(4), o)));
}

TEST(Limits, FactCount) {
  CompileOptions o;
  o.sema.max_facts = 4;
  std::string text = std::string(kHeader) + "fact b: bool\nfact c: bool\n";  // 4 facts
  EXPECT_TRUE(compiles(compile_text("ok.proviso", text, o)));
  EXPECT_TRUE(hits_limit(compile_text("many.proviso", text + "fact d: bool\n", o)));
}

TEST(Limits, SetElementEnumSize) {
  CompileOptions o;
  o.sema.max_set_members = 4;
  std::string ok = "sectors { health }\ntype t = enum { a, b, c, d }\nfact s: set of t\n";
  std::string big = "sectors { health }\ntype t = enum { a, b, c, d, e }\nfact s: set of t\n";
  EXPECT_TRUE(compiles(compile_text("ok.proviso", ok, o)));
  EXPECT_TRUE(hits_limit(compile_text("big.proviso", big, o)));
  // Sets are 64-bit masks at run time: 65 values can never be allowed, whatever the options say.
  std::string huge = "sectors { health }\ntype t = enum { v0";
  for (int i = 1; i < 65; ++i) huge += ", v" + std::to_string(i);
  huge += " }\nfact s: set of t\n";
  EXPECT_TRUE(hits_limit(compile_text("huge.proviso", huge)));
}

TEST(Limits, ClosureStepsOfLongOverrideChains) {
  // Each rule of a chain is beaten by every rule before it: n^2/2 entries to list.
  auto chain = [](int rules) {
    std::string text = std::string(kHeader) + "policy p {\n";
    for (int i = 0; i < rules; ++i) {
      text += "  rule r" + std::to_string(i) + ": deny when a";
      if (i + 1 < rules) text += " overrides r" + std::to_string(i + 1);
      text += "\n";
    }
    return text + "}\n";
  };
  CompileOptions o;
  o.sema.max_closure_steps = 2'000;
  EXPECT_TRUE(compiles(compile_text("short.proviso", chain(20), o)));
  EXPECT_TRUE(hits_limit(compile_text("long.proviso", chain(200), o)));
}

TEST(Limits, ClosureStepsOfLongConditionChains) {
  // Every rule lists the facts of a 300-condition chain.
  std::string text = std::string(kHeader) + "condition c0 = a\n";
  for (int i = 1; i < 300; ++i) text += "condition c" + std::to_string(i) + " = c" + std::to_string(i - 1) + "\n";
  text += "policy p {\n";
  for (int r = 0; r < 50; ++r) text += "  rule r" + std::to_string(r) + ": share when c299\n";
  text += "}\n";
  CompileOptions o;
  EXPECT_TRUE(compiles(compile_text("ok.proviso", text, o)));
  o.sema.max_closure_steps = 1'000;
  EXPECT_TRUE(hits_limit(compile_text("long.proviso", text, o)));
}

std::string sum_chain(int terms) {
  std::string text = std::string(kHeader) + "condition c = n";
  for (int i = 1; i < terms; ++i) text += " + n";
  return text + " > 3\n";
}

TEST(Limits, ExpressionDepthAsTypeChecked) {
  // A flat chain of sums is no nesting to the parser, but a left-leaning tree as deep
  // as it is long to the type checker.
  CompileOptions o;
  o.sema.max_expression_depth = 8;
  EXPECT_TRUE(compiles(compile_text("short.proviso", sum_chain(6), o)));
  Compilation deep = compile_text("long.proviso", sum_chain(20), o);
  EXPECT_TRUE(hits_limit(deep));
  EXPECT_NE(render_text(deep.diagnostics).find("expression nested more than 8 levels deep"), std::string::npos);
}

TEST(Limits, DefaultExpressionDepthIsExceeded) {
  // With the default options the parser's nesting limit stops such a chain first (the
  // type checker's limit is a safeguard behind it); with that one raised, the type
  // checker's default is what stops it.
  const std::size_t limit = SemaOptions{}.max_expression_depth;
  CompileOptions o;
  o.parse.max_nesting = 4 * limit;
  EXPECT_TRUE(compiles(compile_text("ok.proviso", sum_chain(static_cast<int>(limit) - 2), o)));
  Compilation deep = compile_text("deep.proviso", sum_chain(static_cast<int>(limit) + 10), o);
  EXPECT_TRUE(hits_limit(deep));
  EXPECT_NE(render_text(deep.diagnostics).find("expression nested more than " + std::to_string(limit) + " levels deep"),
            std::string::npos);
  EXPECT_TRUE(hits_limit(compile_text("parsed.proviso", sum_chain(static_cast<int>(limit) + 10))));
}

// `undefined_names` conditions each name an undefined fact one letter off `urgent`.
std::string typos(std::size_t undefined_names) {
  std::string text = "sectors { health }\nfact urgent: bool\n";
  for (std::size_t i = 0; i < undefined_names; ++i) text += "condition c" + std::to_string(i) + " = urgnt\n";
  return text;
}

std::size_t hints(const Compilation& c) {
  std::size_t n = 0;
  for (const Diagnostic& d : c.diagnostics.items()) {
    if (d.code == Code::undefined_name && d.hint == "did you mean 'urgent'?") ++n;
  }
  return n;
}

TEST(Limits, HintsPerCompilation) {
  CompileOptions o;
  o.sema.max_hints = 2;
  Compilation c = compile_text("typos.proviso", typos(5), o);
  EXPECT_EQ(c.diagnostics.count(Severity::error), 5u);
  EXPECT_EQ(hints(c), 2u);  // the errors stay; only their hints stop
}

TEST(Limits, DefaultHintsPerCompilationIsExceeded) {
  const std::size_t limit = SemaOptions{}.max_hints;
  Compilation c = compile_text("typos.proviso", typos(limit + 5));
  EXPECT_EQ(c.diagnostics.count(Severity::error), limit + 5);
  EXPECT_EQ(hints(c), limit);
}

class BundleLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("proviso_bundle_limits_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "a.proviso") << kHeader;
    std::ofstream(dir_ / "b.proviso") << "fact b: bool\n";
    std::ofstream(dir_ / "c.proviso") << "fact c: bool\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(BundleLimits, FileCount) {
  CompileOptions o;
  o.bundle.max_files = 3;
  EXPECT_TRUE(compiles(compile_paths({dir_.string()}, o)));
  std::ofstream(dir_ / "d.proviso") << "fact d: bool\n";
  EXPECT_TRUE(hits_limit(compile_paths({dir_.string()}, o)));
}

TEST_F(BundleLimits, TotalBundleSize) {
  CompileOptions o;
  std::size_t total = 0;
  for (const auto& e : fs::directory_iterator(dir_)) total += fs::file_size(e.path());
  o.bundle.max_bundle_bytes = total;
  EXPECT_TRUE(compiles(compile_paths({dir_.string()}, o)));
  o.bundle.max_bundle_bytes = total - 1;
  EXPECT_TRUE(hits_limit(compile_paths({dir_.string()}, o)));
}

TEST_F(BundleLimits, TotalBundleSizeCountsImports) {
  std::ofstream(dir_ / "main.proviso") << "import \"lib/big.proviso\"\n" << kHeader;
  fs::create_directories(dir_ / "lib");
  std::ofstream(dir_ / "lib" / "big.proviso") << "# " << std::string(1000, 'x') << "\nfact big: bool\n";
  CompileOptions o;
  o.bundle.max_bundle_bytes = 500;
  EXPECT_TRUE(hits_limit(compile_paths({(dir_ / "main.proviso").string()}, o)));
}

// Scenario loading limits (runtime/scenario_json.hpp), against a compiled bundle.
class ScenarioLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c_ = compile_text("s.proviso", "sectors { health, housing }\ntype t = enum { x, y }\nfact e: t\nfact a: bool\n"
                                   "fact g.h.i: bool\nfact s: set of t\n");
    ASSERT_TRUE(compiles(c_));
  }
  ::testing::AssertionResult limited(const std::string& json, const ScenarioLimits& limits) {
    ScenarioReader reader(*c_.program, limits);
    Scenario s;
    Diagnostic error;
    if (reader.read(json, s, error)) return ::testing::AssertionFailure() << "accepted: " << json.substr(0, 200);
    if (error.code != Code::limit) {
      return ::testing::AssertionFailure() << "code " << to_string(error.code) << ": " << error.message;
    }
    return ::testing::AssertionSuccess();
  }
  ::testing::AssertionResult accepted(const std::string& json, const ScenarioLimits& limits) {
    ScenarioReader reader(*c_.program, limits);
    Scenario s;
    Diagnostic error;
    if (reader.read(json, s, error)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << to_string(error.code) << ": " << error.message;
  }
  Compilation c_;
};

TEST_F(ScenarioLimitsTest, DocumentSize) {
  ScenarioLimits l;
  std::string doc = R"({"from": "health", "to": "housing", "facts": {"a": true}})";
  l.max_bytes = doc.size();
  EXPECT_TRUE(accepted(doc, l));
  EXPECT_TRUE(limited(doc + " ", l));
}

TEST_F(ScenarioLimitsTest, NestingDepth) {
  ScenarioLimits l;
  l.max_depth = 4;
  // The document object, facts, g, h: four levels.
  EXPECT_TRUE(accepted(R"({"from": "health", "to": "housing", "facts": {"g": {"h": {"i": true}}}})", l));
  l.max_depth = 3;
  EXPECT_TRUE(limited(R"({"from": "health", "to": "housing", "facts": {"g": {"h": {"i": true}}}})", l));
}

TEST_F(ScenarioLimitsTest, DeepNestingIsRefusedWithoutRecursion) {
  // 100,000 nested lists where a set is expected: refused at the first nested list (a
  // bad-scenario naming the fact) or as too deep, but never walked recursively.
  ScenarioReader reader(*c_.program, ScenarioLimits{});
  Scenario s;
  Diagnostic error;
  std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_FALSE(reader.read(R"({"from": "health", "to": "housing", "facts": {"s": )" + deep + "}}", s, error));
  EXPECT_TRUE(error.code == Code::bad_scenario || error.code == Code::limit) << error.message;
  EXPECT_FALSE(reader.read(R"({"from": "health", "to": "housing", "x": )" + deep + "}", s, error));
  EXPECT_FALSE(reader.read(deep, s, error));
}

TEST_F(ScenarioLimitsTest, StringLength) {
  ScenarioLimits l;
  l.max_string = 8;
  EXPECT_TRUE(accepted(R"({"from": "health", "to": "housing"})", l));
  EXPECT_TRUE(limited(R"({"from": "health", "to": "housing", "facts": {"e": ")" + std::string(9, 'x') + "\"}}", l));
  EXPECT_TRUE(limited(R"({"from": "health", "to": "housing", "facts": {")" + std::string(9, 'k') + "\": 1}}", l));
}

}  // namespace
}  // namespace proviso
