// proviso/analysis.hpp is enough on its own: the usage shown at its top, compiled and
// run with only the compiler's and the analysis's facade headers included.
#include <gtest/gtest.h>

#include "proviso/analysis.hpp"
#include "proviso/compiler.hpp"

namespace {

constexpr const char* kV1 = R"(sectors { health, housing }
fact age: int (0 .. 120) "How old is the person?"
policy p {
  rule too_old: refer when age > 130
  rule adults: share when age >= 18
}
)";

constexpr const char* kV2 = R"(sectors { health, housing }
fact age: int (0 .. 120) "How old is the person?"
policy p {
  rule adults: share when age >= 21
}
)";

TEST(Facade, AnalyseAndDiff) {
  proviso::Compilation before = proviso::compile_text("v1.proviso", kV1);
  proviso::Compilation after = proviso::compile_text("v2.proviso", kV2);
  ASSERT_TRUE(before.program) << proviso::render_text(before.diagnostics);
  ASSERT_TRUE(after.program) << proviso::render_text(after.diagnostics);

  proviso::AnalysisOptions options;
  proviso::Diagnostics findings;
  proviso::AnalysisStats stats = proviso::analyze(*before.program, options, findings);
  EXPECT_GT(stats.queries, 0u);
  bool dead = false;
  for (const proviso::Diagnostic& f : findings.items()) dead |= f.code == proviso::Code::dead_rule;
  EXPECT_TRUE(dead) << proviso::render_text(findings);

  proviso::DiffResult d = proviso::diff_programs(*before.program, *after.program);
  ASSERT_EQ(d.changes.size(), 1u) << proviso::render_diff_text(d, "v1", "v2");
  EXPECT_EQ(d.changes[0].from, proviso::Outcome::share);
  EXPECT_EQ(d.changes[0].to, proviso::Outcome::deny);
  EXPECT_NE(d.changes[0].new_witness_json.find("\"age\":"), std::string::npos) << d.changes[0].new_witness_json;
  EXPECT_NE(proviso::render_diff_json(d).find("\"changed\": true"), std::string::npos);
}

}  // namespace
