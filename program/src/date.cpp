// Day numbers from civil dates and back (the algorithms of H. Hinnant's "chrono-
// compatible low-level date algorithms"), and the strict YYYY-MM-DD form.
#include "proviso/program/date.hpp"

#include <chrono>
#include <cstdio>

namespace proviso {
namespace {

struct Civil {
  int year;
  unsigned month, day;
};

Civil civil_from_day(Day z0) {
  std::int64_t z = static_cast<std::int64_t>(z0) + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{static_cast<int>(y + (m <= 2)), m, d};
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

Day day_from_civil(int year, unsigned month, unsigned day) {
  const int y = year - (month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era * 146097 + static_cast<int>(doe) - 719468);
}

std::optional<Day> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m))) return std::nullopt;
  return day_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string format_date(Day day) {
  if (day == kNoDate) return "none";
  const Civil c = civil_from_day(day);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", c.year, c.month, c.day);
  return out;
}

Day today_utc() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<Day>(now.time_since_epoch().count());
}

std::string Effective::describe() const {
  std::string out;
  if (from != kNoDate) out = "from " + format_date(from);
  if (until != kNoDate) out += (out.empty() ? "until " : " until ") + format_date(until);
  return out;
}

}  // namespace proviso
