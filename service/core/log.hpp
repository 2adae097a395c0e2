#pragma once
// Structured logs: one JSON object per line on standard error, written whole so that
// lines from different threads never interleave.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace proviso::service::internal {

// A field's value, already JSON: use json_string() for text, std::to_string for numbers.
using LogField = std::pair<std::string_view, std::string>;

// {"time": ..., "level": LEVEL, "event": EVENT, FIELDS...}
void log_event(std::string_view level, std::string_view event, std::initializer_list<LogField> fields = {});

}  // namespace proviso::service::internal
