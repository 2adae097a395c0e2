#pragma once
// ScenarioReader's private state. Two walks share it: the fast one over simdjson's DOM
// (scenario_fast.cpp), which only accepts or refuses, and the diagnosing one over On
// Demand (scenario_json.cpp, scenario_values.cpp), which runs only when the fast walk
// refuses and says precisely what is wrong and where. Both apply the same checks in the
// same document order; the unit tests hold them to it.
#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/runtime/scenario_json.hpp"
#include "scenario/scenario_paths.hpp"

namespace proviso {

namespace sj = simdjson::ondemand;

struct ScenarioReader::Impl {
  Impl(const Program& p, ScenarioLimits l);

  bool read(std::string_view json, Scenario& out, Diagnostic& error, std::string_view source_name,
            std::uint32_t line);
  // Copies the text into buffer_ and resets `out`; false (with `error`) past max_bytes.
  bool prepare(std::string_view json, Scenario& out, Diagnostic& error, std::string_view source_name,
               std::uint32_t line);
  // The diagnosing walk over the text already in buffer_: an error when it finds one,
  // and when it finds none though the fast walk refused.
  bool diagnose(std::size_t length);
  // The diagnosing walk alone: true when it finds nothing wrong.
  bool walk(std::size_t length);

  // --- the fast walk ---
  bool fast_read(std::size_t length);
  bool fast_facts(const simdjson::dom::object& object, std::size_t prefix_length, std::size_t depth);
  bool fast_value(std::uint32_t fact, const simdjson::dom::element& value, std::size_t depth);
  bool fast_sector(std::uint32_t fact, const simdjson::dom::element& value);
  bool fast_mark(std::uint32_t entry) {
    if (entry == kNone) return true;
    if (seen_[entry] == generation_) return false;
    seen_[entry] = generation_;
    return true;
  }
  void next_generation() {
    if (++generation_ == 0) {  // wrapped: forget every old mark
      std::fill(seen_.begin(), seen_.end(), 0);
      generation_ = 1;
    }
  }

  // --- the document walk ---
  bool read_root(sj::document& doc);
  bool read_id(simdjson::ondemand::value& value, std::size_t key_offset);
  bool read_date(sj::value& value, std::size_t key_offset);
  bool read_facts(sj::object& object, std::size_t prefix_length, std::size_t depth);
  bool read_sector(std::uint32_t fact, sj::value& value);
  bool mark_seen(std::uint32_t entry, std::string_view name, std::size_t offset);

  // --- typed values ---
  bool read_value(std::uint32_t fact, sj::value& value, sj::json_type type, std::size_t depth);
  bool read_set(std::uint32_t fact, sj::value& value, std::size_t depth);
  bool check_string_length(std::string_view s, std::size_t offset);

  // --- errors: each returns false so callers can `return fail(...)` ---
  bool fail(Code code, std::size_t offset, std::size_t length, std::string message);
  bool json_error(simdjson::error_code code, std::size_t offset);
  // A bad_scenario error for text that does not parse, its excerpt cut after the offending character.
  bool fail_unparsed(std::size_t offset, std::string message);
  bool wrong_value(std::uint32_t fact, sj::value& value, sj::json_type type);
  bool unknown_fact(std::string_view path, std::size_t offset, std::size_t length);
  std::size_t offset_of(const char* p) const {
    return p >= base_ && p <= base_ + input_.size() ? static_cast<std::size_t>(p - base_) : 0;
  }
  // Where the iterator stands: the best place for errors simdjson reports.
  std::size_t current_offset();

  const Program& program_;
  ScenarioLimits limits_;
  sj::parser parser_;
  simdjson::dom::parser dom_;
  simdjson::error_code dom_error_ = simdjson::SUCCESS;  // why the fast walk's parse failed
  runtime::internal::PathTable paths_;
  std::vector<std::uint32_t> seen_;  // per path entry: the generation that saw it
  std::uint32_t generation_ = 0;
  std::unique_ptr<char[]> buffer_;    // the input, copied with simdjson's padding
  std::size_t capacity_ = 0;
  std::string path_;                  // dotted path of the key being read

  // The document being read.
  std::string_view input_;
  const char* base_ = nullptr;
  sj::document* doc_ = nullptr;
  Scenario* out_ = nullptr;
  Diagnostic* error_ = nullptr;
  std::string_view source_name_;
  std::uint32_t line_ = 0;
};

namespace runtime::internal {
// "one of explicit, implied, none", "an int in 0 .. 100": what a fact's type accepts.
std::string expected_text(const Program& p, std::uint32_t type);
// A raw JSON token as an error message quotes it, cut when long.
std::string shown_token(std::string_view raw);
}  // namespace runtime::internal

}  // namespace proviso
