// Questions and typed answers: the questionnaire's words for a fact.
#include "proviso/runtime/question.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace proviso {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A whole decimal number (optional leading '-'), or nothing.
bool whole_number(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// An enum value by name or by its number (from 1) in the list.
bool enum_value(const std::vector<std::string>& values, std::string_view word, std::int64_t& out) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == word) {
      out = static_cast<std::int64_t>(i);
      return true;
    }
  }
  std::int64_t n = 0;
  if (whole_number(word, n) && n >= 1 && n <= static_cast<std::int64_t>(values.size())) {
    out = n - 1;
    return true;
  }
  return false;
}

std::string choices(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += fmt::format("{}{} ({})", i == 0 ? "" : ", ", values[i], i + 1);
  }
  return out;
}

}  // namespace

Question describe_question(const Program& p, std::uint32_t fact) {
  const Fact& f = p.facts.at(fact);
  const Type& t = p.types.at(f.type);
  Question q;
  q.fact = fact;
  q.name = f.name;
  q.text = f.question.empty() ? f.name : f.question;
  q.kind = t.kind;
  q.cites = f.cites;
  switch (t.kind) {
    case TypeKind::boolean:
      q.type = "bool";
      q.values = {"yes", "no"};
      break;
    case TypeKind::integer:
      q.lo = t.lo;
      q.hi = t.hi;
      if (t.lo == std::numeric_limits<std::int64_t>::min() && t.hi == std::numeric_limits<std::int64_t>::max()) {
        q.type = "int";
      } else {
        q.type = fmt::format("int ({} .. {})", t.lo, t.hi);
      }
      break;
    case TypeKind::enumeration:
      q.type = t.name;
      q.values = t.values;
      break;
    case TypeKind::set:
      q.type = "set of " + p.types.at(t.element).name;
      q.values = p.types.at(t.element).values;
      break;
  }
  return q;
}

bool parse_answer(const Program& p, const Question& q, std::string_view text, Answer& out, std::string& error) {
  (void)p;
  const std::string_view word = trim(text);
  const std::string folded = lower(word);
  out = Answer{};
  if (folded == "?" || folded == "don't know" || folded == "dont know") {
    out.unknown = true;
    return true;
  }
  if (word.empty()) {
    error = "no answer given; type ? if you do not know";
    return false;
  }
  switch (q.kind) {
    case TypeKind::boolean:
      if (folded == "true" || folded == "yes" || folded == "y" || folded == "1") {
        out.value = 1;
        return true;
      }
      if (folded == "false" || folded == "no" || folded == "n" || folded == "2") {
        out.value = 0;
        return true;
      }
      error = fmt::format("'{}' is not an answer to a yes/no question: type yes or no (or ?)", word);
      return false;
    case TypeKind::integer: {
      std::int64_t n = 0;
      if (!whole_number(word, n)) {
        error = fmt::format("'{}' is not a whole number", word);
        return false;
      }
      if (n < q.lo || n > q.hi) {
        error = fmt::format("{} is outside {} .. {}", n, q.lo, q.hi);
        return false;
      }
      out.value = n;
      return true;
    }
    case TypeKind::enumeration:
      if (enum_value(q.values, word, out.value)) return true;
      error = fmt::format("'{}' is not one of the choices: {}", word, choices(q.values));
      return false;
    case TypeKind::set: {
      if (folded == "none") return true;  // the empty set
      std::uint64_t mask = 0;
      std::string_view rest = word;
      while (true) {
        const std::size_t comma = rest.find(',');
        const std::string_view member = trim(rest.substr(0, comma));
        std::int64_t index = 0;
        if (!enum_value(q.values, member, index)) {
          error = member.empty() ? std::string("an empty member between commas")
                                 : fmt::format("'{}' is not one of the choices: {}", member, choices(q.values));
          return false;
        }
        const std::uint64_t bit = std::uint64_t{1} << index;
        if (mask & bit) {
          error = fmt::format("'{}' is given twice", q.values[static_cast<std::size_t>(index)]);
          return false;
        }
        mask |= bit;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      out.value = static_cast<std::int64_t>(mask);
      return true;
    }
  }
  error = "this question cannot be answered";
  return false;
}

}  // namespace proviso
