// The one integer parser and the one argument parser every command goes through.
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "cli/args.hpp"

namespace proviso::cli {
namespace {

constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

TEST(ParseCount, AcceptsDigits) {
  EXPECT_EQ(parse_count("0", 10).value, 0u);
  EXPECT_EQ(parse_count("7", 10).value, 7u);
  EXPECT_EQ(parse_count("007", 10).value, 7u);  // leading zeros are still the number
  EXPECT_EQ(parse_count("2000", 4294967295u).value, 2000u);
  EXPECT_TRUE(parse_count("2000", 4294967295u).ok());
}

TEST(ParseCount, AcceptsExactlyTheMaximum) {
  EXPECT_EQ(parse_count("4294967295", 4294967295u).value, 4294967295u);
  EXPECT_EQ(parse_count("18446744073709551615", kU64Max).value, kU64Max);
  EXPECT_TRUE(parse_count("10", 10).ok());
  EXPECT_TRUE(parse_count("0", 0).ok());
}

TEST(ParseCount, RejectsSigns) {
  for (const char* text : {"-5", "+5", "-0", "+0", "-"}) {
    Count c = parse_count(text, 100);
    EXPECT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.error, std::string("takes a number without a sign, not '") + text + "'");
  }
}

TEST(ParseCount, RejectsJunk) {
  for (const char* text : {"12abc", "abc", " 5", "5 ", "1_000", "1,000", "0x10", "1e3", "5.0", "٣"}) {
    Count c = parse_count(text, kU64Max);
    EXPECT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.error, std::string("takes a number (digits only), not '") + text + "'");
  }
}

TEST(ParseCount, RejectsEmpty) {
  Count c = parse_count("", 100);
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(c.error, "takes a number, not an empty value");
}

TEST(ParseCount, RejectsMoreThanTheMaximum) {
  Count c = parse_count("4294967296", 4294967295u);
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(c.error, "takes a number no larger than 4294967295, not '4294967296'");
  EXPECT_FALSE(parse_count("11", 10).ok());
  EXPECT_FALSE(parse_count("1", 0).ok());
  EXPECT_FALSE(parse_count("9", 8).ok());
}

TEST(ParseCount, RejectsOverflowOf64Bits) {
  for (const char* text : {"18446744073709551616", "99999999999999999999999", "184467440737095516150"}) {
    Count c = parse_count(text, kU64Max);
    EXPECT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.error, std::string("takes a number no larger than 18446744073709551615, not '") + text + "'");
    EXPECT_EQ(c.value, 0u);
  }
}

TEST(ParseCount, JunkAfterAnOverflowIsJunk) {
  EXPECT_EQ(parse_count("99999999999999999999999x", kU64Max).error,
            "takes a number (digits only), not '99999999999999999999999x'");
}

// A small command: a flag, a value option, a count, a repeatable option, a short
// option, and a choice of two.
const std::vector<OptionSpec>& options() {
  static const std::vector<OptionSpec> o = {
      keyword_option("--format", "text|json|sarif", "h"),
      flag("--strict", "h"),
      count_option("--timeout", "MS", "h", {0, 1000}),
      count_option("--max-line", "BYTES", "h", {1, kU64Max}),
      option("--include", "DIR", "h").repeated(),
      option("--output", "FILE", "h").with_short('o'),
  };
  return o;
}

ParseOutcome parse(const Args& words, ParsedArgs& out) { return parse_args(options(), words, out); }

