#pragma once
// Calendar dates for effective periods and evaluation dates (language.md, "Effective
// dates"): a day number with no time of day and no time zone, so two dates compare as
// integers. Days count from 1970-01-01 in the proleptic Gregorian calendar.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace proviso {

// A day, or kNoDate for "not given".
using Day = std::int32_t;
inline constexpr Day kNoDate = std::numeric_limits<Day>::min();

// The day of a civil date, for years 1..9999; the caller checks the parts.
Day day_from_civil(int year, unsigned month, unsigned day);

// Exactly YYYY-MM-DD naming a real day of years 0001..9999 (no 2025-02-30, no
// surrounding spaces, no time); nullopt otherwise.
std::optional<Day> parse_date(std::string_view text);
// YYYY-MM-DD; "none" for kNoDate.
std::string format_date(Day day);

// Today in UTC, read from the system clock at the call.
Day today_utc();

// When a policy or rule is in force: from and until are inclusive, either may be open.
struct Effective {
  Day from = kNoDate;
  Day until = kNoDate;

  bool dated() const { return from != kNoDate || until != kNoDate; }
  bool in_force(Day day) const { return (from == kNoDate || day >= from) && (until == kNoDate || day <= until); }
  // "from 2024-04-01 until 2027-03-31", "from 2025-01-01", "until 2027-03-31"; empty if undated.
  std::string describe() const;
};

}  // namespace proviso
