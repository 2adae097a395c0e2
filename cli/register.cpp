// proviso register list|show|export: reads the decision register that `proviso serve`
// writes (SQLite or PostgreSQL), with filters by time, decision and flow.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "proviso/service/register.hpp"

namespace proviso::cli {

int run_register(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("register", "say what to do: list, show ID or export");
  const std::string& action = a.positional[0];
  const std::size_t want = action == "show" ? 2 : 1;
  if (action != "list" && action != "show" && action != "export") {
    return usage_error("register", fmt::format("unknown action '{}'", action), "the actions are list, show ID and export");
  }
  if (a.positional.size() != want) {
    return usage_error("register", action == "show" ? "show takes one decision id"
                                                    : fmt::format("{} takes no further arguments", action));
  }
  if (a.has("--format") && action != "export") return usage_error("register", "--format is for export");
  std::string error;
  const std::string target = a.get("--register", "sqlite:proviso-register.sqlite");
  std::unique_ptr<Register> store = open_register(target, false, error);
  if (!store) {
    std::cerr << fmt::format("proviso register: error: {}\n", error);
    return 2;
  }
  if (action == "show") {
    DecisionRecord record;
    bool found = false;
    if (!store->find(a.positional[1], record, found, error)) {
      std::cerr << fmt::format("proviso register: error: {}\n", error);
      return 2;
    }
    if (!found) {
      std::cerr << fmt::format("proviso register: error: no decision '{}' in {}\n", a.positional[1], store->describe());
      return 1;
    }
    std::cout << record_json(record) << '\n';
    return 0;
  }
  RegisterQuery q;
  q.since = a.get("--since");
  q.until = a.get("--until");
  q.decision = a.get("--decision");
  q.flow_from = a.get("--from");
  q.flow_to = a.get("--to");
  q.limit = a.count("--limit", 0);
  std::vector<DecisionRecord> rows;
  if (!store->query(q, rows, error)) {
    std::cerr << fmt::format("proviso register: error: {}\n", error);
    return 2;
  }
  std::string out;
  if (action == "list") {
    for (const DecisionRecord& r : rows) {
      out += fmt::format("{}  {}  {} -> {}  {}  {}\n", r.time, r.id, r.flow_from.empty() ? "?" : r.flow_from,
                         r.flow_to.empty() ? "?" : r.flow_to, r.decision, r.bundle.substr(0, 12));
    }
    out += fmt::format("{} decision{}\n", rows.size(), rows.size() == 1 ? "" : "s");
  } else if (a.get("--format", "jsonl") == "csv") {
    out += record_csv_header();
    for (const DecisionRecord& r : rows) out += record_csv(r);
  } else {
    for (const DecisionRecord& r : rows) {
      out += record_json(r);
      out += '\n';
    }
  }
  std::cout << out;
  std::cout.flush();
  return std::cout.good() ? 0 : 2;
}

}  // namespace proviso::cli
