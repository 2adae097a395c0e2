// `diff --format markdown`: the changes as a report a review board can read, grouped
// by the policies that decide them.
#include <map>
#include <set>

#include "markdown.hpp"
#include "proviso/analysis/diff.hpp"

namespace proviso {

namespace {

using analysis::internal::md_cites;
using analysis::internal::md_rules;
using analysis::internal::md_text;
using analysis::internal::md_witness;

std::string policy_of(const std::string& rule) { return rule.substr(0, rule.find('.')); }

// The policies whose rules or defaults decided the change, in either version.
std::string group_of(const DecisionChange& c) {
  std::set<std::string> policies;
  for (const VersionOutcome* v : {&c.old_outcome, &c.new_outcome}) {
    for (const std::string& r : v->rules) policies.insert(policy_of(r));
    for (const std::string& p : v->by_default) policies.insert(p);
  }
  std::string out;
  for (const std::string& p : policies) out += (out.empty() ? "`" : ", `") + md_text(p) + "`";
  return out.empty() ? "No covering policy" : "Policy " + out;
}

std::string title_of(const DecisionChange& c) {
  std::string s = std::string(to_string(c.from)) + " → " + std::string(to_string(c.to));
  auto list = [](const std::vector<std::string>& xs) {
    std::string out;
    for (const std::string& x : xs) out += (out.empty() ? "`" : ", `") + md_text(x) + "`";
    return out;
  };
  if (c.kind == ChangeKind::obligations_added) s += ", obligations added: " + list(c.obligations_added);
  if (c.kind == ChangeKind::obligations_removed) s += ", obligations removed: " + list(c.obligations_removed);
  return s;
}

std::string version_row(std::string_view label, const VersionOutcome& v) {
  std::string why;
  for (const std::string& r : v.rules) why += (why.empty() ? "`" : ", `") + md_text(r) + "`";
  for (const std::string& p : v.by_default) why += (why.empty() ? "" : ", ") + ("default of `" + md_text(p) + "`");
  if (v.no_covering_policy) why = "no policy covers the flow";
  std::string obligations;
  for (const std::string& o : v.obligations) obligations += (obligations.empty() ? "`" : ", `") + md_text(o) + "`";
  return "| " + std::string(label) + " | " + std::string(to_string(v.decision)) + " | " + why + " | " + obligations + " |\n";
}

}  // namespace

std::string render_diff_markdown(const DiffResult& r, const Program& old_program, const Program& new_program,
                                 std::string_view old_name, std::string_view new_name) {
  std::string out = "# Decision changes from " + md_text(old_name) + " to " + md_text(new_name) + "\n\n";
  if (r.changes.empty()) {
    out += r.decided() ? "No decision changes.\n" : "Could not tell whether decisions change: some kinds of change were not decided.\n";
  } else {
    out += "| change | policies | old | new |\n| --- | --- | --- | --- |\n";
    for (const DecisionChange& c : r.changes) {
      out += "| " + title_of(c) + " | " + group_of(c) + " | " + std::string(to_string(c.old_outcome.decision)) + " | " +
             std::string(to_string(c.new_outcome.decision)) + " |\n";
    }
  }
  // Groups in order of first appearance.
  std::vector<std::string> groups;
  std::map<std::string, std::vector<const DecisionChange*>> by_group;
  for (const DecisionChange& c : r.changes) {
    const std::string g = group_of(c);
    if (!by_group.contains(g)) groups.push_back(g);
    by_group[g].push_back(&c);
  }
  for (const std::string& g : groups) {
    out += "\n## " + g + "\n";
    for (const DecisionChange* c : by_group[g]) {
      out += "\n### " + title_of(*c) + "\n\n";
      out += "| version | decision | decided by | obligations |\n| --- | --- | --- | --- |\n";
      out += version_row("old", c->old_outcome);
      out += version_row("new", c->new_outcome);
      if (c->old_witness_json == c->new_witness_json) {
        out += "\n**Witness**\n\n" + md_witness(new_program, c->new_witness_json, c->new_witness_full_json, "change");
      } else {
        out += "\n**Witness (old version)**\n\n" + md_witness(old_program, c->old_witness_json, c->old_witness_full_json, "change");
        out += "\n**Witness (new version)**\n\n" + md_witness(new_program, c->new_witness_json, c->new_witness_full_json, "change");
      }
      if (!c->shortened) out += "\nNote: the witness is not shortened: the analysis budget ran out first.\n";
      if (!c->old_outcome.rules.empty()) out += "\n**Rules (old version)**\n\n" + md_rules(old_program, c->old_outcome.rules);
      if (!c->new_outcome.rules.empty()) out += "\n**Rules (new version)**\n\n" + md_rules(new_program, c->new_outcome.rules);
      if (!c->cite.empty()) {
        out += "\n**Framework questions**\n\n" + md_cites({&new_program, &old_program}, c->cite);
      }
    }
  }
  if (!r.inconclusive.empty()) {
    out += "\n## Undecided\n\n";
    for (const std::string& s : r.inconclusive) out += "- " + md_text(s) + "\n";
  }
  if (!r.notes.empty()) {
    out += "\n## Notes\n\n";
    for (const std::string& s : r.notes) out += "- " + md_text(s) + "\n";
  }
  return out;
}

}  // namespace proviso
