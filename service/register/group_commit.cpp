#include "register/group_commit.hpp"

#include <chrono>

#include "core/log.hpp"
#include "core/util.hpp"

namespace proviso::service::internal {

GroupCommit::GroupCommit(Register& store, Metrics& metrics, std::size_t max_batch)
    : store_(store),
      metrics_(metrics),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      finisher_([this] { finish(); }),
      thread_([this] { run(); }) {}

GroupCommit::~GroupCommit() { stop(); }

void GroupCommit::submit(DecisionRecord record, Done done) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(record), std::move(done)});
      // The committer waits for a first record, or (under load) for a full batch: a
      // wake-up for any other record would only put it back to sleep, at the cost of
      // a system call here and two context switches there.
      if (queue_.size() == 1 || queue_.size() == kFullBatch) wake_.notify_one();
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
  {
    std::lock_guard<std::mutex> lock(finished_mutex_);
    finisher_stopping_ = true;
  }
  finished_wake_.notify_one();
  if (finisher_.joinable()) finisher_.join();
}

void GroupCommit::run() {
  std::vector<Pending> batch;
  std::vector<const DecisionRecord*> records;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is written
      // Under load (the last transaction held several records), a short wait lets
      // more records join this one: fewer, larger transactions cost less CPU per
      // record, and the CPU is what the answers wait for. A lone request never waits.
      if (last_batch_ >= kBusyBatch && queue_.size() < kFullBatch && !stopping_) {
        wake_.wait_for(lock, kCommitDelay, [&] { return stopping_ || queue_.size() >= kFullBatch; });
      }
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    last_batch_ = batch.size();
    records.clear();
    for (const Pending& p : batch) records.push_back(&p.record);
    Finished done;
    const auto start = std::chrono::steady_clock::now();
    try {
      done.ok = store_.append(records, done.error);
    } catch (const std::exception& e) {
      done.ok = false;
      done.error = e.what();
    }
    metrics_.commit(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), batch.size(),
                    done.ok);
    if (!done.ok) {
      log_event("error", "register_commit_failed",
                {{"records", std::to_string(batch.size())}, {"error", json_string(done.error)}});
    }
    done.batch.swap(batch);
    {
      std::lock_guard<std::mutex> lock(finished_mutex_);
      finished_.push_back(std::move(done));
    }
    finished_wake_.notify_one();
  }
}

void GroupCommit::finish() {
  std::deque<Finished> work;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(finished_mutex_);
      finished_wake_.wait(lock, [&] { return finisher_stopping_ || !finished_.empty(); });
      if (finished_.empty()) return;  // stopping, and every answer is handed back
      work.swap(finished_);
    }
    for (Finished& f : work) {
      for (Pending& p : f.batch) p.done(f.ok, f.error);
    }
    work.clear();  // the records are freed here too, not on the committer
  }
}

}  // namespace proviso::service::internal
