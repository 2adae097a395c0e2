#pragma once
// Small pieces every part of the service uses: the time as the register writes it,
// decision ids, query strings and JSON strings.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace proviso::service::internal {

// UTC now, ISO 8601 with milliseconds: 2025-01-31T12:00:00.123Z.
std::string now_utc();
// Seconds since the epoch, for metrics.
double now_seconds();
// A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort
// roughly by time and two replicas never make the same one.
std::string make_decision_id();
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
