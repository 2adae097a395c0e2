// proviso fmt on small texts: each layout rule, comments, spellings, line ends, and
// what happens to text that does not parse.
#include <gtest/gtest.h>

#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/format.hpp"

namespace proviso {
namespace {

std::string fmt_ok(const std::string& text) {
  Diagnostics ds;
  std::optional<std::string> out = format_source(SourceFile("t.proviso", text), ds);
  EXPECT_TRUE(out.has_value()) << (ds.items().empty() ? "" : ds.items().front().message);
  if (!out) return {};
  Diagnostics again;
  std::optional<std::string> twice = format_source(SourceFile("t.proviso", *out), again);
  EXPECT_TRUE(twice.has_value());
  EXPECT_EQ(*twice, *out) << "formatting is not idempotent";
  return *out;
}

const char* kPrelude = "sectors { health, housing }\n";

TEST(Format, DeclarationsGetOneEmptyLineBetweenThem) {
  EXPECT_EQ(fmt_ok("sectors{health,housing}obligation dpia \"Do a DPIA\"\ncondition c=true"),
            "sectors { health, housing }\n\nobligation dpia \"Do a DPIA\"\n\ncondition c = true\n");
}

TEST(Format, FactsWrittenTogetherStayTogether) {
  std::string in = std::string(kPrelude) +
                   "fact a: bool \"A?\"\nfact b: int (0 .. 10_000)\n\n\n\nfact c: bool\n";
  EXPECT_EQ(fmt_ok(in), std::string(kPrelude) + "\nfact a: bool \"A?\"\nfact b: int (0 .. 10_000)\n\nfact c: bool\n");
}

TEST(Format, NumbersAndStringsAreWrittenAsWritten) {
  std::string in = std::string(kPrelude) +
                   "fact n: int (-1_000..10_000)\ncondition c = n*2 >= -0_5 + 10_000 \"say \\\"hi\\\"\\t\" cite \"x\"";
  EXPECT_EQ(fmt_ok(in), std::string(kPrelude) +
                            "\nfact n: int (-1_000 .. 10_000)\n\ncondition c = n * 2 >= -0_5 + 10_000\n"
                            "  \"say \\\"hi\\\"\\t\"\n  cite \"x\"\n");
}

TEST(Format, LongChainsBreakOneOperandPerLineOperatorFirst) {
  std::string in = std::string(kPrelude) +
                   "fact alpha_fact_with_a_long_name: bool\nfact beta_fact_with_a_long_name: bool\n"
                   "fact gamma_fact_with_a_long_name: bool\n"
                   "condition c = alpha_fact_with_a_long_name and beta_fact_with_a_long_name and "
                   "(gamma_fact_with_a_long_name or alpha_fact_with_a_long_name and beta_fact_with_a_long_name and "
                   "gamma_fact_with_a_long_name)\n";
  EXPECT_EQ(fmt_ok(in), std::string(kPrelude) +
                            "\nfact alpha_fact_with_a_long_name: bool\nfact beta_fact_with_a_long_name: bool\n"
                            "fact gamma_fact_with_a_long_name: bool\n\n"
                            "condition c =\n"
                            "    alpha_fact_with_a_long_name\n"
                            "    and beta_fact_with_a_long_name\n"
                            "    and (gamma_fact_with_a_long_name\n"
                            "         or alpha_fact_with_a_long_name\n"
                            "            and beta_fact_with_a_long_name\n"
                            "            and gamma_fact_with_a_long_name)\n");
}

TEST(Format, RuleClausesOnePerLineInTheFixedOrder) {
  std::string in = std::string(kPrelude) +
                   "obligation o \"O\"\nfact f: bool\n"
                   "policy p { combine first default refer sector health\n"
                   "rule b: deny when not f\n"
                   "rule a: share when f overrides b cite \"x\" because \"why\" cite \"y\" require o unless false }";
  EXPECT_EQ(fmt_ok(in), std::string(kPrelude) +
                            "\nobligation o \"O\"\n\nfact f: bool\n\n"
                            "policy p {\n  sector health\n  default refer\n  combine first\n\n"
                            "  rule b: deny\n    when not f\n\n"
                            "  rule a: share\n    when f\n    unless false\n    require o\n    because \"why\"\n"
                            "    cite \"x\" cite \"y\"\n    overrides b\n}\n");
}

TEST(Format, LongListsFillAndAlignUnderTheirFirstItem) {
  std::string in = std::string(kPrelude) + "fact f: bool\npolicy p {\n";
  std::string rules;
  for (int i = 0; i < 12; ++i) in += "rule rule_number_" + std::to_string(i) + ": share when f\n";
  in += "rule last: deny when f overrides rule_number_0, rule_number_1, rule_number_2, rule_number_3, "
        "rule_number_4, rule_number_5, rule_number_6, rule_number_7, rule_number_8 }";
  std::string out = fmt_ok(in);
  EXPECT_NE(out.find("    overrides rule_number_0, rule_number_1, rule_number_2, rule_number_3, rule_number_4,\n"
                     "              rule_number_5, rule_number_6, rule_number_7, rule_number_8\n"),
            std::string::npos)
      << out;
}

TEST(Format, CommentsStayWithTheirTokens) {
  std::string in =
      "# header\n\n# more header\nsectors { health, housing }  # the sectors\n\n"
      "type t = enum {\n  a,   # first\n  bb,  # second\n  c\n}\n"
      "# about f\nfact f: t\n"
      "condition c =\n    f == a # only a\n    or f == bb\n"
      "policy p {\n  # before the rule\n  rule r: share\n    when c\n    # why\n    because \"b\"\n  # at the end\n}\n"
      "# the end\n";
  EXPECT_EQ(fmt_ok(in),
            "# header\n\n# more header\nsectors { health, housing }  # the sectors\n\n"
            "type t = enum {\n  a,   # first\n  bb,  # second\n  c\n}\n\n"
            "# about f\nfact f: t\n\n"
            "condition c =\n    f == a  # only a\n    or f == bb\n\n"
            "policy p {\n  # before the rule\n  rule r: share\n    when c\n    # why\n    because \"b\"\n"
            "  # at the end\n}\n"
            "# the end\n");
}

TEST(Format, ACommentInsideAnExpressionKeepsItsPlace) {
  std::string in = std::string(kPrelude) + "fact f: bool\nfact g: bool\ncondition c = f and # why g\n g\n";
  EXPECT_EQ(fmt_ok(in), std::string(kPrelude) + "\nfact f: bool\nfact g: bool\n\ncondition c =\n    f\n    and  # why g\n"
                                                "        g\n");
}

TEST(Format, CrlfStaysCrlfAndTheByteOrderMarkStays) {
  std::string in = "\xEF\xBB\xBFsectors {health}\r\nfact f: bool # x\r\n";
  EXPECT_EQ(fmt_ok(in), "\xEF\xBB\xBFsectors { health }\r\n\r\nfact f: bool  # x\r\n");
}

TEST(Format, ScenarioFlowFirstThenAssignmentsThenExpect) {
  std::string in = std::string(kPrelude) +
                   "fact n: int\nfact s: set of sector\npolicy p { rule r: share when n > 0 }\n"
                   "scenario \"t\" { n = -3\n\n s = {housing,health} to housing from health expect deny }";
  EXPECT_EQ(fmt_ok(in), std::string(kPrelude) +
                            "\nfact n: int\nfact s: set of sector\n\npolicy p {\n  rule r: share\n    when n > 0\n}\n\n"
                            "scenario \"t\" {\n  from health to housing\n  n = -3\n\n  s = { housing, health }\n"
                            "  expect deny\n}\n");
}

TEST(Format, TextThatDoesNotParseIsReportedAndNotFormatted) {
  Diagnostics ds;
  EXPECT_FALSE(format_source(SourceFile("t.proviso", "fact f: bool\ncondition = \n"), ds).has_value());
  ASSERT_FALSE(ds.items().empty());
  EXPECT_EQ(ds.items().front().code, Code::syntax);
}

TEST(Format, EmptyAndCommentOnlyFiles) {
  EXPECT_EQ(fmt_ok(""), "");
  EXPECT_EQ(fmt_ok("  \n\n"), "");
  EXPECT_EQ(fmt_ok("# only\n\n\n# comments   \n"), "# only\n\n# comments\n");
}

TEST(Format, TheMeaningFingerprintIgnoresLayoutButNotMeaning) {
  std::string a = std::string(kPrelude) + "fact f: bool\npolicy p { rule r: share when f and true }";
  std::string b = std::string(kPrelude) + "\n\n# x\nfact f: bool\npolicy p {\n rule r: share\n  when f\n  and true }";
  std::string c = std::string(kPrelude) + "fact f: bool\npolicy p { rule r: deny when f and true }";
  Compilation ca = compile_text("t.proviso", a), cb = compile_text("t.proviso", b), cc = compile_text("t.proviso", c);
  ASSERT_TRUE(ca.program && cb.program && cc.program);
  EXPECT_EQ(meaning_fingerprint(*ca.program), meaning_fingerprint(*cb.program));
  EXPECT_NE(meaning_fingerprint(*ca.program), meaning_fingerprint(*cc.program));
}

}  // namespace
}  // namespace proviso
