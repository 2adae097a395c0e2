#pragma once
// A fact as a person is asked about it: its question, the kind of answer it takes and
// the citations behind it; and a typed answer read back into a scenario value.
// Shared by `proviso ask`, the service's /v1/ask and the web page.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso {

struct Question {
  std::uint32_t fact = kNone;
  std::string name;                 // the fact's name, e.g. "consent"
  std::string text;                 // its question; the name when it has none
  TypeKind kind = TypeKind::boolean;
  std::string type;                 // as the language writes it: "bool", "int (0 .. 5)", "set of data_category"
  std::int64_t lo = 0, hi = 0;      // integers: inclusive bounds
  std::vector<std::string> values;  // enum and set: the values, numbered from 1 when offered
  std::vector<Citation> cites;
};

Question describe_question(const Program& p, std::uint32_t fact);

// What a person typed, read against the question:
//   bool      true/false/yes/no/y/n (any case), or 1 (yes) / 2 (no)
//   int       a decimal integer within the bounds
//   enum      a value's name, or its number in `values` (from 1)
//   set       members (names or numbers) separated by commas; `none` for the empty set
//   any       `?` (or "don't know"): the fact stays unknown
struct Answer {
  bool unknown = false;
  std::int64_t value = 0;  // the scenario encoding: bool 0/1, enum index, int, set bitmask
};

// Returns false with a plain message saying what the question accepts.
bool parse_answer(const Program& p, const Question& q, std::string_view text, Answer& out, std::string& error);

}  // namespace proviso
