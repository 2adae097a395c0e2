// `check --format markdown`: the findings as a report a review board can read.
#include <map>
#include <string>

#include "markdown.hpp"
#include "proviso/analysis/analysis.hpp"

namespace proviso {

namespace {

using analysis::internal::md_cites;
using analysis::internal::md_rules;
using analysis::internal::md_text;
using analysis::internal::md_witness;

std::string place_of(const Location& l) {
  if (!l.has_place()) return "";
  return l.file + ":" + std::to_string(l.line);
}

}  // namespace

std::string render_findings_markdown(const Program& p, const Diagnostics& ds, std::string_view title) {
  std::string out = "# Findings: " + md_text(title) + "\n\n";
  if (ds.items().empty()) return out + "No findings: the analysis found nothing to report.\n";
  // Counts by code and severity, codes in the order their first finding appears.
  std::map<std::string, std::size_t[3]> counts;
  std::vector<std::string> order;
  for (const Diagnostic& d : ds.items()) {
    std::string code(to_string(d.code));
    if (!counts.contains(code)) {
      order.push_back(code);
      for (std::size_t& n : counts[code]) n = 0;
    }
    ++counts[code][static_cast<std::size_t>(d.severity)];
  }
  out += "| kind | errors | warnings | infos |\n| --- | ---: | ---: | ---: |\n";
  for (const std::string& code : order) {
    const auto& n = counts[code];
    out += "| " + code + " | " + std::to_string(n[0]) + " | " + std::to_string(n[1]) + " | " + std::to_string(n[2]) + " |\n";
  }
  out += "| **total** | " + std::to_string(ds.count(Severity::error)) + " | " + std::to_string(ds.count(Severity::warning)) +
         " | " + std::to_string(ds.count(Severity::info)) + " |\n";
  std::size_t i = 0;
  for (const Diagnostic& d : ds.items()) {
    out += "\n## " + std::to_string(++i) + ". " + std::string(to_string(d.severity)) + " `" +
           std::string(to_string(d.code)) + "`";
    if (d.location.has_place()) out += " at " + md_text(place_of(d.location));
    out += "\n\n" + md_text(d.message) + "\n";
    if (!d.rules.empty()) out += "\n**Rules**\n\n" + md_rules(p, d.rules);
    if (d.others_count > 0) {
      out += "\nAlso: ";
      for (std::size_t k = 0; k < d.others.size(); ++k) out += (k ? ", `" : "`") + md_text(d.others[k]) + "`";
      if (d.others_count > d.others.size()) out += " and " + std::to_string(d.others_count - d.others.size()) + " more";
      out += ".\n";
    }
    if (!d.witness_json.empty()) {
      out += "\n**Witness**\n\n" + md_witness(p, d.witness_json, d.witness_full_json);
    }
    if (!d.cite.empty()) out += "\n**Framework questions**\n\n" + md_cites({&p}, d.cite);
    for (const Note& n : d.notes) {
      out += "\nNote: " + md_text(n.message);
      if (n.location.has_place()) out += " (" + md_text(place_of(n.location)) + ")";
      out += "\n";
    }
    if (!d.hint.empty()) out += "\nHint: " + md_text(d.hint) + "\n";
  }
  return out;
}

}  // namespace proviso
