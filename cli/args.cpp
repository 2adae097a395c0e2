#include "cli/args.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "proviso/base/suggest.hpp"
#include "proviso/program/date.hpp"

namespace proviso::cli {

OptionSpec OptionSpec::with_short(char c) const {
  OptionSpec o = *this;
  o.short_name = c;
  return o;
}

OptionSpec OptionSpec::in_choice(std::string_view group) const {
  OptionSpec o = *this;
  o.choice = group;
  return o;
}

OptionSpec OptionSpec::repeated() const {
  OptionSpec o = *this;
  o.repeatable = true;
  return o;
}

OptionSpec flag(std::string_view name, std::string help) {
  OptionSpec o;
  o.name = name;
  o.help = std::move(help);
  return o;
}

OptionSpec option(std::string_view name, std::string_view value, std::string help) {
  OptionSpec o = flag(name, std::move(help));
  o.value = value;
  return o;
}

std::vector<std::string_view> OptionSpec::keywords() const {
  std::vector<std::string_view> words;
  std::string_view rest = value;
  while (!rest.empty()) {
    std::size_t bar = rest.find('|');
    words.push_back(rest.substr(0, bar));
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
  }
  return words;
}

OptionSpec keyword_option(std::string_view name, std::string_view words, std::string help) {
  OptionSpec o = option(name, words, std::move(help));
  o.is_keyword = true;
  return o;
}

OptionSpec count_option(std::string_view name, std::string_view value, std::string help, CountRange range) {
  OptionSpec o = option(name, value, std::move(help));
  o.is_count = true;
  o.range = range;
  return o;
}

OptionSpec date_option(std::string_view name, std::string help) {
  OptionSpec o = option(name, "DATE", std::move(help));
  o.is_date = true;
  return o;
}

const OptionSpec& ParsedArgs::spec(std::string_view option) const {
  if (options_ != nullptr) {
    for (const OptionSpec& o : *options_) {
      if (o.name == option) return o;
    }
  }
  throw std::logic_error(fmt::format("option '{}' is not in the command's table entry", option));
}

bool ParsedArgs::has(std::string_view option) const {
  spec(option);
  return std::any_of(given_.begin(), given_.end(), [&](const auto& g) { return g.first == option; });
}

std::string ParsedArgs::get(std::string_view option, std::string_view fallback) const {
  spec(option);
  for (auto it = given_.rbegin(); it != given_.rend(); ++it) {
    if (it->first == option) return it->second;
  }
  return std::string(fallback);
}

std::vector<std::string> ParsedArgs::all(std::string_view option) const {
  spec(option);
  std::vector<std::string> out;
  for (const auto& g : given_) {
    if (g.first == option) out.push_back(g.second);
  }
  return out;
}

std::uint64_t ParsedArgs::count(std::string_view option, std::uint64_t fallback) const {
  const OptionSpec& s = spec(option);
  if (!s.is_count) throw std::logic_error(fmt::format("option '{}' is not an integer option", option));
  if (!has(option)) return fallback;
  return parse_count(get(option), s.range.max).value;
}

std::int32_t ParsedArgs::date(std::string_view option) const {
  const OptionSpec& s = spec(option);
  if (!s.is_date) throw std::logic_error(fmt::format("option '{}' is not a date option", option));
  if (!has(option)) return kNoDate;
  return parse_date(get(option)).value_or(kNoDate);
}

void ParsedArgs::add(std::string_view option, std::string value) { given_.emplace_back(spec(option).name, std::move(value)); }

Count parse_count(std::string_view text, std::uint64_t max) {
  Count c;
  if (text.empty()) {
    c.error = "takes a number, not an empty value";
    return c;
  }
  if (text[0] == '-' || text[0] == '+') {
    c.error = fmt::format("takes a number without a sign, not '{}'", text);
    return c;
  }
  bool too_large = false;
  for (char ch : text) {
    if (ch < '0' || ch > '9') {
      c.error = fmt::format("takes a number (digits only), not '{}'", text);
      return c;
    }
    const auto digit = static_cast<std::uint64_t>(ch - '0');
    // Once past `max` the digits are still read, so junk later on is named as junk.
    if (!too_large && (digit > max || c.value > (max - digit) / 10)) too_large = true;
    if (!too_large) c.value = c.value * 10 + digit;
  }
  if (too_large) {
    c.value = 0;
    c.error = fmt::format("takes a number no larger than {}, not '{}'", max, text);
  }
  return c;
}

namespace {

const OptionSpec* find_long(const std::vector<OptionSpec>& options, std::string_view name) {
  for (const OptionSpec& o : options) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

const OptionSpec* find_short(const std::vector<OptionSpec>& options, char name) {
  for (const OptionSpec& o : options) {
    if (o.short_name != 0 && o.short_name == name) return &o;
  }
  return nullptr;
}

bool is_help(std::string_view word) { return word == "-h" || word == "--help"; }

std::string unknown_option_hint(const std::vector<OptionSpec>& options, std::string_view name) {
  std::vector<std::string_view> names{"--help"};
  for (const OptionSpec& o : options) names.push_back(o.name);
  return did_you_mean(name, names);
}

std::string spelled(const OptionSpec& o) { return fmt::format("{} {}", o.name, o.value); }

// "text, json or sarif".
std::string alternatives(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    out += i == 0 ? "" : (i + 1 == words.size() ? " or " : ", ");
    out += words[i];
  }
  return out;
}

}  // namespace

ParseOutcome parse_args(const std::vector<OptionSpec>& options, const Args& words, ParsedArgs& out) {
  ParseOutcome outcome;
  out = ParsedArgs(options);
  // Help wins over every other word, so `proviso check --colour -h` still helps.
  for (const std::string& w : words) {
    if (w == "--") break;
    if (is_help(w)) {
      outcome.help = true;
      return outcome;
    }
  }
  auto fail = [&](std::string message) {
    outcome.error = std::move(message);
    return outcome;
  };

  bool options_done = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (options_done || w.size() < 2 || w[0] != '-') {
      out.positional.push_back(w);
      continue;
    }
    if (w == "--") {
      options_done = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::string written, value;
    bool has_value = false;
    if (w[1] == '-') {
      written = w;
      if (auto eq = w.find('='); eq != std::string::npos) {
        written = w.substr(0, eq);
        value = w.substr(eq + 1);
        has_value = true;
      }
      spec = find_long(options, written);
    } else {
      written = w.substr(0, 2);
      spec = find_short(options, w[1]);
      if (w.size() > 2) {
        value = w.substr(w[2] == '=' ? 3 : 2);
        has_value = true;
      }
    }
    if (spec == nullptr) {
      outcome.hint = unknown_option_hint(options, written);
      return fail(fmt::format("unknown option '{}'", written));
    }
    if (!spec->takes_value()) {
      if (has_value) return fail(fmt::format("option '{}' takes no value", written));
    } else if (!has_value) {
      if (i + 1 >= words.size()) return fail(fmt::format("option '{}' needs a value", written));
      value = words[++i];
      has_value = true;
    }
    if (!spec->repeatable && out.has(spec->name)) return fail(fmt::format("option '{}' given twice", spec->name));
    if (spec->is_count) {
      Count c = parse_count(value, spec->range.max);
      if (!c.ok()) return fail(fmt::format("option '{}' {}", spec->name, c.error));
      if (c.value < spec->range.min) {
        return fail(fmt::format("option '{}' takes a number no smaller than {}, not '{}'", spec->name,
                                spec->range.min, value));
      }
    }
    if (spec->is_date && !parse_date(value)) {
      return fail(fmt::format("option '{}' takes a date, YYYY-MM-DD naming a real day, not '{}'", spec->name, value));
    }
    if (spec->is_keyword) {
      std::vector<std::string_view> words = spec->keywords();
      if (std::find(words.begin(), words.end(), value) == words.end()) {
        outcome.hint = did_you_mean(value, words);
        return fail(fmt::format("option '{}' takes {}, not '{}'", spec->name, alternatives(words), value));
      }
    }
    out.add(spec->name, std::move(value));
  }

  // Exactly one option of each choice.
  for (std::size_t i = 0; i < options.size(); ++i) {
    const std::string_view choice = options[i].choice;
    bool first = !choice.empty();
    for (std::size_t j = 0; j < i && first; ++j) first = options[j].choice != choice;
    if (!first) continue;
    std::vector<const OptionSpec*> members;
    std::size_t given = 0;
    for (const OptionSpec& o : options) {
      if (o.choice != choice) continue;
      members.push_back(&o);
      if (out.has(o.name)) ++given;
    }
    if (given == 1) continue;
    // A choice of one is a required option.
    if (members.size() == 1) return fail(fmt::format("{} is required", spelled(*members[0])));
    std::string list;
    for (std::size_t k = 0; k < members.size(); ++k) {
      list += k == 0 ? "" : (k + 1 == members.size() ? " and " : ", ");
      list += spelled(*members[k]);
    }
    return fail(fmt::format("give exactly one of {}", list));
  }
  return outcome;
}

}  // namespace proviso::cli
