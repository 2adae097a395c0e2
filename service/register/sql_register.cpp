// The reading queries of both stores, written once: filters by time, decision and
// flow, and one record by id.
#include <optional>

#include "core/util.hpp"
#include "register/stores.hpp"

namespace proviso::service::internal {

bool SqlRegister::query(const RegisterQuery& q, std::vector<DecisionRecord>& out, std::string& error) {
  std::string sql = std::string("SELECT seq, ") + kColumns + " FROM decisions WHERE 1=1";
  std::vector<const std::string*> params;
  auto where = [&](const std::string& value, const char* clause) {
    if (value.empty()) return;
    params.push_back(&value);
    sql += clause;
    sql += parameter_marker(params.size());
  };
  where(q.since, " AND time >= ");
  where(q.until, " AND time < ");
  where(q.decision, " AND decision = ");
  where(q.flow_from, " AND flow_from = ");
  where(q.flow_to, " AND flow_to = ");
  sql += q.newest_first ? " ORDER BY seq DESC" : " ORDER BY seq";
  if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit);
  return run(sql, params, out, error);
}

bool SqlRegister::find(std::string_view id, DecisionRecord& out, bool& found, std::string& error) {
  const std::string key(id);
  std::vector<DecisionRecord> rows;
  std::string sql = std::string("SELECT seq, ") + kColumns + " FROM decisions WHERE ";
  std::vector<const std::string*> params;
  std::optional<std::string> time;
  if (finds_by_time()) {
    // No index on decision_id: the id's own time, which the record's time equals,
    // narrows the search to the few records of one millisecond.
    time = decision_time_of(id);
    if (!time) {
      found = false;
      return true;
    }
    sql += "time = " + parameter_marker(1) + " AND decision_id = " + parameter_marker(2);
    params = {&*time, &key};
  } else {
    sql += "decision_id = " + parameter_marker(1);
    params = {&key};
  }
  if (!run(sql, params, rows, error)) return false;
  found = !rows.empty();
  if (found) out = std::move(rows.front());
  return true;
}

}  // namespace proviso::service::internal
