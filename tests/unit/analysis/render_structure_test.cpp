// The JSON and SARIF renderings of real diagnostics (compile errors, analysis findings
// with notes and witnesses) read back with a JSON parser: SARIF 2.1.0's required
// structure, and the same diagnostics in the same order (support/render_check.hpp).
// Also: witnesses replay on bundles that do have findings, and the checker itself
// notices a broken rendering, so none of these checks can pass on nothing.
#include <gtest/gtest.h>

#include "analysis/replay.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "support/render_check.hpp"
#include "support/test_support.hpp"

namespace proviso::test {
namespace {

// The walkthrough's council rule: the two conflict warnings examples/README.md promises.
Diagnostics walkthrough_findings(std::unique_ptr<Program>* program = nullptr) {
  Compilation c = compile_paths({source_path("examples/discharge/vocabulary.proviso"),
                                 source_path("examples/walkthrough/council_rule.proviso")});
  EXPECT_TRUE(c.program) << render_text(c.diagnostics);
  Diagnostics ds;
  if (c.program) analyze(*c.program, {}, ds);
  ds.sort();
  if (program) *program = std::move(c.program);
  return ds;
}

std::size_t count_code(const Diagnostics& ds, Code code) {
  std::size_t n = 0;
  for (const Diagnostic& d : ds.items()) n += d.code == code;
  return n;
}

TEST(RenderStructure, SarifAndJsonOfAnalysisFindings) {
  const Diagnostics ds = walkthrough_findings();
  ASSERT_EQ(count_code(ds, Code::conflict), 2u) << render_text(ds);
  bool witness = false, note = false;
  for (const Diagnostic& d : ds.items()) {
    witness |= !d.witness_json.empty();
    note |= !d.notes.empty();
  }
  EXPECT_TRUE(witness && note) << "the findings should carry witnesses and notes";
  EXPECT_EQ(sarif_problems(render_sarif(ds, "test"), ds), "");
  EXPECT_EQ(json_problems(render_json(ds), ds), "");
}

TEST(RenderStructure, SarifAndJsonOfCompileErrors) {
  for (const char* file : {"tests/fail/type_mismatch_compare.proviso", "tests/fail/override_cycle_three.proviso",
                           "tests/fail/undefined_name_references.proviso"}) {
    Compilation c = compile_paths({source_path(file)});
    ASSERT_TRUE(c.diagnostics.has_errors()) << file;
    c.diagnostics.sort();
    EXPECT_EQ(sarif_problems(render_sarif(c.diagnostics, "test"), c.diagnostics), "") << file;
    EXPECT_EQ(json_problems(render_json(c.diagnostics), c.diagnostics), "") << file;
  }
}

TEST(RenderStructure, SarifOfNothingIsAnEmptyRun) {
  const Diagnostics none;
  EXPECT_EQ(sarif_problems(render_sarif(none, "test"), none), "");
  EXPECT_EQ(json_problems(render_json(none), none), "");
}

// The checker is not hollow: each kind of damage is reported.
TEST(RenderStructure, TheCheckerNoticesBrokenRenderings) {
  const Diagnostics ds = walkthrough_findings();
  const std::string sarif = render_sarif(ds, "test");
  auto damaged = [&](const std::string& from, const std::string& to) {
    std::string s = sarif;
    const std::size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return sarif_problems(s, ds);
  };
  EXPECT_NE(damaged("\"version\":\"2.1.0\"", "\"version\":\"2.0.0\""), "");
  EXPECT_NE(damaged("\"name\":\"proviso\"", "\"nom\":\"proviso\""), "");
  EXPECT_NE(damaged("\"level\":\"warning\"", "\"level\":\"warn\""), "");
  EXPECT_NE(damaged("\"startLine\":", "\"startLine\":0,\"x\":"), "");
  EXPECT_NE(damaged("\"message\":{\"text\":", "\"message\":{\"txt\":"), "");
  EXPECT_NE(damaged("\"ruleId\":\"conflict\"", "\"ruleId\":\"conflicts\""), "");
  EXPECT_NE(sarif_problems(sarif.substr(0, sarif.size() / 2), ds), "");
  Diagnostics more = ds;
  more.add(make_diagnostic(Code::syntax, "one more", {}));
  EXPECT_NE(sarif_problems(sarif, more), "");
  EXPECT_NE(json_problems(render_json(ds), more), "");
}

// Witnesses replay through the runtime, on bundles with findings of several kinds.
TEST(RenderStructure, WitnessesOfRealFindingsReplay) {
  std::unique_ptr<Program> program;
  const Diagnostics ds = walkthrough_findings(&program);
  ASSERT_TRUE(program);
  std::size_t replayed = 0;
  for (const Diagnostic& d : ds.items()) {
    if (d.witness_json.empty()) continue;
    EXPECT_EQ(replay(*program, d), "") << d.message;
    ++replayed;
  }
  EXPECT_GE(replayed, 2u) << "nothing replayed: the check would pass on nothing";

  Compilation c = compile_paths({source_path("tests/golden/analysis/findings.proviso")});
  ASSERT_TRUE(c.program) << render_text(c.diagnostics);
  Diagnostics found;
  analyze(*c.program, {}, found);
  std::set<Code> kinds;
  for (const Diagnostic& d : found.items()) {
    if (d.witness_json.empty()) continue;
    EXPECT_EQ(replay(*c.program, d), "") << d.message;
    kinds.insert(d.code);
  }
  EXPECT_GE(kinds.size(), 3u) << "findings.proviso should give witnessed findings of several kinds";
}

}  // namespace
}  // namespace proviso::test