TEST(ParseArgs, OptionsAndPositionalsInAnyOrder) {
  ParsedArgs a;
  ParseOutcome r = parse({"x", "--format", "json", "y", "--strict", "--timeout=250", "-o", "out", "z"}, a);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_FALSE(r.help);
  EXPECT_EQ(a.positional, (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ(a.get("--format"), "json");
  EXPECT_TRUE(a.has("--strict"));
  EXPECT_EQ(a.count("--timeout", 7), 250u);
  EXPECT_EQ(a.get("--output"), "out");
  EXPECT_FALSE(a.has("--include"));
  EXPECT_EQ(a.get("--include", "fallback"), "fallback");
  EXPECT_EQ(a.count("--max-line", 99), 99u);
}

TEST(ParseArgs, ShortOptionWithAttachedValue) {
  ParsedArgs a;
  ASSERT_TRUE(parse({"-oout.bin"}, a).ok());
  EXPECT_EQ(a.get("--output"), "out.bin");
}

TEST(ParseArgs, DoubleDashEndsOptionsAndDashIsAPath) {
  ParsedArgs a;
  ASSERT_TRUE(parse({"-", "--", "--strict", "-h"}, a).ok());
  EXPECT_EQ(a.positional, (std::vector<std::string>{"-", "--strict", "-h"}));
  EXPECT_FALSE(a.has("--strict"));
}

TEST(ParseArgs, RepeatableKeepsEveryValue) {
  ParsedArgs a;
  ASSERT_TRUE(parse({"--include", "a", "--include=b"}, a).ok());
  EXPECT_EQ(a.all("--include"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(a.get("--include"), "b");
}

TEST(ParseArgs, NonRepeatableTwiceIsAnError) {
  ParsedArgs a;
  EXPECT_EQ(parse({"--format", "json", "--format", "text"}, a).error, "option '--format' given twice");
  EXPECT_EQ(parse({"--strict", "--strict"}, a).error, "option '--strict' given twice");
  EXPECT_EQ(parse({"-o", "a", "--output", "b"}, a).error, "option '--output' given twice");
}

TEST(ParseArgs, UnknownOptionHasADidYouMean) {
  ParsedArgs a;
  ParseOutcome r = parse({"--fromat", "json"}, a);
  EXPECT_EQ(r.error, "unknown option '--fromat'");
  EXPECT_EQ(r.hint, "did you mean '--format'?");
  r = parse({"--verbose"}, a);
  EXPECT_EQ(r.error, "unknown option '--verbose'");
  EXPECT_EQ(r.hint, "");
  r = parse({"-x"}, a);
  EXPECT_EQ(r.error, "unknown option '-x'");
  r = parse({"--hepl"}, a);
  EXPECT_EQ(r.hint, "did you mean '--help'?");
}

TEST(ParseArgs, MissingValueAndValueOnAFlag) {
  ParsedArgs a;
  EXPECT_EQ(parse({"x", "--format"}, a).error, "option '--format' needs a value");
  EXPECT_EQ(parse({"-o"}, a).error, "option '-o' needs a value");
  EXPECT_EQ(parse({"--strict=yes"}, a).error, "option '--strict' takes no value");
}

TEST(ParseArgs, CountsAreCheckedWhenParsed) {
  ParsedArgs a;
  EXPECT_EQ(parse({"--timeout", "-5"}, a).error, "option '--timeout' takes a number without a sign, not '-5'");
  EXPECT_EQ(parse({"--timeout", "12abc"}, a).error, "option '--timeout' takes a number (digits only), not '12abc'");
  EXPECT_EQ(parse({"--timeout=1001"}, a).error, "option '--timeout' takes a number no larger than 1000, not '1001'");
  EXPECT_EQ(parse({"--timeout="}, a).error, "option '--timeout' takes a number, not an empty value");
  EXPECT_EQ(parse({"--max-line", "0"}, a).error, "option '--max-line' takes a number no smaller than 1, not '0'");
  EXPECT_EQ(parse({"--max-line", "99999999999999999999999"}, a).error,
            "option '--max-line' takes a number no larger than 18446744073709551615, not '99999999999999999999999'");
  ASSERT_TRUE(parse({"--timeout", "0", "--max-line", "1"}, a).ok());
  EXPECT_EQ(a.count("--timeout", 5), 0u);
  EXPECT_EQ(a.count("--max-line", 5), 1u);
}

TEST(ParseArgs, KeywordsAreCheckedWhenParsed) {
  ParsedArgs a;
  ParseOutcome r = parse({"--format", "yaml"}, a);
  EXPECT_EQ(r.error, "option '--format' takes text, json or sarif, not 'yaml'");
  EXPECT_EQ(r.hint, "");
  r = parse({"--format=jsn"}, a);
  EXPECT_EQ(r.error, "option '--format' takes text, json or sarif, not 'jsn'");
  EXPECT_EQ(r.hint, "did you mean 'json'?");
  EXPECT_FALSE(parse({"--format", ""}, a).ok());
  EXPECT_FALSE(parse({"--format", "text|json"}, a).ok());
  ASSERT_TRUE(parse({"--format", "sarif"}, a).ok());
  EXPECT_EQ(a.get("--format"), "sarif");
  EXPECT_EQ(keyword_option("--x", "a|b", "h").keywords(), (std::vector<std::string_view>{"a", "b"}));
}

TEST(ParseArgs, HelpWinsOverEverythingBeforeDoubleDash) {
  ParsedArgs a;
  EXPECT_TRUE(parse({"-h"}, a).help);
  EXPECT_TRUE(parse({"x", "--bogus", "--help"}, a).help);
  EXPECT_TRUE(parse({"--timeout", "-5", "-h"}, a).help);
  EXPECT_FALSE(parse({"--", "--help"}, a).help);
}

TEST(ParseArgs, ExactlyOneOfAChoice) {
  const std::vector<OptionSpec> choice = {
      option("--scenario", "FILE.json", "h").in_choice("input"),
      option("--name", "TITLE", "h").in_choice("input"),
      option("--format", "F", "h"),
  };
  ParsedArgs a;
  EXPECT_EQ(parse_args(choice, {"p"}, a).error, "give exactly one of --scenario FILE.json and --name TITLE");
  EXPECT_EQ(parse_args(choice, {"--name", "t", "--scenario", "s"}, a).error,
            "give exactly one of --scenario FILE.json and --name TITLE");
  EXPECT_TRUE(parse_args(choice, {"--name", "t"}, a).ok());
  EXPECT_TRUE(parse_args(choice, {"--scenario", "s"}, a).ok());
}

TEST(ParsedArgs, AskingForAnUndeclaredOptionIsABug) {
  ParsedArgs a;
  ASSERT_TRUE(parse({}, a).ok());
  EXPECT_THROW(a.has("--strikt"), std::logic_error);
  EXPECT_THROW(a.get("--strikt"), std::logic_error);
  EXPECT_THROW(a.count("--format", 0), std::logic_error);  // not an integer option
}

}  // namespace
}  // namespace proviso::cli
