// append_json_string finds plain runs eight bytes at a time: every kind of byte that
// needs escaping is caught at every position of a block, and the rest is copied whole.
#include <gtest/gtest.h>

#include <string>

#include "proviso/base/diagnostic_render.hpp"

namespace proviso {
namespace {

std::string escaped(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// The one-byte-at-a-time reference.
std::string reference(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

TEST(JsonString, EverySpecialByteAtEveryPosition) {
  const std::string specials = std::string("\"\\\n\r\t\b\f\x01\x1f", 9);
  for (std::size_t length : {1u, 7u, 8u, 9u, 16u, 17u, 31u}) {
    for (std::size_t at = 0; at < length; ++at) {
      for (char c : specials) {
        std::string s(length, 'a');
        s[at] = c;
        EXPECT_EQ(escaped(s), reference(s)) << "length " << length << " at " << at << " byte " << int(c);
      }
    }
  }
  EXPECT_EQ(escaped(""), "\"\"");
  EXPECT_EQ(escaped("f11 < 54 and (f14 > 373) ~ {x, y}"), "\"f11 < 54 and (f14 > 373) ~ {x, y}\"");
}

TEST(JsonString, Utf8IsKeptAndBadBytesReplaced) {
  EXPECT_EQ(escaped("consent d\xc3\xa9j\xc3\xa0 given, long enough"), "\"consent d\xc3\xa9j\xc3\xa0 given, long enough\"");
  EXPECT_EQ(escaped("abcdefgh\xff" "ijklmnop"), "\"abcdefgh\\ufffdijklmnop\"");
  EXPECT_EQ(escaped("abcdefg\xc3"), "\"abcdefg\\ufffd\"");
}

}  // namespace
}  // namespace proviso
