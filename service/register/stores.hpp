#pragma once
// The register's two stores. Both keep one table, `decisions`, with the same columns:
//   seq (the store's order), decision_id, time, bundle, endpoint, flow_from,
//   flow_to, request, decision, obligations, missing, result
// and an index on time. PostgreSQL, and SQLite files made before format 2, also index
// decision_id (unique); a format-2 SQLite file finds an id by its time instead.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/service/register.hpp"

namespace proviso::service::internal {

// WAL journal, synchronous=FULL: a transaction is on disk when its COMMIT returns.
std::unique_ptr<Register> open_sqlite(const std::string& file, bool create, std::string& error);
// Each batch is one INSERT statement, its own transaction (synchronous_commit as the
// server is configured; on by default).
std::unique_ptr<Register> open_postgresql(const std::string& conninfo, bool create, std::string& error);

// The column list both stores use, in DecisionRecord order.
inline constexpr const char* kColumns =
    "decision_id, time, bundle, endpoint, flow_from, flow_to, request, decision, obligations, missing, result";
inline constexpr int kColumnCount = 11;

// What the two stores share: the reading queries, written once. A store says how its
// SQL numbers parameters and runs a SELECT of `seq` and kColumns.
class SqlRegister : public Register {
 public:
  bool query(const RegisterQuery& q, std::vector<DecisionRecord>& out, std::string& error) final;
  bool find(std::string_view id, DecisionRecord& out, bool& found, std::string& error) final;

 protected:
  // Whether find() looks an id up through the time it carries (decision_time_of), for
  // a table with no index on decision_id whose records' ids and times come from one
  // clock reading.
  virtual bool finds_by_time() const { return false; }
  // How the SQL names the n-th parameter (from 1): `?` for SQLite, `$n` for PostgreSQL.
  virtual std::string parameter_marker(std::size_t n) const = 0;
  virtual bool run(const std::string& sql, const std::vector<const std::string*>& params,
                   std::vector<DecisionRecord>& out, std::string& error) = 0;
};

}  // namespace proviso::service::internal
