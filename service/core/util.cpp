#include "core/util.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>

#include "proviso/base/diagnostic_render.hpp"

namespace proviso::service::internal {

namespace {
// `ms` (Unix milliseconds) as ISO 8601 UTC. Every decision is stamped, many in each
// second: the date and time up to the second are formatted once a second per thread,
// the milliseconds each time.
std::string format_utc(std::int64_t ms_since_epoch) {
  const std::time_t t = static_cast<std::time_t>(ms_since_epoch / 1000);
  const auto ms = static_cast<int>(ms_since_epoch % 1000);
  thread_local std::time_t second = -1;
  thread_local char text[] = "0000-00-00T00:00:00.000Z";
  if (t != second) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    // A year outside 1000-9999 is not 4 digits: formatted, not kept.
    if (std::strlen(buf) != 20) return std::string(buf) + std::to_string(1000 + ms).substr(1) + "Z";
    std::memcpy(text, buf, 20);
    second = t;
  }
  text[20] = static_cast<char>('0' + ms / 100);
  text[21] = static_cast<char>('0' + ms / 10 % 10);
  text[22] = static_cast<char>('0' + ms % 10);
  return std::string(text, 24);
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr std::size_t kIdLength = 36;
constexpr bool is_dash_at(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }
}  // namespace

std::string now_utc() { return format_utc(now_ms()); }

double now_seconds() {
  using namespace std::chrono;
  return duration_cast<duration<double>>(system_clock::now().time_since_epoch()).count();
}

DecisionStamp stamp_decision() {
  // One generator per thread, seeded from the system's entropy.
  thread_local std::mt19937_64 random{[] {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }()};
  const std::int64_t now = now_ms();
  const auto ms = static_cast<std::uint64_t>(now);
  const std::uint64_t a = random();
  const std::uint64_t b = random();
  std::array<std::uint8_t, 16> bytes{};
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  for (int i = 6; i < 16; ++i) bytes[i] = static_cast<std::uint8_t>((i < 11 ? a : b) >> (8 * (i % 8)));
  bytes[6] = static_cast<std::uint8_t>(0x70 | (bytes[6] & 0x0f));  // version 7
  bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3f));  // variant 10
  static constexpr char hex[] = "0123456789abcdef";
  DecisionStamp out;
  out.id.reserve(kIdLength);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.id += '-';
    out.id += hex[bytes[i] >> 4];
    out.id += hex[bytes[i] & 15];
  }
  out.time = format_utc(now);
  return out;
}

std::optional<std::string> decision_time_of(std::string_view id) {
  if (id.size() != kIdLength || id[14] != '7') return std::nullopt;
  std::uint64_t ms = 0;
  for (std::size_t i = 0; i < kIdLength; ++i) {
    const char c = id[i];
    if (is_dash_at(i)) {
      if (c != '-') return std::nullopt;
      continue;
    }
    const int digit = hex_value(c);
    if (digit < 0 || (c >= 'A' && c <= 'F')) return std::nullopt;  // the service writes lower case only
    if (i < 13) ms = ms << 4 | static_cast<std::uint64_t>(digit);  // the first 48 bits
  }
  return format_utc(static_cast<std::int64_t>(ms));
}

namespace {
bool unescape(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += in[i];
    }
  }
  return true;
}
}  // namespace

bool parse_query(std::string_view query, std::map<std::string, std::string>& out) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    std::string key, value;
    if (!unescape(part.substr(0, eq), key)) return false;
    if (eq != std::string_view::npos && !unescape(part.substr(eq + 1), value)) return false;
    out[key] = value;
  }
  return true;
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace proviso::service::internal

namespace proviso::service::internal {

std::string compact_json(std::string_view json) {
  // Whitespace and control characters are all at or below the space: text with none of
  // them (what clients usually send) is compact already.
  if (std::none_of(json.begin(), json.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; })) {
    return std::string(json);
  }
  std::string out;
  out.reserve(json.size());
  bool in_string = false, escaped = false;
  for (char ch : json) {
    const auto c = static_cast<unsigned char>(ch);
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      } else if (c < 0x20) {
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
        continue;
      }
      out += ch;
    } else if (c == '"') {
      in_string = true;
      out += ch;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      out += ch;
    }
  }
  return out;
}

}  // namespace proviso::service::internal
