#include "register/group_commit.hpp"

#include <chrono>
#include <vector>

#include "core/log.hpp"
#include "core/util.hpp"

namespace proviso::service::internal {

GroupCommit::GroupCommit(Register& store, Metrics& metrics, std::size_t max_batch)
    : store_(store), metrics_(metrics), max_batch_(max_batch == 0 ? 1 : max_batch), thread_([this] { run(); }) {}

GroupCommit::~GroupCommit() { stop(); }

void GroupCommit::submit(DecisionRecord record, Done done) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(record), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(false, "the service is stopping");
}

void GroupCommit::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void GroupCommit::run() {
  std::vector<Pending> batch;
  std::vector<const DecisionRecord*> records;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is written
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    records.clear();
    for (const Pending& p : batch) records.push_back(&p.record);
    std::string error;
    const auto start = std::chrono::steady_clock::now();
    bool ok;
    try {
      ok = store_.append(records, error);
    } catch (const std::exception& e) {
      ok = false;
      error = e.what();
    }
    metrics_.commit(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), batch.size(), ok);
    if (!ok) {
      log_event("error", "register_commit_failed",
                {{"records", std::to_string(batch.size())}, {"error", json_string(error)}});
    }
    for (Pending& p : batch) p.done(ok, error);
    batch.clear();
  }
}

}  // namespace proviso::service::internal
