// The PostgreSQL register, for several replicas sharing one store. A batch is one
// multi-row INSERT (one round trip, one transaction); ids are UUIDv7 made by each
// replica and unique in the table, so a record can be stored only once.
#include <libpq-fe.h>

#include <poll.h>

#include <cerrno>
#include <chrono>
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

// Every wait on the server is bounded. A server that stops answering (frozen, or a
// network that drops packets without a reset) would otherwise hold the committer in
// libpq forever: requests would wait without an answer and SIGTERM could not stop the
// service. After kTimeoutSeconds the query fails (its requests get 503, nothing was
// acknowledged), the connection is dropped and the next batch connects afresh.
constexpr int kTimeoutSeconds = 10;

class Connection {
 public:
  ~Connection() { close(); }
  bool open(const std::string& conninfo, std::string& error) {
    conninfo_ = conninfo;
    return connect(error);
  }
  // A connection the server dropped (or that timed out) is made again once, before it
  // is given up.
  bool ready(std::string& error) {
    if (c_ && PQstatus(c_) == CONNECTION_OK) return true;
    close();
    return connect(error);
  }
  bool exec(const char* sql, std::string& error) {
    if (!c_ && !connect(error)) return false;
    Result r(PQsendQuery(c_, sql) ? wait_result(error) : fail_send(error));
    if (!r.ok() && error.empty()) error = trimmed(PQerrorMessage(c_));
    return r.ok();
  }
  // nullptr with `error` set when the query could not be sent or timed out.
  PGresult* exec_params(const std::string& sql, const std::vector<const char*>& values, const std::vector<int>& lengths,
                        std::string& error) {
    if (!c_ && !connect(error)) return nullptr;
    if (!PQsendQueryParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), lengths.data(),
                           nullptr, 0))
      return fail_send(error);
    return wait_result(error);
  }
  std::string error() const { return c_ ? trimmed(PQerrorMessage(c_)) : std::string("not connected"); }
  PGconn* get() const { return c_; }

 private:
  bool connect(std::string& error) {
    // connect_timeout comes first so that one in the user's URI overrides it.
    const std::string timeout = std::to_string(kTimeoutSeconds);
    const char* keys[] = {"connect_timeout", "dbname", nullptr};
    const char* values[] = {timeout.c_str(), conninfo_.c_str(), nullptr};
    c_ = PQconnectdbParams(keys, values, 1);
    if (PQstatus(c_) != CONNECTION_OK) {
      error = trimmed(PQerrorMessage(c_));
      close();
      return false;
    }
    // Non-blocking, so that sending a large batch to a server that reads nothing cannot
    // block either.
    PQsetnonblocking(c_, 1);
    // The server's notices go to the structured log, not raw to standard error.
    PQsetNoticeProcessor(
        c_, [](void*, const char* message) { log_event("info", "postgresql_notice", {{"message", json_string(trimmed(message))}}); },
        nullptr);
    return true;
  }
  void close() {
    if (c_) PQfinish(c_);
    c_ = nullptr;
  }
  PGresult* fail_send(std::string& error) {
    error = trimmed(PQerrorMessage(c_));
    close();
    return nullptr;
  }
  // Waits until `events` are possible on the socket or the deadline passes.
  bool wait_socket(short events, std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fd{PQsocket(c_), events, 0};
    int n;
    do {
      n = ::poll(&fd, 1, static_cast<int>(left.count()));
    } while (n < 0 && errno == EINTR);
    return n > 0;
  }
  // The last result of the query sent (earlier ones freed), within the deadline.
  PGresult* wait_result(std::string& error) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kTimeoutSeconds);
    auto timed_out = [&]() -> PGresult* {
      error = "the PostgreSQL server did not answer within " + std::to_string(kTimeoutSeconds) + " s";
      close();
      return nullptr;
    };
    for (;;) {  // send what libpq still holds
      const int f = PQflush(c_);
      if (f == 0) break;
      if (f < 0) return fail_send(error);
      if (!wait_socket(POLLOUT | POLLIN, deadline)) return timed_out();
      if (!PQconsumeInput(c_)) return fail_send(error);
    }
    PGresult* last = nullptr;
    for (;;) {
      while (PQisBusy(c_)) {
        if (!wait_socket(POLLIN, deadline)) {
          if (last) PQclear(last);
          return timed_out();
        }
        if (!PQconsumeInput(c_)) {
          if (last) PQclear(last);
          return fail_send(error);
        }
      }
      PGresult* r = PQgetResult(c_);
      if (!r) return last;
      if (last) PQclear(last);
      last = r;
    }
  }

  std::string conninfo_;
  PGconn* c_ = nullptr;
};

class PostgresRegister final : public SqlRegister {
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
    std::string failure;
    Result r(writer_.exec_params(sql, values, lengths, failure));
    if (!r.ok()) {
      error = failure.empty() ? writer_.error() : failure;
      return false;
    }
    return true;
  }

  std::string describe() const override { return describe_; }

 private:
  std::string parameter_marker(std::size_t n) const override {
    return "$" + std::to_string(n);
  }
  bool run(const std::string& sql, const std::vector<const std::string*>& params, std::vector<DecisionRecord>& out,
           std::string& error) override {
    std::lock_guard<std::mutex> lock(reader_mutex_);
    if (!reader_.ready(error)) return false;
    std::vector<const char*> values;
    std::vector<int> lengths;
    for (const std::string* p : params) {
      values.push_back(p->c_str());
      lengths.push_back(static_cast<int>(p->size()));
    }
    std::string failure;
    Result r(reader_.exec_params(sql, values, lengths, failure));
    if (!r.ok()) {
      error = failure.empty() ? reader_.error() : failure;
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
