#pragma once
// The decision register: every decision the service answers, kept so that a governance
// team can show later what was decided, when, on which program and why. One interface,
// two stores: SQLite (one service) and PostgreSQL (several replicas sharing one
// register), with the same columns.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace proviso {

// Text the results of one program repeat (its policies' and rules' entries, the
// reasons' leaves), made once per program. A store may keep a record's result
// compressed against it, and then keeps the dictionary too, so the register reads back
// on its own, whatever program is served later.
struct ResultDictionary {
  std::string digest;   // SHA-256 of `content`, hex: the same text is stored once
  std::string content;
};

struct DecisionRecord {
  std::int64_t seq = 0;       // the register's own order; set when read back
  std::string id;             // UUIDv7, made by the service
  std::string time;           // UTC, ISO 8601 with milliseconds: 2025-01-31T12:00:00.000Z
  std::string bundle;         // the program's hash (SHA-256, hex)
  std::string endpoint;       // "/v1/decide" or "/access/v1/evaluation"
  std::string flow_from, flow_to;
  std::string request;        // the body as sent, as one line of JSON
  std::string decision;       // share | refer | deny | undetermined
  std::string obligations;    // JSON array of names
  std::string missing;        // JSON array of fact names
  std::string result;         // the full result with its trace (the justification), JSON
  // When writing, optional: `result` compressed against the dictionary of the program
  // that decided, made by the service (register/packed_result.hpp); a store that keeps
  // it keeps the dictionary too, and reads `result` back as text. Given only to a store
  // that stores_packed_results(), and then `result` may be empty.
  std::shared_ptr<const ResultDictionary> dictionary;
  std::string packed_result;
};

// Filters shared by `proviso register` and GET /v1/decisions; empty means "any".
struct RegisterQuery {
  std::string since;          // time >= since (a prefix such as 2025-01-31 works: times sort as text)
  std::string until;          // time < until
  std::string decision;
  std::string flow_from, flow_to;
  std::size_t limit = 0;      // 0: no limit
  bool newest_first = false;
};

class Register {
 public:
  virtual ~Register() = default;
  // Stores every record of `batch` in one transaction and returns only once it is
  // durable; false (with `error`) when nothing was stored. Called by one thread at a time.
  virtual bool append(const std::vector<const DecisionRecord*>& batch, std::string& error) = 0;
  // Safe to call from any thread, concurrently with append.
  virtual bool query(const RegisterQuery& q, std::vector<DecisionRecord>& out, std::string& error) = 0;
  // `found` says whether the id is there.
  virtual bool find(std::string_view id, DecisionRecord& out, bool& found, std::string& error) = 0;
  // "sqlite:FILE" or the PostgreSQL address without its password.
  virtual std::string describe() const = 0;
  // Whether append stores a record's packed_result, when it has one, in place of its
  // result. Only then does the service pack results, and it frees their text once packed.
  virtual bool stores_packed_results() const { return false; }
};

// "sqlite:FILE" or "postgresql://..." (also "postgres://..."). `create`: make the
// file and the table when missing (the service); otherwise a missing register is an
// error (`proviso register`). Returns null with `error` set on failure.
std::unique_ptr<Register> open_register(std::string_view target, bool create, std::string& error);

// One record as a JSON object (one line): decision_id, time, bundle, endpoint, from,
// to, decision, obligations, missing, request, result.
std::string record_json(const DecisionRecord& r);
// CSV (RFC 4180): the header line, and one record per line with the same columns
// (JSON values as text).
std::string record_csv_header();
std::string record_csv(const DecisionRecord& r);

}  // namespace proviso
