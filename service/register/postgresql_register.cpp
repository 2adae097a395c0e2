// The PostgreSQL register, for several replicas sharing one store. A batch is one
// multi-row INSERT (one round trip, one transaction); ids are UUIDv7 made by each
// replica and unique in the table, so a record can be stored only once.
#include <libpq-fe.h>

#include <mutex>

#include "core/log.hpp"
#include "core/util.hpp"
#include "register/stores.hpp"

namespace proviso::service::internal {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS decisions ("
    " seq BIGSERIAL PRIMARY KEY,"
    " decision_id TEXT NOT NULL UNIQUE, time TEXT NOT NULL, bundle TEXT NOT NULL, endpoint TEXT NOT NULL,"
    " flow_from TEXT NOT NULL, flow_to TEXT NOT NULL, request TEXT NOT NULL, decision TEXT NOT NULL,"
    " obligations TEXT NOT NULL, missing TEXT NOT NULL, result TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS decisions_time ON decisions(time);";

// Replicas starting together would race to create the table: an advisory lock (any
// fixed number) lets one create it while the others wait.
constexpr const char* kSchemaLocked = "SELECT pg_advisory_lock(7311203)";
constexpr const char* kSchemaUnlock = "SELECT pg_advisory_unlock(7311203)";

struct Result {
  PGresult* r = nullptr;
  explicit Result(PGresult* p) : r(p) {}
  ~Result() {
    if (r) PQclear(r);
  }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  bool ok() const {
    const ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
  }
};

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class Connection {
 public:
  ~Connection() {
    if (c_) PQfinish(c_);
  }
  bool open(const std::string& conninfo, std::string& error) {
    c_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(c_) != CONNECTION_OK) {
      error = trimmed(PQerrorMessage(c_));
      return false;
    }
    // The server's notices go to the structured log, not raw to standard error.
    PQsetNoticeProcessor(
        c_, [](void*, const char* message) { log_event("info", "postgresql_notice", {{"message", json_string(trimmed(message))}}); },
        nullptr);
    return true;
  }
  // A connection the server dropped is made again once, before it is given up.
  bool ready(std::string& error) {
    if (PQstatus(c_) == CONNECTION_OK) return true;
    PQreset(c_);
    if (PQstatus(c_) != CONNECTION_OK) {
      error = trimmed(PQerrorMessage(c_));
      return false;
    }
    return true;
  }
  bool exec(const char* sql, std::string& error) {
    Result r(PQexec(c_, sql));
    if (!r.ok()) error = trimmed(PQerrorMessage(c_));
    return r.ok();
  }
  PGresult* exec_params(const std::string& sql, const std::vector<const char*>& values, const std::vector<int>& lengths) {
    return PQexecParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), lengths.data(),
                        nullptr, 0);
  }
  std::string error() const { return trimmed(PQerrorMessage(c_)); }
  PGconn* get() const { return c_; }

 private:
  PGconn* c_ = nullptr;
};

class PostgresRegister final : public Register {
 public:
  bool open(const std::string& conninfo, bool create, std::string& error) {
    if (!writer_.open(conninfo, error) || !reader_.open(conninfo, error)) return false;
    const char* host = PQhost(writer_.get());
    const char* port = PQport(writer_.get());
    const char* db = PQdb(writer_.get());
    const char* user = PQuser(writer_.get());
    // Named without its password, for logs and /v1/health.
    describe_ = std::string("postgresql://") + (user ? user : "") + "@" + (host ? host : "") + ":" +
                (port ? port : "") + "/" + (db ? db : "");
    if (create) {
      if (!writer_.exec(kSchemaLocked, error)) return false;
      const bool made = writer_.exec(kSchema, error);
      std::string ignored;
      writer_.exec(kSchemaUnlock, ignored);
      if (!made) return false;
    }
    if (!reader_.exec("SELECT 1 FROM decisions WHERE false", error)) {
      error = describe_ + ": not a decision register (" + error + ")";
      return false;
    }
    return true;
  }

