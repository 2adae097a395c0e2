// `--verbose`: every command that compiles prints the compiler's stages, in the
// pipeline's order, with a time for each stage that ran and "skipped" for the others.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_common.hpp"
#include "cli/dispatch.hpp"
#include "proviso/compiler/compile.hpp"

namespace proviso::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBundle =
    "sectors { health, housing }\n"
    "fact urgent: bool \"Is it urgent?\"\n"
    "policy sharing {\n"
    "  rule urgent_share: share when urgent\n"
    "}\n"
    "scenario \"urgent\" {\n"
    "  from health to housing\n"
    "  urgent = true\n"
    "  expect share\n"
    "}\n";

const std::vector<std::string> kStages = {"load",     "declarations", "types",     "cites", "expressions",
                                          "policies", "scenarios",    "graph",     "lower"};

// Each stage's line, in order; "" when the table lacks one or has them out of order.
std::vector<std::string> stage_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = text.find("compile stages (");
  if (from == std::string::npos) return {};
  for (const std::string& stage : kStages) {
    std::size_t at = text.find("\n  " + stage + " ", from);
    if (at == std::string::npos) return {};
    std::size_t end = text.find('\n', at + 1);
    lines.push_back(text.substr(at + 1, end - at - 1));
    from = end;
  }
  if (text.find("\n  total ", from) == std::string::npos) return {};
  return lines;
}

bool ran(const std::string& line) { return line.size() > 3 && line.compare(line.size() - 3, 3, " ms") == 0; }
bool skipped(const std::string& line) { return line.find("skipped") != std::string::npos; }

TEST(Verbose, TheTableNamesEveryStageInOrder) {
  Compilation c = compile_text("v.proviso", kBundle);
  ASSERT_TRUE(c.program);
  ASSERT_EQ(c.stages.size(), kStages.size());
  std::string table = render_stage_times(c.stages, "v.proviso");
  EXPECT_EQ(table.rfind("compile stages (v.proviso):\n", 0), 0u) << table;
  std::vector<std::string> lines = stage_lines(table);
  ASSERT_EQ(lines.size(), kStages.size()) << table;
  for (const std::string& line : lines) EXPECT_TRUE(ran(line)) << line;
}

TEST(Verbose, StagesAfterAFailedLoadAreMarkedSkipped) {
  Compilation c = compile_text("bad.proviso", "sectors { health\n");
  ASSERT_FALSE(c.program);
  std::vector<std::string> lines = stage_lines(render_stage_times(c.stages, "bad.proviso"));
  ASSERT_EQ(lines.size(), kStages.size());
  EXPECT_TRUE(ran(lines[0])) << lines[0];
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_TRUE(skipped(lines[i])) << lines[i];
}

TEST(Verbose, LoweringIsSkippedAfterASemanticError) {
  Compilation c = compile_text("t.proviso", "sectors { health }\nfact a: bool\ncondition c = b\n");
  ASSERT_FALSE(c.program);
  std::vector<std::string> lines = stage_lines(render_stage_times(c.stages, "t.proviso"));
  ASSERT_EQ(lines.size(), kStages.size());
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_TRUE(ran(lines[i])) << lines[i];
  EXPECT_TRUE(skipped(lines.back())) << lines.back();
}

class VerboseCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("proviso_verbose_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    file_ = (dir_ / "v.proviso").string();
    std::ofstream(file_) << kBundle;
    scenario_ = (dir_ / "s.json").string();
    std::ofstream(scenario_) << R"({"from":"health","to":"housing","facts":{"urgent":true}})" << "\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The command's standard error; its standard output is kept out of the test's.
  std::string stderr_of(const Args& words, int expected_status) {
    std::ostringstream out, err;
    std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
    int status = run_cli(words);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    EXPECT_EQ(status, expected_status) << err.str();
    return err.str();
  }

  fs::path dir_;
  std::string file_, scenario_;
};

TEST_F(VerboseCommands, EveryCompilingCommandPrintsTheTable) {
  const std::vector<Args> commands = {
      {"check", file_, "--no-analysis", "--verbose"},
      {"check", file_, "--verbose"},
      {"eval", file_, "--scenario", scenario_, "--verbose"},
      {"test", file_, "--verbose"},
      {"graph", file_, "--verbose"},
  };
  for (const Args& words : commands) {
    std::string err = stderr_of(words, 0);
    EXPECT_EQ(stage_lines(err).size(), kStages.size()) << words[0] << ":\n" << err;
    EXPECT_NE(err.find("compile stages (" + file_ + "):"), std::string::npos) << err;
    Args quiet(words.begin(), words.end() - 1);
    EXPECT_EQ(stderr_of(quiet, 0).find("compile stages"), std::string::npos) << words[0];
  }
  EXPECT_NE(stderr_of({"check", file_, "--verbose"}, 0).find("\nanalysis: "), std::string::npos);
}

TEST_F(VerboseCommands, DiffPrintsATableForEachVersion) {
  std::string err = stderr_of({"diff", file_, file_, "--verbose"}, 0);
  std::size_t second = err.find("compile stages (", err.find("compile stages (") + 1);
  ASSERT_NE(second, std::string::npos) << err;
  EXPECT_EQ(stage_lines(err.substr(0, second)).size(), kStages.size()) << err;
  EXPECT_EQ(stage_lines(err.substr(second)).size(), kStages.size()) << err;
}

TEST_F(VerboseCommands, BatchPrintsTheTableBeforeReading) {
  // batch reads standard input: give it the scenario file, and its result line goes
  // to the test's standard output.
  ASSERT_NE(std::freopen(scenario_.c_str(), "r", stdin), nullptr);
  std::string err = stderr_of({"batch", file_, "--fields", "decision", "--verbose"}, 0);
  EXPECT_EQ(stage_lines(err).size(), kStages.size()) << err;
}

TEST_F(VerboseCommands, AFailedCompileStillPrintsTheTable) {
  std::ofstream(file_) << "sectors { health\n";
  std::string err = stderr_of({"check", file_, "--verbose"}, 1);
  std::vector<std::string> lines = stage_lines(err);
  ASSERT_EQ(lines.size(), kStages.size()) << err;
  EXPECT_TRUE(skipped(lines.back()));
}

}  // namespace
}  // namespace proviso::cli
