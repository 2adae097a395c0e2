// The grammar on its own, without actions: it has no rule that can loop without
// consuming input, and each token and construct matches, fails locally (so an
// alternative can be tried) or fails globally (a committed error) as intended.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "proviso/grammar.hpp"

namespace {

namespace pg = tao::pegtl;
namespace g = proviso::grammar;

enum class result { success, local_failure, global_failure };

std::ostream& operator<<(std::ostream& os, result r) {
  switch (r) {
    case result::success: return os << "success";
    case result::local_failure: return os << "local failure";
    case result::global_failure: return os << "global failure";
  }
  return os;
}

struct outcome {
  result r;
  std::size_t remaining;  // bytes left unread
};

template <class Rule>
outcome match(std::string_view input) {
  pg::memory_input<> in(input.data(), input.size(), "test");
  try {
    bool ok = pg::parse<Rule>(in);
    return {ok ? result::success : result::local_failure, in.size()};
  } catch (const pg::parse_error&) {
    return {result::global_failure, in.size()};
  }
}

// Checks the result and, on success or local failure, how many bytes are left (a local
// failure must leave the input where it was).
template <class Rule>
void expect_rule(std::string_view input, result expected, std::size_t remaining = 0) {
  SCOPED_TRACE(std::string("input: ") + std::string(input));
  outcome o = match<Rule>(input);
  EXPECT_EQ(o.r, expected);
  if (expected == result::success) {
    EXPECT_EQ(o.remaining, remaining);
  } else if (expected == result::local_failure) {
    EXPECT_EQ(o.remaining, input.size());
  }
}

TEST(Grammar, AnalyzeFindsNoProblems) {
  EXPECT_EQ(pg::analyze<g::file>(-1), 0u);
}

TEST(Grammar, KeywordsAreNotNames) {
  expect_rule<g::t::name>("when", result::local_failure);
  expect_rule<g::t::name>("whenever", result::success);
  expect_rule<g::t::name>("when_", result::success);
  expect_rule<g::t::name>("sector", result::local_failure);
  expect_rule<g::t::name>("sectors", result::local_failure);
  expect_rule<g::t::name>("sectorsx", result::success);
  expect_rule<g::t::name>("_x1 rest", result::success, 5);
  expect_rule<g::t::name>("1x", result::local_failure);
  // Contextual words are names.
  expect_rule<g::t::name>("undetermined", result::success);
  expect_rule<g::t::name>("missing", result::success);
}

TEST(Grammar, EveryKeywordIsReserved) {
  for (const char* word :
       {"import", "sectors", "type", "enum", "set", "of", "bool", "int", "framework", "question", "group",
        "fact", "condition", "obligation", "policy", "sector", "default", "combine", "strictest", "first",
        "rule", "when", "unless", "require", "because", "cite", "overrides", "share", "refer", "deny",
        "scenario", "from", "to", "expect", "and", "or", "not", "in", "true", "false"}) {
    expect_rule<g::t::keyword>(word, result::success);
    expect_rule<g::t::name>(word, result::local_failure);
    expect_rule<g::t::name>(std::string(word) + "x", result::success);
  }
}

TEST(Grammar, FailedKeywordRewindsUnderMust) {
  // `whenx` must not leave the input after `when`: carets point at the word's start.
  expect_rule<pg::seq<g::t::kw_when>>("whenx", result::local_failure);
  expect_rule<pg::must<g::t::kw_when>>("whenx", result::global_failure);
  pg::memory_input<> in("whenx", "test");
  try {
    (void)pg::parse<pg::must<g::t::kw_when>>(in);
    ADD_FAILURE() << "expected a parse error";
  } catch (const pg::parse_error& e) {
    EXPECT_EQ(e.positions().front().byte, 0u);
  }
}

TEST(Grammar, Paths) {
  expect_rule<g::t::path>("benefit.measurable", result::success);
  expect_rule<g::t::path>("a.b.c x", result::success, 2);
  expect_rule<g::t::path>("a .b", result::success, 3);
  expect_rule<g::t::path>("a. b", result::global_failure);
  expect_rule<g::t::path>("a.when", result::global_failure);
  expect_rule<g::t::path>("a.", result::global_failure);
  expect_rule<g::t::path>(".a", result::local_failure);
}

TEST(Grammar, Integers) {
  expect_rule<g::t::integer>("0", result::success);
  expect_rule<g::t::integer>("10_000", result::success);
  expect_rule<g::t::integer>("-5", result::success);
  expect_rule<g::t::integer>("100_000_000)", result::success, 1);
  expect_rule<g::t::integer>("1..5", result::success, 3);
  expect_rule<g::t::integer>("-", result::local_failure);
  expect_rule<g::t::integer>("-x", result::local_failure);
  expect_rule<g::t::integer>("_1", result::local_failure);
  expect_rule<g::t::integer>("10_", result::global_failure);
  expect_rule<g::t::integer>("1__0", result::global_failure);
  expect_rule<g::t::integer>("12abc", result::global_failure);
}

TEST(Grammar, Strings) {
  expect_rule<g::t::string>(R"("plain")", result::success);
  expect_rule<g::t::string>(R"("" rest)", result::success, 5);
  expect_rule<g::t::string>(R"("a \"quoted\" \\ \n \t word")", result::success);
  expect_rule<g::t::string>("\"caf\xC3\xA9 \xE2\x82\xAC\"", result::success);
  expect_rule<g::t::string>(R"(plain)", result::local_failure);
  expect_rule<g::t::string>(R"("unknown \q escape")", result::global_failure);
  expect_rule<g::t::string>(R"("unterminated)", result::global_failure);
  expect_rule<g::t::string>("\"two\nlines\"", result::global_failure);
  expect_rule<g::t::string>("\"two\r\nlines\"", result::global_failure);
  expect_rule<g::t::string>("\"ends in a backslash\\\n\"", result::global_failure);
}

TEST(Grammar, SkipTakesWhitespaceCommentsAndCrlf) {
  expect_rule<g::t::skip>("  # a comment\r\n\t# another\n  x", result::success, 1);
  expect_rule<g::t::skip>("# comment at end of input", result::success);
  expect_rule<g::t::skip>("x", result::success, 1);
}

TEST(Grammar, ExpressionsMatchWhole) {
  for (const char* text :
       {"a", "a and b or not c", "x == 1", "x != y", "x < 1", "x <= -1", "x > 1_000", "x >= y",
        "a + b * 2 - c > 3", "purpose in { a, b }", "health in data.categories", "not not a",
        "((a))", "from == health", "true and false", "2 * x == y"}) {
    expect_rule<pg::seq<g::expr, pg::eof>>(text, result::success);
  }
}

TEST(Grammar, ExpressionErrorsAreGlobal) {
  for (const char* text : {"a ==", "a and", "not", "(a", "a == b == c", "a < b in { c }", "a = b", "a in",
                           "a in { b c }", "a *", "a +", "a -", "()"}) {
    expect_rule<g::expr>(text, result::global_failure);
  }
  // Nothing that could start an expression: a local failure, so callers can say why.
  expect_rule<g::expr>("", result::local_failure);
  expect_rule<g::expr>("when", result::local_failure);
  expect_rule<g::expr>("- a", result::local_failure);
}

TEST(Grammar, ExpressionStopsBeforeWhatFollows) {
  expect_rule<g::expr>("a and b\n  because \"x\"", result::success, 11);
  expect_rule<g::expr>("a unless b", result::success, 8);
  expect_rule<g::expr>("a \"text\"", result::success, 6);
}

TEST(Grammar, Declarations) {
  expect_rule<g::declaration>(R"(import "x.proviso")", result::success);
  expect_rule<g::declaration>("sectors { health, housing }", result::success);
  expect_rule<g::declaration>("type t = enum { a, b }", result::success);
  expect_rule<g::declaration>("type s = int (1 .. 5)", result::success);
  expect_rule<g::declaration>("type b = bool", result::success);
  expect_rule<g::declaration>("type alias = other", result::success);
  expect_rule<g::declaration>("type i = int", result::success);
  expect_rule<g::declaration>(R"(framework f "T" { question q1 "Q?" group g question q2 "R" })", result::success);
  expect_rule<g::declaration>(R"(framework f "T" {})", result::success);
  expect_rule<g::declaration>(R"(obligation o "text")", result::success);
  expect_rule<g::declaration>(R"(fact a.b: set of cat "Q?" cite f.q1 cite "free")", result::success);
  expect_rule<g::declaration>("fact s: sector", result::success);
  expect_rule<g::declaration>(R"(condition c = a or b "text" cite "x")", result::success);
  expect_rule<g::declaration>("policy p {}", result::success);
  expect_rule<g::declaration>(
      R"(policy p { sector health default refer combine first rule r: share when a unless b require x, y because "w" cite "c" overrides s, t })",
      result::success);
  expect_rule<g::declaration>(R"(scenario "s" {})", result::success);
  expect_rule<g::declaration>(
      R"(scenario "s" { from health to housing a = 1 b = -2 c = true d = false e = x f = {} g = { x, y } expect undetermined missing a, b.c })",
      result::success);
  expect_rule<g::declaration>("rule r: share when a", result::local_failure);
  expect_rule<g::declaration>("sectorsx { a }", result::local_failure);
}

TEST(Grammar, DeclarationErrorsAreGlobal) {
  for (const char* text :
       {"import", "sectors {}", "sectors { a, }", "type t enum { a }", "type t = set of x", "type t = enum {}",
        "fact x bool", "fact x: int (1 5)", "condition c = ", "obligation o", "policy p { rule r: share }",
        "policy p { rule r: share when a unless b unless }", "policy p { rule r: share when a sector x }",
        R"(scenario "s" { expect deny a = 1 })", R"(scenario "s" { a = })", "framework f {}"}) {
    expect_rule<g::declaration>(text, result::global_failure);
  }
}

TEST(Grammar, File) {
  expect_rule<g::file>("", result::success);
  expect_rule<g::file>("\xEF\xBB\xBF# only a comment\r\n", result::success);
  expect_rule<g::file>("fact a: bool\nfact b: int", result::success);
  expect_rule<g::file>("fact a: bool\nrule", result::global_failure);
}

}  // namespace
