// Scenario values checked against their fact's type: an unknown enum value, a wrong
// type or an int out of bounds is an error naming the fact, never a silent default.
#include <fmt/format.h>

#include <limits>

#include "scenario/scenario_reader.hpp"

namespace proviso {

namespace runtime::internal {

std::string expected_text(const Program& p, std::uint32_t type) {
  const Type& t = p.types[type];
  auto join = [](const std::vector<std::string>& values) { return fmt::format("{}", fmt::join(values, ", ")); };
  switch (t.kind) {
    case TypeKind::boolean:
      return "true or false";
    case TypeKind::integer: {
      constexpr auto lo = std::numeric_limits<std::int64_t>::min();
      constexpr auto hi = std::numeric_limits<std::int64_t>::max();
      if (t.lo == lo && t.hi == hi) return "an int";
      if (t.hi == hi) return fmt::format("an int >= {}", t.lo);
      if (t.lo == lo) return fmt::format("an int <= {}", t.hi);
      return fmt::format("an int in {} .. {}", t.lo, t.hi);
    }
    case TypeKind::enumeration:
      return "one of " + join(t.values);
    case TypeKind::set:
      return "a list of values from " + join(p.types[t.element].values);
  }
  return "a value";
}

std::string shown_token(std::string_view raw) {
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  if (raw.empty()) return "nothing";
  if (raw.front() == '{') return "an object";
  if (raw.front() == '[') return "a list";
  constexpr std::size_t kShown = 60;
  if (raw.size() > kShown) return std::string(raw.substr(0, kShown)) + "...";
  return std::string(raw);
}

}  // namespace runtime::internal

namespace {

std::string_view trimmed(std::string_view raw) {
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  return raw;
}

// An integer token that simdjson refused as int64: all digits, so too big rather than
// not an integer at all.
bool is_integer_token(std::string_view raw) {
  if (!raw.empty() && raw.front() == '-') raw.remove_prefix(1);
  if (raw.empty()) return false;
  for (char c : raw) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool ScenarioReader::Impl::check_string_length(std::string_view s, std::size_t offset) {
  if (s.size() <= limits_.max_string) return true;
  return fail(Code::limit, offset, 1,
              fmt::format("a string of {} bytes is longer than the limit of {} bytes", s.size(), limits_.max_string));
}

bool ScenarioReader::Impl::wrong_value(std::uint32_t fact, sj::value& value, sj::json_type) {
  const std::string_view raw = trimmed(value.raw_json_token());
  const Fact& f = program_.facts[fact];
  return fail(Code::bad_scenario, offset_of(raw.data()), raw.size(),
              fmt::format("fact '{}' expects {}; got {}", f.name, runtime::internal::expected_text(program_, f.type),
                          runtime::internal::shown_token(raw)));
}

bool ScenarioReader::Impl::read_sector(std::uint32_t fact, sj::value& value) {
  const std::string_view raw = trimmed(value.raw_json_token());
  const std::size_t offset = offset_of(raw.data());
  const Type& sectors = program_.types[program_.sector_type];
  const std::string_view name = program_.facts[fact].name;
  std::string_view text;
  if (value.get_string().get(text)) {
    return fail(Code::bad_scenario, offset, raw.size(),
                fmt::format("'{}' expects a sector, one of {}; got {}", name, fmt::join(sectors.values, ", "),
                            runtime::internal::shown_token(raw)));
  }
  if (!check_string_length(text, offset)) return false;
  const std::uint32_t index = sectors.value_index(text);
  if (index == kNone) {
    std::string message = fmt::format("unknown sector '{}' for '{}'; expected one of {}", text, name,
                                      fmt::join(sectors.values, ", "));
    std::vector<std::string_view> names(sectors.values.begin(), sectors.values.end());
    if (auto near = runtime::internal::closest_name(text, names); !near.empty()) {
      message += fmt::format("; did you mean '{}'?", near);
    }
    return fail(Code::bad_scenario, offset, raw.size(), std::move(message));
  }
  out_->set(fact, index);
  return true;
}

bool ScenarioReader::Impl::read_value(std::uint32_t fact, sj::value& value, sj::json_type type, std::size_t depth) {
  const Type& t = program_.types[program_.facts[fact].type];
  switch (t.kind) {
    case TypeKind::boolean: {
      bool b = false;
      if (type != sj::json_type::boolean || value.get_bool().get(b)) return wrong_value(fact, value, type);
      out_->set(fact, b ? 1 : 0);
      return true;
    }
    case TypeKind::integer: {
      if (type != sj::json_type::number) return wrong_value(fact, value, type);
      const std::string_view raw = trimmed(value.raw_json_token());
      std::int64_t n = 0;
      if (value.get_int64().get(n)) {
        if (!is_integer_token(raw)) return wrong_value(fact, value, type);
        return fail(Code::bad_scenario, offset_of(raw.data()), raw.size(),
                    fmt::format("fact '{}' expects {}; got {}, which does not fit in 64 bits",
                                program_.facts[fact].name, runtime::internal::expected_text(program_, program_.facts[fact].type),
                                runtime::internal::shown_token(raw)));
      }
      if (n < t.lo || n > t.hi) return wrong_value(fact, value, type);
      out_->set(fact, n);
      return true;
    }
    case TypeKind::enumeration: {
      const std::string_view raw = trimmed(value.raw_json_token());
      std::string_view text;
      if (type != sj::json_type::string || value.get_string().get(text)) return wrong_value(fact, value, type);
      if (!check_string_length(text, offset_of(raw.data()))) return false;
      const std::uint32_t index = t.value_index(text);
      if (index == kNone) {
        return fail(Code::bad_scenario, offset_of(raw.data()), raw.size(),
                    fmt::format("fact '{}' expects {}; got {}", program_.facts[fact].name,
                                runtime::internal::expected_text(program_, program_.facts[fact].type), runtime::internal::shown_token(raw)));
      }
      out_->set(fact, index);
      return true;
    }
    case TypeKind::set:
      if (type != sj::json_type::array) return wrong_value(fact, value, type);
      return read_set(fact, value, depth);
  }
  return wrong_value(fact, value, type);
}

bool ScenarioReader::Impl::read_set(std::uint32_t fact, sj::value& value, std::size_t depth) {
  const Fact& f = program_.facts[fact];
  const Type& element = program_.types[program_.types[f.type].element];
  const std::string_view list_raw = value.raw_json_token();
  if (depth + 1 > limits_.max_depth) {
    return fail(Code::limit, offset_of(list_raw.data()), 1,
                fmt::format("the scenario nests deeper than the limit of {} levels", limits_.max_depth));
  }
  sj::array array;
  if (auto e = value.get_array().get(array)) return json_error(e, offset_of(list_raw.data()));
  std::uint64_t members = 0;
  for (auto item : array) {
    sj::value v;
    if (auto e = std::move(item).get(v)) return json_error(e, current_offset());
    const std::string_view raw = trimmed(v.raw_json_token());
    const std::size_t offset = offset_of(raw.data());
    std::string_view text;
    sj::json_type type{};
    if (auto e = v.type().get(type)) return json_error(e, offset);
    if (type != sj::json_type::string || v.get_string().get(text)) {
      return fail(Code::bad_scenario, offset, raw.size(),
                  fmt::format("fact '{}' expects {}; got {} in the list", f.name, runtime::internal::expected_text(program_, f.type),
                              runtime::internal::shown_token(raw)));
    }
    if (!check_string_length(text, offset)) return false;
    const std::uint32_t index = element.value_index(text);
    if (index == kNone || index >= 64) {
      return fail(Code::bad_scenario, offset, raw.size(),
                  fmt::format("fact '{}' expects {}; got {} in the list", f.name, runtime::internal::expected_text(program_, f.type),
                              runtime::internal::shown_token(raw)));
    }
    const std::uint64_t bit = std::uint64_t{1} << index;
    if (members & bit) {
      return fail(Code::bad_scenario, offset, raw.size(), fmt::format("fact '{}' lists '{}' twice", f.name, text));
    }
    members |= bit;
  }
  out_->set(fact, static_cast<std::int64_t>(members));
  return true;
}

}  // namespace proviso
