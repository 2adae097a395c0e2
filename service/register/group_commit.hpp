#pragma once
// Group commit: requests hand their record to one committer thread and are answered
// when the transaction holding it is durable. While one transaction is being written,
// the records that arrive queue up and go together in the next, so many requests share
// one sync without any being answered before its record is on disk.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/metrics.hpp"
#include "proviso/service/register.hpp"

namespace proviso::service::internal {

class GroupCommit {
 public:
  // `done(ok, error)` runs on the committer thread once the record is durable (ok) or
  // its transaction failed (nothing of it stored).
  using Done = std::function<void(bool ok, const std::string& error)>;

  GroupCommit(Register& store, Metrics& metrics, std::size_t max_batch);
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  void submit(DecisionRecord record, Done done);
  // Writes what is queued, then stops the thread. Records submitted afterwards fail.
  void stop();

 private:
  struct Pending {
    DecisionRecord record;
    Done done;
  };
  void run();

  Register& store_;
  Metrics& metrics_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace proviso::service::internal
