// base's limits (proviso/base/options.hpp), each exceeded: the excerpt kept for a
// diagnostic on a long line, and the longest name that gets a "did you mean".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "proviso/base/source.hpp"
#include "proviso/base/suggest.hpp"

namespace proviso {
namespace {

TEST(BaseLimits, ExcerptOfALongLineIsCut) {
  const std::size_t limit = SourceOptions{}.max_excerpt_bytes;
  const std::string line(limit + 100, 'x');
  SourceFile f("long.proviso", "first\n" + line + "\nlast\n");
  Location at = f.locate(6 + 10, 6 + 12);
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.column, 11u);
  EXPECT_EQ(at.line_text, line.substr(0, limit));
  // A line at the limit is kept whole.
  SourceFile exact("exact.proviso", std::string(limit, 'y') + "\n");
  EXPECT_EQ(exact.locate(0, 1).line_text.size(), limit);
}

TEST(BaseLimits, ExcerptLimitIsAnOption) {
  SourceFile f("f.proviso", "abcdefghij\n");
  SourceOptions o;
  o.max_excerpt_bytes = 4;
  EXPECT_EQ(f.locate(1, 2, o).line_text, "abcd");
  o.max_excerpt_bytes = 100;
  EXPECT_EQ(f.locate(1, 2, o).line_text, "abcdefghij");
}

TEST(BaseLimits, NamesLongerThanTheLimitGetNoSuggestion) {
  const std::size_t limit = SuggestOptions{}.max_name_bytes;
  const std::string at_limit(limit, 'a');
  const std::string over(limit + 1, 'a');
  // One character off a candidate of the same length: a plausible typo either way.
  const std::string near_at = at_limit.substr(1) + "b";
  const std::string near_over = over.substr(1) + "b";
  EXPECT_EQ(closest_name(near_at, {at_limit}), at_limit);
  EXPECT_EQ(closest_name(near_over, {over}), "");
  EXPECT_EQ(did_you_mean(near_over, {over}), "");
  // A short name is never matched to a candidate over the limit either.
  EXPECT_EQ(closest_name("aa", {over, "ab"}), "ab");
}

TEST(BaseLimits, SuggestionLengthIsAnOption) {
  SuggestOptions o;
  o.max_name_bytes = 5;
  EXPECT_EQ(closest_name("consnt", {"consent"}), "consent");
  EXPECT_EQ(closest_name("consnt", {"consent"}, o), "");
  EXPECT_EQ(did_you_mean("purpse", {"purpose"}, o), "");
  EXPECT_EQ(did_you_mean("purp", {"purq"}, o), "did you mean 'purq'?");
}

}  // namespace
}  // namespace proviso