  bool append(const std::vector<const DecisionRecord*>& batch, std::string& error) override {
    if (batch.empty()) return true;
    if (!writer_.ready(error)) return false;
    std::string sql = std::string("INSERT INTO decisions (") + kColumns + ") VALUES ";
    std::vector<const char*> values;
    std::vector<int> lengths;
    values.reserve(batch.size() * kColumnCount);
    lengths.reserve(batch.size() * kColumnCount);
    int n = 0;
    for (std::size_t row = 0; row < batch.size(); ++row) {
      const DecisionRecord& r = *batch[row];
      sql += row ? ",(" : "(";
      const std::string* fields[] = {&r.id,      &r.time,     &r.bundle,      &r.endpoint,
                                     &r.flow_from, &r.flow_to, &r.request,    &r.decision,
                                     &r.obligations, &r.missing, &r.result};
      for (int i = 0; i < kColumnCount; ++i) {
        if (i) sql += ',';
        sql += '$';
        sql += std::to_string(++n);
        values.push_back(fields[i]->c_str());
        lengths.push_back(static_cast<int>(fields[i]->size()));
      }
      sql += ')';
    }
    Result r(writer_.exec_params(sql, values, lengths));
    if (!r.ok()) {
      error = writer_.error();
      return false;
    }
    return true;
  }

  bool query(const RegisterQuery& q, std::vector<DecisionRecord>& out, std::string& error) override {
    std::string sql = std::string("SELECT seq, ") + kColumns + " FROM decisions WHERE true";
    std::vector<const std::string*> params;
    auto where = [&](const std::string& value, const char* clause) {
      if (value.empty()) return;
      params.push_back(&value);
      sql += clause;
      sql += std::to_string(params.size());
    };
    where(q.since, " AND time >= $");
    where(q.until, " AND time < $");
    where(q.decision, " AND decision = $");
    where(q.flow_from, " AND flow_from = $");
    where(q.flow_to, " AND flow_to = $");
    sql += q.newest_first ? " ORDER BY seq DESC" : " ORDER BY seq";
    if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit);
    return run(sql, params, out, error);
  }

  bool find(std::string_view id, DecisionRecord& out, bool& found, std::string& error) override {
    const std::string key(id);
    std::vector<DecisionRecord> rows;
    if (!run(std::string("SELECT seq, ") + kColumns + " FROM decisions WHERE decision_id = $1", {&key}, rows, error)) {
      return false;
    }
    found = !rows.empty();
    if (found) out = std::move(rows.front());
    return true;
  }

  std::string describe() const override { return describe_; }

 private:
  bool run(const std::string& sql, const std::vector<const std::string*>& params, std::vector<DecisionRecord>& out,
           std::string& error) {
    std::lock_guard<std::mutex> lock(reader_mutex_);
    if (!reader_.ready(error)) return false;
    std::vector<const char*> values;
    std::vector<int> lengths;
    for (const std::string* p : params) {
      values.push_back(p->c_str());
      lengths.push_back(static_cast<int>(p->size()));
    }
    Result r(reader_.exec_params(sql, values, lengths));
    if (!r.ok()) {
      error = reader_.error();
      return false;
    }
    const int rows = PQntuples(r.r);
    for (int i = 0; i < rows; ++i) {
      DecisionRecord& rec = out.emplace_back();
      rec.seq = std::stoll(PQgetvalue(r.r, i, 0));
      std::string* fields[] = {&rec.id,      &rec.time,     &rec.bundle,      &rec.endpoint,
                               &rec.flow_from, &rec.flow_to, &rec.request,    &rec.decision,
                               &rec.obligations, &rec.missing, &rec.result};
      for (int c = 0; c < kColumnCount; ++c) {
        fields[c]->assign(PQgetvalue(r.r, i, c + 1), static_cast<std::size_t>(PQgetlength(r.r, i, c + 1)));
      }
    }
    return true;
  }

  Connection writer_, reader_;
  std::mutex reader_mutex_;
  std::string describe_;
};

}  // namespace

std::unique_ptr<Register> open_postgresql(const std::string& conninfo, bool create, std::string& error) {
  auto r = std::make_unique<PostgresRegister>();
  if (!r->open(conninfo, create, error)) return nullptr;
  return r;
}

}  // namespace proviso::service::internal
