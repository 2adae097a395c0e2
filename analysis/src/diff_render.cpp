// The diff report: a text form for people and a JSON form for tools.
#include "proviso/analysis/diff.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso {

namespace {

std::string join(const std::vector<std::string>& xs, std::string_view sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i > 0) out += sep;
    out += xs[i];
  }
  return out;
}

std::string heading(const DecisionChange& c) {
  std::string s = std::string(to_string(c.from)) + " -> " + std::string(to_string(c.to));
  if (c.kind == ChangeKind::obligations_added) s += ", obligations added: " + join(c.obligations_added);
  if (c.kind == ChangeKind::obligations_removed) s += ", obligations removed: " + join(c.obligations_removed);
  return s;
}

std::string version_line(std::string_view label, const VersionOutcome& v) {
  std::string s = "  " + std::string(label) + ": " + std::string(to_string(v.decision));
  if (v.no_covering_policy) return s + " (no policy covers the flow)\n";
  std::vector<std::string> why;
  for (std::size_t i = 0; i < v.rules.size(); ++i) why.push_back(v.rules[i] + " [" + v.rule_files[i] + "]");
  for (const auto& p : v.by_default) why.push_back(p + " (default)");
  if (!why.empty()) s += " by " + join(why);
  if (!v.obligations.empty()) s += "; requires " + join(v.obligations);
  return s + "\n";
}

void append_strings(std::string& out, const std::vector<std::string>& xs) {
  out += '[';
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i > 0) out += ", ";
    append_json_string(out, xs[i]);
  }
  out += ']';
}

void append_version(std::string& out, const VersionOutcome& v) {
  out += "{\"decision\": ";
  append_json_string(out, to_string(v.decision));
  out += ", \"no_covering_policy\": ";
  out += v.no_covering_policy ? "true" : "false";
  out += ", \"rules\": ";
  append_strings(out, v.rules);
  out += ", \"rule_files\": ";
  append_strings(out, v.rule_files);
  out += ", \"defaults\": ";
  append_strings(out, v.by_default);
  out += ", \"obligations\": ";
  append_strings(out, v.obligations);
  out += '}';
}

// "3 kinds of change undecided (2 timed out, 1 not reached within the 300 s analysis budget)"
std::string undecided(const DiffResult& r) {
  const std::size_t n = r.inconclusive.size();
  std::vector<std::string> why;
  if (r.undecided_timeout > 0) why.push_back(std::to_string(r.undecided_timeout) + " timed out");
  if (r.not_reached > 0) {
    why.push_back(std::to_string(r.not_reached) + " not reached within the " + std::to_string(r.budget_s) +
                  " s analysis budget");
  }
  if (r.undecided_other > 0) why.push_back(std::to_string(r.undecided_other) + " for other reasons, listed below");
  return std::to_string(n) + " kind" + (n == 1 ? "" : "s") + " of change undecided (" + join(why) + ")";
}

}  // namespace

std::string render_diff_text(const DiffResult& r, std::string_view old_name, std::string_view new_name) {
  std::string out;
  const std::string versions = "from " + std::string(old_name) + " to " + std::string(new_name);
  if (r.changes.empty() && r.decided()) {
    out += "no decision changes " + versions + "\n";
  } else if (r.changes.empty()) {
    // Could not tell is never "no": the headline says what was not decided, and why.
    out += "could not tell whether decisions change " + versions + ": " + undecided(r) + "\n";
  } else {
    std::size_t n = r.changes.size();
    out += std::to_string(n) + " kind" + (n == 1 ? "" : "s") + " of decision change " + versions;
    if (!r.decided()) out += "; " + undecided(r) + ", so there may be more";
    out += "\n";
  }
  for (const DecisionChange& c : r.changes) {
    out += "\n" + heading(c) + "\n";
    if (c.old_witness_json == c.new_witness_json) {
      out += "  scenario: " + c.new_witness_json + "\n";
    } else {
      out += "  scenario (old): " + c.old_witness_json + "\n";
      out += "  scenario (new): " + c.new_witness_json + "\n";
    }
    out += version_line("old", c.old_outcome);
    out += version_line("new", c.new_outcome);
    if (!c.cite.empty()) out += "  cite: " + join(c.cite) + "\n";
    if (!c.shortened) out += "  note: the witness is not shortened: the analysis budget ran out first\n";
  }
  for (const auto& s : r.inconclusive) out += "\ninconclusive: " + s + "\n";
  if (!r.notes.empty()) out += "\n";
  for (const auto& s : r.notes) out += "note: " + s + "\n";
  return out;
}

std::string render_diff_json(const DiffResult& r) {
  std::string out = "{\"changed\": ";
  out += r.changes.empty() ? "false" : "true";
  out += ", \"changes\": [";
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    const DecisionChange& c = r.changes[i];
    if (i > 0) out += ", ";
    out += "{\"kind\": ";
    append_json_string(out, to_string(c.kind));
    out += ", \"from\": ";
    append_json_string(out, to_string(c.from));
    out += ", \"to\": ";
    append_json_string(out, to_string(c.to));
    out += ", \"witness\": " + c.new_witness_json;
    out += ", \"old_witness\": " + c.old_witness_json;
    out += ", \"witness_full\": " + c.new_witness_full_json;
    out += ", \"old_witness_full\": " + c.old_witness_full_json;
    out += ", \"shortened\": ";
    out += c.shortened ? "true" : "false";
    out += ", \"cite\": ";
    append_strings(out, c.cite);
    out += ", \"old\": ";
    append_version(out, c.old_outcome);
    out += ", \"new\": ";
    append_version(out, c.new_outcome);
    out += ", \"obligations_added\": ";
    append_strings(out, c.obligations_added);
    out += ", \"obligations_removed\": ";
    append_strings(out, c.obligations_removed);
    out += '}';
  }
  out += "], \"inconclusive\": ";
  append_strings(out, r.inconclusive);
  out += ", \"notes\": ";
  append_strings(out, r.notes);
  out += ", \"decided\": ";
  out += r.decided() ? "true" : "false";
  out += ", \"undecided\": " + std::to_string(r.inconclusive.size());
  out += "}\n";
  return out;
}

}  // namespace proviso
