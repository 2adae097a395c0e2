// Scenario JSON: the document walk with strict validation, error placement, and the
// writer. Values are checked against their fact's type in scenario_values.cpp.
#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/base/source.hpp"
#include "scenario/scenario_reader.hpp"
#include "scenario/scenario_walks.hpp"

namespace proviso {

ScenarioReader::ScenarioReader(const Program& program, ScenarioLimits limits)
    : impl_(new Impl(program, limits)) {}

ScenarioReader::~ScenarioReader() { delete impl_; }

bool ScenarioReader::read(std::string_view json, Scenario& out, Diagnostic& error, std::string_view source_name,
                          std::uint32_t line) {
  return impl_->read(json, out, error, source_name, line);
}

ScenarioReader::Impl::Impl(const Program& p, ScenarioLimits l) : program_(p), limits_(l), paths_(p) {
  seen_.assign(paths_.size(), 0);
}

bool ScenarioReader::Impl::read(std::string_view json, Scenario& out, Diagnostic& error,
                                std::string_view source_name, std::uint32_t line) {
  if (!prepare(json, out, error, source_name, line)) return false;
  if (fast_read(json.size())) return true;
  return diagnose(json.size());
}

bool ScenarioReader::Impl::prepare(std::string_view json, Scenario& out, Diagnostic& error,
                                   std::string_view source_name, std::uint32_t line) {
  input_ = json;
  out_ = &out;
  error_ = &error;
  source_name_ = source_name;
  line_ = line;
  base_ = json.data();
  out.reset(program_.facts.size());
  if (json.size() > limits_.max_bytes) {
    return fail(Code::limit, 0, 1,
                fmt::format("the scenario is {} bytes; the limit is {} bytes", json.size(), limits_.max_bytes));
  }

  // simdjson reads a little past the end, so the text goes into a padded buffer that
  // is kept between documents.
  const std::size_t needed = json.size() + simdjson::SIMDJSON_PADDING;
  if (capacity_ < needed) {
    capacity_ = std::max(needed, capacity_ * 2);
    buffer_.reset(new char[capacity_]);
  }
  std::memcpy(buffer_.get(), json.data(), json.size());
  std::memset(buffer_.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
  base_ = buffer_.get();

  path_.clear();
  return true;
}

bool ScenarioReader::Impl::walk(std::size_t length) {
  next_generation();
  path_.clear();
  out_->reset(program_.facts.size());
  sj::document doc;
  if (auto e = parser_.iterate(buffer_.get(), length, capacity_).get(doc)) return json_error(e, 0);
  doc_ = &doc;
  const bool ok = read_root(doc);
  doc_ = nullptr;
  return ok;
}

bool ScenarioReader::Impl::diagnose(std::size_t length) {
  if (walk(length)) {
    // The fast walk refused what this one accepts: simdjson's full validation found a
    // fault that the lazy walk does not reach.
    return fail_unparsed(0, dom_error_ != simdjson::SUCCESS
                                ? fmt::format("invalid JSON: {}", simdjson::error_message(dom_error_))
                                : std::string("invalid JSON"));
  }
  return false;
}

bool ScenarioReader::Impl::read_root(sj::document& doc) {
  sj::json_type type{};
  if (auto e = doc.type().get(type)) return json_error(e, current_offset());
  if (type != sj::json_type::object) {
    return fail(Code::bad_scenario, current_offset(), 1,
                R"(a scenario is a JSON object {"from": ..., "to": ..., "facts": {...}})");
  }
  sj::object root;
  if (auto e = doc.get_object().get(root)) return json_error(e, current_offset());
  if (limits_.max_depth < 1) return fail(Code::limit, 0, 1, "the scenario nests deeper than the limit of 0 levels");

  bool have_facts = false;
  for (auto item : root) {
    sj::field field;
    if (auto e = std::move(item).get(field)) return json_error(e, current_offset());
    const std::size_t key_offset = offset_of(field.key().raw()) - 1;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return json_error(e, key_offset);
    if (!check_string_length(key, key_offset)) return false;
    sj::value& value = field.value();

    if (key == "from" || key == "to") {
      const std::uint32_t fact = key == "from" ? kFactFrom : kFactTo;
      if (!mark_seen(paths_.find(program_.facts[fact].name), key, key_offset)) return false;
      if (!read_sector(fact, value)) return false;
    } else if (key == "on") {
      if (!read_date(value, key_offset)) return false;
    } else if (key == "id") {
      if (!read_id(value, key_offset)) return false;
    } else if (key == "facts") {
      if (have_facts) return fail(Code::bad_scenario, key_offset, key.size() + 2, "'facts' is given twice");
      have_facts = true;
      sj::json_type t{};
      if (auto e = value.type().get(t)) return json_error(e, current_offset());
      if (t != sj::json_type::object) {
        const std::string_view raw = value.raw_json_token();
        return fail(Code::bad_scenario, offset_of(raw.data()), 1,
                    "'facts' expects an object of fact values; got " + runtime::internal::shown_token(raw));
      }
      if (limits_.max_depth < 2) {
        return fail(Code::limit, key_offset, key.size() + 2,
                    fmt::format("the scenario nests deeper than the limit of {} levels", limits_.max_depth));
      }
      sj::object facts;
      if (auto e = value.get_object().get(facts)) return json_error(e, current_offset());
      if (!read_facts(facts, 0, 2)) return false;
    } else {
      std::string message = fmt::format("unknown key '{}' in a scenario; expected 'from', 'to', 'on', 'id' and 'facts'", key);
      if (auto near = runtime::internal::closest_name(key, {"from", "to", "on", "id", "facts"}); !near.empty()) {
        message += fmt::format("; did you mean '{}'?", near);
      }
      return fail(Code::bad_scenario, key_offset, key.size() + 2, std::move(message));
    }
  }

  // Anything after the closing brace: a second object, stray text.
  const char* rest = nullptr;
  if (!doc.current_location().get(rest) && rest != nullptr) {
    return fail(Code::bad_scenario, offset_of(rest), 1, "unexpected content after the scenario object");
  }
  if (!limits_.require_flow) return true;
  if (!out_->known[kFactFrom]) {
    return fail(Code::bad_scenario, 0, 1, "the scenario is missing 'from', the sector that discloses the data");
  }
  if (!out_->known[kFactTo]) {
    return fail(Code::bad_scenario, 0, 1, "the scenario is missing 'to', the sector that receives the data");
  }
  return true;
}

bool ScenarioReader::Impl::read_facts(sj::object& object, std::size_t prefix_length, std::size_t depth) {
  for (auto item : object) {
    sj::field field;
    if (auto e = std::move(item).get(field)) return json_error(e, current_offset());
    const std::size_t key_offset = offset_of(field.key().raw()) - 1;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return json_error(e, key_offset);
    if (!check_string_length(key, key_offset)) return false;
    const std::size_t key_length = key.size() + 2;

    // The path of this key: the key itself at the top, else "prefix.key".
    std::string_view path = key;
    if (prefix_length > 0) {
      path_.resize(prefix_length);
      path_ += '.';
      path_ += key;
      path = path_;
    }
    const std::uint32_t entry = paths_.find(path);
    sj::value& value = field.value();
    sj::json_type type{};
    if (auto e = value.type().get(type)) return json_error(e, current_offset());

    if (type == sj::json_type::object && (entry == kNone || paths_.entry(entry).prefix)) {
      if (entry == kNone) return unknown_fact(path, key_offset, key_length);
      if (!mark_seen(entry, path, key_offset)) return false;
      if (depth + 1 > limits_.max_depth) {
        return fail(Code::limit, key_offset, key_length,
                    fmt::format("the scenario nests deeper than the limit of {} levels", limits_.max_depth));
      }
      if (prefix_length == 0) path_.assign(key);
      const std::size_t length = path_.size();
      sj::object child;
      if (auto e = value.get_object().get(child)) return json_error(e, current_offset());
      if (!read_facts(child, length, depth + 1)) return false;
      continue;
    }
    if (entry == kNone || paths_.entry(entry).fact == kNone) return unknown_fact(path, key_offset, key_length);
    const std::uint32_t fact = paths_.entry(entry).fact;
    if (!mark_seen(entry, path, key_offset)) return false;
    if (fact == kFactFrom || fact == kFactTo) {
      if (!read_sector(fact, value)) return false;
    } else if (!read_value(fact, value, type, depth)) {
      return false;
    }
  }
  return true;
}

bool ScenarioReader::Impl::mark_seen(std::uint32_t entry, std::string_view name, std::size_t offset) {
  if (entry == kNone) return true;
  if (seen_[entry] == generation_) {
    const auto& e = paths_.entry(entry);
    return fail(Code::bad_scenario, offset, name.size() + 2,
                e.fact != kNone ? fmt::format("fact '{}' is given twice", e.path)
                                : fmt::format("'{}' is given twice", e.path));
  }
  seen_[entry] = generation_;
  return true;
}

bool ScenarioReader::Impl::unknown_fact(std::string_view path, std::size_t offset, std::size_t length) {
  std::vector<std::string_view> names;
  names.reserve(program_.facts.size());
  for (const Fact& f : program_.facts) names.push_back(f.name);
  std::string message = fmt::format("unknown fact '{}'", path);
  if (auto near = runtime::internal::closest_name(path, names); !near.empty()) {
    message += fmt::format("; did you mean '{}'?", near);
  }
  return fail(Code::bad_scenario, offset, length, std::move(message));
}

std::size_t ScenarioReader::Impl::current_offset() {
  const char* p = nullptr;
  if (doc_ == nullptr || doc_->current_location().get(p) || p == nullptr) return input_.size();
  return offset_of(p);
}

bool ScenarioReader::Impl::fail(Code code, std::size_t offset, std::size_t length, std::string message) {
  // Place the error on the scenario's own text: a whole file, or one line of a batch
  // whose number the caller knows.
  offset = std::min(offset, input_.size());
  SourceFile text{std::string(source_name_), std::string(input_)};
  const auto begin = static_cast<std::uint32_t>(offset);
  Location location = text.locate(begin, static_cast<std::uint32_t>(offset + std::max<std::size_t>(length, 1)));
  if (line_ > 0) location.line = line_ + location.line - 1;
  *error_ = make_diagnostic(code, std::move(message), std::move(location));
  return false;
}

bool ScenarioReader::Impl::fail_unparsed(std::size_t offset, std::string message) {
  fail(Code::bad_scenario, offset, 1, std::move(message));
  // Text that is not JSON may be any file named by mistake (`.env`, a key): the excerpt
  // keeps the line only up to the offending character (whole, if it is UTF-8), never
  // what follows it.
  Location& at = error_->location;
  std::string& line = at.line_text;
  std::size_t end = at.column > 0 ? at.column - 1 : 0;
  if (end < line.size()) {
    ++end;
    while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) ++end;
    line.resize(end);
    at.length = static_cast<std::uint32_t>(end - (at.column - 1));
  }
  return false;
}

bool ScenarioReader::Impl::json_error(simdjson::error_code code, std::size_t offset) {
  switch (code) {
    case simdjson::UTF8_ERROR:
      return fail(Code::bad_scenario, offset, 1, "the scenario is not valid UTF-8");
    case simdjson::EMPTY:
      return fail(Code::bad_scenario, 0, 1, "the scenario is empty; expected a JSON object");
    case simdjson::DEPTH_ERROR:
      return fail(Code::limit, offset, 1,
                  fmt::format("the scenario nests deeper than the limit of {} levels", limits_.max_depth));
    case simdjson::CAPACITY:
    case simdjson::MEMALLOC:
      return fail(Code::limit, 0, 1, "the scenario is too large to parse");
    case simdjson::STRING_ERROR:
    case simdjson::UNESCAPED_CHARS:
      return fail_unparsed(offset, "invalid JSON string (a bad escape or a raw control character)");
    default:
      return fail_unparsed(offset, fmt::format("invalid JSON: {}", simdjson::error_message(code)));
  }
}

// "on": "YYYY-MM-DD", the evaluation date.
bool ScenarioReader::Impl::read_date(sj::value& value, std::size_t key_offset) {
  if (out_->on != kNoDate) return fail(Code::bad_scenario, key_offset, 4, "'on' is given twice");
  std::string_view text;
  const std::string_view raw = value.raw_json_token();
  if (value.get_string().get(text)) {
    return fail(Code::bad_scenario, offset_of(raw.data()), 1,
                "'on' expects a date as a string \"YYYY-MM-DD\"; got " + runtime::internal::shown_token(raw));
  }
  const std::optional<Day> day = parse_date(text);
  if (!day) {
    return fail(Code::bad_scenario, offset_of(raw.data()), raw.size(),
                "'on' expects a real day as \"YYYY-MM-DD\"; got " + runtime::internal::shown_token(raw));
  }
  out_->on = *day;
  return true;
}

// "id": any JSON string, the caller's name for the case; echoed, never interpreted.
bool ScenarioReader::Impl::read_id(sj::value& value, std::size_t key_offset) {
  if (out_->has_id) return fail(Code::bad_scenario, key_offset, 4, "'id' is given twice");
  std::string_view text;
  const std::string_view raw = value.raw_json_token();
  if (value.get_string().get(text)) {
    return fail(Code::bad_scenario, offset_of(raw.data()), 1,
                "'id' expects a string; got " + runtime::internal::shown_token(raw));
  }
  if (!check_string_length(text, offset_of(raw.data()))) return false;
  out_->id.assign(text);
  out_->has_id = true;
  return true;
}

std::string scenario_to_json(const Program& program, const Scenario& s) {
  auto append_value = [&](std::string& out, std::uint32_t type, std::int64_t v) {
    const Type& t = program.types[type];
    switch (t.kind) {
      case TypeKind::boolean: out += v != 0 ? "true" : "false"; break;
      case TypeKind::integer: out += fmt::format("{}", v); break;
      case TypeKind::enumeration: append_json_string(out, format_value(program, type, v)); break;
      case TypeKind::set: {
        const Type& element = program.types[t.element];
        out += '[';
        bool first = true;
        for (std::size_t bit = 0; bit < element.values.size() && bit < 64; ++bit) {
          if (((static_cast<std::uint64_t>(v) >> bit) & 1u) == 0) continue;
          if (!first) out += ',';
          first = false;
          append_json_string(out, element.values[bit]);
        }
        out += ']';
        break;
      }
    }
  };
  std::string out = "{";
  bool first = true;
  for (std::uint32_t f : {kFactFrom, kFactTo}) {
    if (f >= s.known.size() || !s.known[f]) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, program.facts[f].name);
    out += ':';
    append_value(out, program.facts[f].type, s.values[f]);
  }
  if (s.on != kNoDate) {
    if (!first) out += ',';
    first = false;
    out += "\"on\":\"" + format_date(s.on) + "\"";
  }
  if (!first) out += ',';
  out += "\"facts\":{";
  first = true;
  for (std::uint32_t f = kFactTo + 1; f < program.facts.size() && f < s.known.size(); ++f) {
    if (!s.known[f]) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, program.facts[f].name);
    out += ':';
    append_value(out, program.facts[f].type, s.values[f]);
  }
  out += "}}";
  return out;
}

namespace runtime::internal {

bool ScenarioWalks::fast(ScenarioReader& reader, std::string_view json, Scenario& out, bool& json_fault) {
  ScenarioReader::Impl& impl = *reader.impl_;
  Diagnostic ignored;
  json_fault = false;
  if (!impl.prepare(json, out, ignored, "<scenario>", 0)) return false;
  const bool ok = impl.fast_read(json.size());
  json_fault = impl.dom_error_ != simdjson::SUCCESS;
  return ok;
}

bool ScenarioWalks::diagnosing(ScenarioReader& reader, std::string_view json, Scenario& out, Diagnostic& error) {
  ScenarioReader::Impl& impl = *reader.impl_;
  if (!impl.prepare(json, out, error, "<scenario>", 0)) return false;
  return impl.walk(json.size());
}

}  // namespace runtime::internal

}  // namespace proviso
