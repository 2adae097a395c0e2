#pragma once
// Pieces of the Markdown reports for review boards (`check` and `diff --format
// markdown`): table cells, a witness as a table of questions and values, rules with
// where they are written, why and what they cite, and the framework questions cited.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::analysis::internal {

// Text safe inside a Markdown table cell or paragraph: `|` escaped, line breaks
// folded, control and bidirectional characters made visible.
std::string md_text(std::string_view s);
// A witness (scenario JSON as findings carry it) as a table: fact, question, value.
// Facts the witness leaves out are not listed; a line says how many there were.
// `what`: "finding" or "change", for that line.
std::string md_witness(const Program& p, std::string_view witness_json, std::string_view full_json,
                       std::string_view what = "finding");
// Rules named "policy.rule" (or a policy's name) as a table: rule, where, because, cites.
std::string md_rules(const Program& p, const std::vector<std::string>& rules);
// Framework questions as a list: `ref`: question text (from the first program citing it).
std::string md_cites(const std::vector<const Program*>& programs, const std::vector<std::string>& cites);

}  // namespace proviso::analysis::internal
