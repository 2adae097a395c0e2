#pragma once
// Small pieces every part of the service uses: the time as the register writes it,
// decision ids, query strings and JSON strings.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace proviso::service::internal {

// UTC now, ISO 8601 with milliseconds: 2025-01-31T12:00:00.123Z.
std::string now_utc();
// Seconds since the epoch, for metrics.
double now_seconds();
// A decision's id and time, from one reading of the clock. The id is a UUIDv7 (RFC
// 9562): 48 bits of Unix milliseconds, then random bits, so ids sort roughly by time
// and two replicas never make the same one. The time is those milliseconds as now_utc
// writes them, so the id alone gives the time (decision_time_of).
struct DecisionStamp {
  std::string id;
  std::string time;
};
DecisionStamp stamp_decision();
// The time of a decision id that stamp_decision made (lower-case UUIDv7), as the
// record holds it; nullopt for any other text.
std::optional<std::string> decision_time_of(std::string_view id);
// "a=1&b=x%20y" -> {a: 1, b: "x y"}; false on a bad %-escape.
bool parse_query(std::string_view query, std::map<std::string, std::string>& out);
// `s` as a JSON string, quotes included.
std::string json_string(std::string_view s);
// Constant-time comparison, for tokens.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace proviso::service::internal

namespace proviso::service::internal {
// Valid JSON text as one line: whitespace between tokens dropped, control characters
// inside strings escaped, so a request body can be stored and exported as JSON Lines.
std::string compact_json(std::string_view json);
}  // namespace proviso::service::internal
