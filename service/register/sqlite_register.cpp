// The SQLite register: one file, WAL mode, synchronous=FULL. The committer thread has
// its own connection; queries share a second one under a lock, and WAL lets them read
// while a batch is being written. Checkpoints (copying the log into the file) run on a
// thread of their own with a third connection, so that a commit never waits for one:
// on the committer's thread they held up every request behind them (p99 18 ms at 64
// connections, against a 0.45 ms fsync).

#include <sqlite3.h>

#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "register/packed_result.hpp"
#include "register/stores.hpp"

namespace proviso::service::internal {
namespace {

// Format 2 (PRAGMA user_version): decision_id has no index of its own. A record's id
// and time come from one clock reading, so the id gives the time and the time index
// finds it; each commit then rewrites the last pages of one index, not two (6.4 log
// frames for 32 records against 8.7, and 2.5-3 µs less CPU a record in the register
// benchmark). Files made before it (format 0) keep their unique index and are read and
// written as they are.
constexpr int kFormat = 2;
constexpr const char* kSchema =
    "CREATE TABLE decisions ("
    " seq INTEGER PRIMARY KEY,"
    " decision_id TEXT NOT NULL, time TEXT NOT NULL, bundle TEXT NOT NULL, endpoint TEXT NOT NULL,"
    " flow_from TEXT NOT NULL, flow_to TEXT NOT NULL, request TEXT NOT NULL, decision TEXT NOT NULL,"
    " obligations TEXT NOT NULL, missing TEXT NOT NULL, result TEXT NOT NULL);"
    "CREATE INDEX decisions_time ON decisions(time);"
    "PRAGMA user_version = 2;";
// The results' dictionaries (register/packed_result.hpp): a result stored as a BLOB is
// compressed against the dictionary whose id it names. Added to a register made before
// them when the service next opens it; a register without it has no packed results.
constexpr const char* kDictionaries =
    "CREATE TABLE IF NOT EXISTS dictionaries (id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE,"
    " content BLOB NOT NULL);";


struct Connection {
  sqlite3* db = nullptr;
  ~Connection() {
    if (db) sqlite3_close_v2(db);
  }
  std::string error() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
  bool exec(const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      error = message ? message : this->error();
      sqlite3_free(message);
      return false;
    }
    return true;
  }
};

struct Statement {
  sqlite3_stmt* s = nullptr;
  ~Statement() {
    if (s) sqlite3_finalize(s);
  }
};

// Waits for a lock held by another connection: at first in steps of 20 µs, then of
// 1 ms, for 10 s in all. SQLite's own busy timeout sleeps 1, 2, 5, 10 ms...: a commit
// that met the checkpointer's short hold on the log could sleep 3 ms or more, in every
// answer's way.
int wait_for_lock(void*, int attempt) {
  constexpr int kShortSteps = 250;   // of 20 µs: the first 5 ms
  constexpr int kLongSteps = 9'995;  // of 1 ms: the rest of the 10 s
  if (attempt >= kShortSteps + kLongSteps) return 0;
  std::timespec step{0, attempt < kShortSteps ? 20'000 : 1'000'000};
  nanosleep(&step, nullptr);
  return 1;
}

bool open_connection(Connection& c, const std::string& file, int flags, std::string& error) {
  if (sqlite3_open_v2(file.c_str(), &c.db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    error = "sqlite:" + file + ": " + c.error();
    return false;
  }
  sqlite3_busy_handler(c.db, wait_for_lock, nullptr);
  return true;
}

std::string column(sqlite3_stmt* s, int i) {
  const unsigned char* text = sqlite3_column_text(s, i);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
              : std::string();
}

// Every column but the result, which may be packed (SqliteRegister::read_result).
void read_row(sqlite3_stmt* s, DecisionRecord& r) {
  r.seq = sqlite3_column_int64(s, 0);
  std::string* fields[] = {&r.id,       &r.time,        &r.bundle,  &r.endpoint, &r.flow_from, &r.flow_to,
                           &r.request,  &r.decision,    &r.obligations, &r.missing};
  for (int i = 0; i < kColumnCount - 1; ++i) *fields[i] = column(s, i + 1);
}

class SqliteRegister final : public SqlRegister {
 public:
  explicit SqliteRegister(std::string file) : file_(std::move(file)) {}
  ~SqliteRegister() override {
    {
      std::lock_guard<std::mutex> lock(checkpoint_mutex_);
      checkpoint_stop_ = true;
    }
    checkpoint_wake_.notify_one();
    if (checkpointer_thread_.joinable()) checkpointer_thread_.join();
  }

  bool open(bool create, std::string& error) {
    if (!create && !std::filesystem::exists(file_)) {
      error = "sqlite:" + file_ + ": no such register";
      return false;
    }
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (!open_connection(writer_, file_, flags, error)) return false;
    std::string e;
    // WAL lets queries read while batches are written; FULL syncs the log at every
    // commit, so a committed batch survives a crash of the process or the machine.
    // A new file takes 16 KiB pages, set before its first table: a record with an
    // unpacked result (4 KB and more) then rarely spills to an overflow page. With
    // packed results (under 1 KB a record) 4 KiB pages measured the same. The size of an
    // existing file is kept.
    if ((create && !writer_.exec("PRAGMA page_size=16384;", e)) ||
        !writer_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", e) ||
        (create && !create_tables(e)) || !read_format(e)) {
      error = "sqlite:" + file_ + ": " + e;
      return false;
    }
    if (!open_connection(reader_, file_, SQLITE_OPEN_READWRITE, error)) return false;
    if (!open_connection(checkpointer_, file_, SQLITE_OPEN_READWRITE, error) ||
        !checkpointer_.exec("PRAGMA synchronous=FULL;", e)) {
      if (error.empty()) error = "sqlite:" + file_ + ": " + e;
      return false;
    }
    // Replaces SQLite's own checkpoint after a commit (sqlite3_wal_autocheckpoint is
    // this same hook): the committer only says how long the log is.
    sqlite3_wal_hook(writer_.db, &SqliteRegister::log_grew, this);
    checkpointer_thread_ = std::thread([this] { checkpoints(); });
    Statement check;
    if (sqlite3_prepare_v2(reader_.db, "SELECT count(*) FROM decisions WHERE 0", -1, &check.s, nullptr) != SQLITE_OK) {
      error = "sqlite:" + file_ + ": not a decision register (" + reader_.error() + ")";
      return false;
    }
    const std::string sql = std::string("INSERT INTO decisions (") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    // Prepared once: parsing BEGIN and COMMIT again for every transaction cost the
    // committer, whose time every waiting answer shares.
    if (sqlite3_prepare_v2(writer_.db, sql.c_str(), -1, &insert_.s, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(writer_.db, "BEGIN IMMEDIATE", -1, &begin_.s, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(writer_.db, "COMMIT", -1, &commit_.s, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(writer_.db, "ROLLBACK", -1, &rollback_.s, nullptr) != SQLITE_OK ||
        (create && (sqlite3_prepare_v2(writer_.db, "SELECT id FROM dictionaries WHERE digest = ?", -1, &find_dictionary_.s,
                                       nullptr) != SQLITE_OK ||
                    sqlite3_prepare_v2(writer_.db, "INSERT INTO dictionaries (digest, content) VALUES (?, ?)", -1,
                                       &insert_dictionary_.s, nullptr) != SQLITE_OK))) {
      error = "sqlite:" + file_ + ": " + writer_.error();
      return false;
    }
    return true;
  }

  bool append(const std::vector<const DecisionRecord*>& batch, std::string& error) override {
    if (!step(begin_, error)) return false;
    const auto fail = [&] {
      std::string ignored;
      step(rollback_, ignored);
      // The ids of dictionaries written in this transaction are gone with it.
      for (const std::string& digest : new_dictionaries_) dictionary_ids_.erase(digest);
      new_dictionaries_.clear();
      return false;
    };
    for (const DecisionRecord* r : batch) {
      const std::string* fields[] = {&r->id,      &r->time,     &r->bundle,      &r->endpoint,
                                     &r->flow_from, &r->flow_to, &r->request,    &r->decision,
                                     &r->obligations, &r->missing};
      for (int i = 0; i < kColumnCount - 1; ++i) {
        sqlite3_bind_text(insert_.s, i + 1, fields[i]->data(), static_cast<int>(fields[i]->size()), SQLITE_STATIC);
      }
      std::uint32_t dictionary = 0;
      if (r->dictionary && !r->packed_result.empty() && insert_dictionary_.s) {
        if (!dictionary_id(*r->dictionary, dictionary, error)) return fail();
        packed_ = r->packed_result;
        set_dictionary_id(packed_, dictionary);
      }
      if (dictionary != 0) {
        sqlite3_bind_blob(insert_.s, kColumnCount, packed_.data(), static_cast<int>(packed_.size()), SQLITE_STATIC);
      } else {
        sqlite3_bind_text(insert_.s, kColumnCount, r->result.data(), static_cast<int>(r->result.size()), SQLITE_STATIC);
      }
      const int rc = sqlite3_step(insert_.s);
      sqlite3_reset(insert_.s);
      sqlite3_clear_bindings(insert_.s);
      if (rc != SQLITE_DONE) {
        error = writer_.error();
        return fail();
      }
    }
    if (!step(commit_, error)) return fail();
    new_dictionaries_.clear();
    return true;
  }

  std::string describe() const override { return "sqlite:" + file_; }
  bool finds_by_time() const override { return format_ >= kFormat; }
  bool stores_packed_results() const override { return insert_dictionary_.s != nullptr; }

  // A passive checkpoint each time the log has grown by this many frames (2 MiB of 16
  // KiB pages) since the last: it copies what is committed while commits go on. Under
  // a steady stream of commits the log is never wholly copied, so the writer cannot
  // start it again by itself: past kRestartFrames a checkpoint also waits for the
  // writer and restarts the log, which bounds its size.
  // Measured (50-rule records, 32 a commit): a checkpoint after every commit once the
  // log passed 1,000 frames, as SQLite's own rule does when run on another thread,
  // cost 8 µs a record and made commits 0.85 ms at the median; one every 128 frames
  // costs 2 µs and commits take 0.65 ms. Much larger ones (1,000 frames) are cheaper
  // still, but the file's sync at their end held a commit's sync up for 5-10 ms.
  static constexpr int kCheckpointFrames = 128;
  static constexpr int kRestartFrames = 8000;

 private:
  std::string parameter_marker(std::size_t) const override {
    return "?";
  }
  bool run(const std::string& sql, const std::vector<const std::string*>& params, std::vector<DecisionRecord>& out,
           std::string& error) override {
    std::lock_guard<std::mutex> lock(reader_mutex_);
    Statement st;
    if (sqlite3_prepare_v2(reader_.db, sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK) {
      error = reader_.error();
      return false;
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(st.s, static_cast<int>(i + 1), params[i]->data(), static_cast<int>(params[i]->size()),
                        SQLITE_STATIC);
    }
    int rc;
    while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
      DecisionRecord& r = out.emplace_back();
      read_row(st.s, r);
      if (!read_result(st.s, r, error)) return false;
    }
    if (rc != SQLITE_DONE) {
      error = reader_.error();
      return false;
    }
    return true;
  }

  // A new file's tables, in format 2; a file that has them keeps its format, and gets
  // the dictionaries' table if it was made before them. In one transaction, so that two
  // services opening one new file at once make it once.
  bool create_tables(std::string& e) {
    if (!writer_.exec("BEGIN IMMEDIATE", e)) return false;
    bool ok = true;
    int tables = 0;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(writer_.db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'decisions'",
                           -1, &s, nullptr) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
      e = writer_.error();
      ok = false;
    } else {
      tables = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    ok = ok && (tables > 0 || writer_.exec(kSchema, e)) && writer_.exec(kDictionaries, e);
    if (!ok) {
      std::string ignored;
      writer_.exec("ROLLBACK", ignored);
      return false;
    }
    return writer_.exec("COMMIT", e);
  }

  bool read_format(std::string& e) {
    sqlite3_stmt* s = nullptr;
    const bool ok = sqlite3_prepare_v2(writer_.db, "PRAGMA user_version", -1, &s, nullptr) == SQLITE_OK &&
                    sqlite3_step(s) == SQLITE_ROW;
    if (ok) format_ = sqlite3_column_int(s, 0);
    if (!ok) e = writer_.error();
    sqlite3_finalize(s);
    return ok;
  }

  // Runs a prepared statement that returns no rows.
  bool step(Statement& st, std::string& error) {
    const int rc = sqlite3_step(st.s);
    sqlite3_reset(st.s);
    if (rc != SQLITE_DONE) {
      error = writer_.error();
      return false;
    }
    return true;
  }

  // The id of a dictionary, written in this transaction the first time it is used.
  bool dictionary_id(const ResultDictionary& d, std::uint32_t& id, std::string& error) {
    if (auto it = dictionary_ids_.find(d.digest); it != dictionary_ids_.end()) {
      id = it->second;
      return true;
    }
    sqlite3_bind_text(find_dictionary_.s, 1, d.digest.data(), static_cast<int>(d.digest.size()), SQLITE_STATIC);
    int rc = sqlite3_step(find_dictionary_.s);
    const std::int64_t found = rc == SQLITE_ROW ? sqlite3_column_int64(find_dictionary_.s, 0) : 0;
    sqlite3_reset(find_dictionary_.s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      error = writer_.error();
      return false;
    }
    std::int64_t row = found;
    if (row == 0) {
      sqlite3_bind_text(insert_dictionary_.s, 1, d.digest.data(), static_cast<int>(d.digest.size()), SQLITE_STATIC);
      sqlite3_bind_blob(insert_dictionary_.s, 2, d.content.data(), static_cast<int>(d.content.size()), SQLITE_STATIC);
      rc = sqlite3_step(insert_dictionary_.s);
      sqlite3_reset(insert_dictionary_.s);
      if (rc != SQLITE_DONE) {
        error = writer_.error();
        return false;
      }
      row = sqlite3_last_insert_rowid(writer_.db);
      new_dictionaries_.push_back(d.digest);
    }
    if (row <= 0 || row > 0xffffffffLL) {
      error = "the register has too many dictionaries";
      return false;
    }
    id = static_cast<std::uint32_t>(row);
    dictionary_ids_.emplace(d.digest, id);
    return true;
  }

  // The result column: text as it is, or a packed result unpacked with its dictionary.
  bool read_result(sqlite3_stmt* s, DecisionRecord& r, std::string& error) {
    const int i = kColumnCount;
    if (sqlite3_column_type(s, i) != SQLITE_BLOB) {
      r.result = column(s, i);
      return true;
    }
    const auto* data = static_cast<const char*>(sqlite3_column_blob(s, i));
    const std::string_view stored(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
    const auto lookup = [this](std::uint32_t id, std::string& content, std::string& e) {
      Statement st;
      if (sqlite3_prepare_v2(reader_.db, "SELECT content FROM dictionaries WHERE id = ?", -1, &st.s, nullptr) !=
          SQLITE_OK) {
        e = reader_.error();
        return false;
      }
      sqlite3_bind_int64(st.s, 1, id);
      if (sqlite3_step(st.s) != SQLITE_ROW) {
        e = "its dictionary " + std::to_string(id) + " is not in the register";
        return false;
      }
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(st.s, 0));
      content.assign(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(st.s, 0)));
      return true;
    };
    std::string why;
    if (!unpacker_.unpack(stored, lookup, r.result, why)) {
      error = "sqlite:" + file_ + ": the result of decision " + r.id + " cannot be read: " + why;
      return false;
    }
    return true;
  }

  // Runs on the committer after each commit, with the log's length in frames.
  static int log_grew(void* self, sqlite3*, const char*, int frames) {
    auto* r = static_cast<SqliteRegister*>(self);
    if (frames < r->checkpoint_from_) r->checkpoint_from_ = 0;  // the log was started again
    if (frames - r->checkpoint_from_ < kCheckpointFrames) return SQLITE_OK;
    r->checkpoint_from_ = frames;
    {
      std::lock_guard<std::mutex> lock(r->checkpoint_mutex_);
      r->log_frames_ = frames;
    }
    r->checkpoint_wake_.notify_one();
    return SQLITE_OK;
  }

  void checkpoints() {
    std::unique_lock<std::mutex> lock(checkpoint_mutex_);
    for (;;) {
      checkpoint_wake_.wait(lock, [&] { return checkpoint_stop_ || log_frames_ > 0; });
      if (checkpoint_stop_) return;
      const int frames = log_frames_;
      log_frames_ = 0;
      lock.unlock();
      const int mode = frames >= kRestartFrames ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE;
      // A checkpoint that cannot run now (busy) is tried again after the next commits;
      // the committed records are safe in the log whatever happens here.
      sqlite3_wal_checkpoint_v2(checkpointer_.db, nullptr, mode, nullptr, nullptr);
      lock.lock();
    }
  }

  std::string file_;
  int format_ = 0;  // PRAGMA user_version: 2 for files made by this version
  Connection writer_;
  Statement insert_, begin_, commit_, rollback_;
  Statement find_dictionary_, insert_dictionary_;  // only when the register was opened to write
  std::string packed_;
  std::map<std::string, std::uint32_t, std::less<>> dictionary_ids_;  // by digest
  std::vector<std::string> new_dictionaries_;  // written in the transaction under way
  Connection reader_;
  ResultUnpacker unpacker_;  // under reader_mutex_
  std::mutex reader_mutex_;
  Connection checkpointer_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  int log_frames_ = 0;
  int checkpoint_from_ = 0;  // the log's length at the last checkpoint asked for; committer only
  bool checkpoint_stop_ = false;
  std::thread checkpointer_thread_;  // last: stopped before the connections close
};

}  // namespace

std::unique_ptr<Register> open_sqlite(const std::string& file, bool create, std::string& error) {
  auto r = std::make_unique<SqliteRegister>(file);
  if (!r->open(create, error)) return nullptr;
  return r;
}

}  // namespace proviso::service::internal
