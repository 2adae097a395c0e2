// The one strict UTF-8 decoder: what it accepts and, above all, what it refuses.
#include "proviso/base/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace proviso {
namespace {

std::size_t length_at_start(const std::string& s, std::uint32_t& cp) { return utf8_sequence_at(s, 0, cp); }

TEST(Utf8, DecodesEachLength) {
  std::uint32_t cp = 0;
  EXPECT_EQ(length_at_start("a", cp), 1u);
  EXPECT_EQ(cp, 0x61u);
  EXPECT_EQ(length_at_start("\xC3\xA9", cp), 2u);  // é
  EXPECT_EQ(cp, 0xE9u);
  EXPECT_EQ(length_at_start("\xE2\x80\xAE", cp), 3u);  // U+202E, right-to-left override
  EXPECT_EQ(cp, 0x202Eu);
  EXPECT_EQ(length_at_start("\xF0\x9F\x98\x80", cp), 4u);  // U+1F600
  EXPECT_EQ(cp, 0x1F600u);
  EXPECT_EQ(length_at_start("\xF4\x8F\xBF\xBF", cp), 4u);  // U+10FFFF, the last code point
}

TEST(Utf8, RefusesOverlongSurrogatesAndBeyondUnicode) {
  std::uint32_t cp = 0;
  EXPECT_EQ(length_at_start("\xC0\xAF", cp), 0u);          // overlong '/'
  EXPECT_EQ(length_at_start("\xE0\x80\xAF", cp), 0u);      // overlong, three bytes
  EXPECT_EQ(length_at_start("\xF0\x80\x80\xAF", cp), 0u);  // overlong, four bytes
  EXPECT_EQ(length_at_start("\xED\xA0\x80", cp), 0u);      // U+D800, a surrogate
  EXPECT_EQ(length_at_start("\xF4\x90\x80\x80", cp), 0u);  // U+110000
  EXPECT_EQ(length_at_start("\xF5\x80\x80\x80", cp), 0u);  // no such lead byte
  EXPECT_EQ(length_at_start("\x80", cp), 0u);              // a continuation byte alone
  EXPECT_EQ(length_at_start("\xE2\x80", cp), 0u);          // cut short
  EXPECT_EQ(length_at_start("\xE2\x28\xA1", cp), 0u);      // a bad continuation
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(invalid_utf8_at("plain text"), std::string_view::npos);
  EXPECT_EQ(invalid_utf8_at("caf\xC3\xA9 ok"), std::string_view::npos);
  EXPECT_EQ(invalid_utf8_at("caf\xC3\xA9 \xC0\xAF"), 6u);
  EXPECT_EQ(invalid_utf8_at(std::string_view("ab\xE2\x80", 4)), 2u);
}

}  // namespace
}  // namespace proviso
