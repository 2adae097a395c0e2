// The fast walk over a scenario: simdjson's DOM (fully validated, runtime-dispatched
// SIMD) and the same checks as the diagnosing walk, but no messages. Everything here
// runs once per batch line, so it allocates nothing and looks names up in PathTable.
#include "scenario/scenario_reader.hpp"

namespace proviso {

namespace dom = simdjson::dom;

bool ScenarioReader::Impl::fast_read(std::size_t length) {
  next_generation();
  dom_error_ = simdjson::SUCCESS;
  dom::element root;
  if (auto e = dom_.parse(buffer_.get(), length, false).get(root)) {
    dom_error_ = e;
    return false;
  }
  dom::object object;
  if (root.get_object().get(object) || limits_.max_depth < 1) return false;
  bool have_facts = false;
  for (dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    if (key.size() > limits_.max_string) return false;
    if (key == "from" || key == "to") {
      const std::uint32_t fact = key == "from" ? kFactFrom : kFactTo;
      if (!fast_mark(paths_.find(key)) || !fast_sector(fact, field.value)) return false;
    } else if (key == "on") {
      std::string_view text;
      if (out_->on != kNoDate || field.value.get_string().get(text)) return false;
      const std::optional<Day> day = parse_date(text);
      if (!day) return false;
      out_->on = *day;
    } else if (key == "id") {
      std::string_view text;
      if (out_->has_id || field.value.get_string().get(text) || text.size() > limits_.max_string) return false;
      out_->id.assign(text);
      out_->has_id = true;
    } else if (key == "facts") {
      dom::object facts;
      if (have_facts || limits_.max_depth < 2 || field.value.get_object().get(facts)) return false;
      have_facts = true;
      if (!fast_facts(facts, 0, 2)) return false;
    } else {
      return false;
    }
  }
  return !limits_.require_flow || (out_->known[kFactFrom] && out_->known[kFactTo]);
}

bool ScenarioReader::Impl::fast_facts(const dom::object& object, std::size_t prefix_length, std::size_t depth) {
  for (dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    if (key.size() > limits_.max_string) return false;
    std::string_view path = key;
    if (prefix_length > 0) {
      path_.resize(prefix_length);
      path_ += '.';
      path_ += key;
      path = path_;
    }
    const std::uint32_t entry = paths_.find(path);
    if (entry == kNone) return false;
    const runtime::internal::PathTable::Entry& e = paths_.entry(entry);
    if (field.value.is_object() && e.prefix) {
      if (!fast_mark(entry) || depth + 1 > limits_.max_depth) return false;
      if (prefix_length == 0) path_.assign(key);
      const std::size_t length = path_.size();
      if (!fast_facts(dom::object(field.value), length, depth + 1)) return false;
      continue;
    }
    if (e.fact == kNone || !fast_mark(entry)) return false;
    if (e.fact == kFactFrom || e.fact == kFactTo) {
      if (!fast_sector(e.fact, field.value)) return false;
    } else if (!fast_value(e.fact, field.value, depth)) {
      return false;
    }
  }
  return true;
}

bool ScenarioReader::Impl::fast_sector(std::uint32_t fact, const dom::element& value) {
  std::string_view text;
  if (value.get_string().get(text) || text.size() > limits_.max_string) return false;
  const std::uint32_t index = paths_.value_index(program_.sector_type, text);
  if (index == kNone) return false;
  out_->set(fact, index);
  return true;
}

bool ScenarioReader::Impl::fast_value(std::uint32_t fact, const dom::element& value, std::size_t depth) {
  const Type& t = program_.types[program_.facts[fact].type];
  switch (t.kind) {
    case TypeKind::boolean: {
      bool b = false;
      if (value.get_bool().get(b)) return false;
      out_->set(fact, b ? 1 : 0);
      return true;
    }
    case TypeKind::integer: {
      if (value.type() != dom::element_type::INT64) return false;
      const std::int64_t n = std::int64_t(value);
      if (n < t.lo || n > t.hi) return false;
      out_->set(fact, n);
      return true;
    }
    case TypeKind::enumeration: {
      std::string_view text;
      if (value.get_string().get(text) || text.size() > limits_.max_string) return false;
      const std::uint32_t index = paths_.value_index(program_.facts[fact].type, text);
      if (index == kNone) return false;
      out_->set(fact, index);
      return true;
    }
    case TypeKind::set: {
      dom::array array;
      if (value.get_array().get(array) || depth + 1 > limits_.max_depth) return false;
      std::uint64_t members = 0;
      for (dom::element item : array) {
        std::string_view text;
        if (item.get_string().get(text) || text.size() > limits_.max_string) return false;
        const std::uint32_t index = paths_.value_index(t.element, text);
        if (index == kNone || index >= 64) return false;
        const std::uint64_t bit = std::uint64_t{1} << index;
        if (members & bit) return false;
        members |= bit;
      }
      out_->set(fact, static_cast<std::int64_t>(members));
      return true;
    }
  }
  return false;
}

}  // namespace proviso
