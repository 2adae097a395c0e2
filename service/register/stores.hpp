#pragma once
// The register's two stores. Both keep one table, `decisions`, with the same columns:
//   seq (the store's order), decision_id (unique), time, bundle, endpoint, flow_from,
//   flow_to, request, decision, obligations, missing, result
// and an index on time.
#include <memory>
#include <string>

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

}  // namespace proviso::service::internal
