#include "watchdog.hpp"

namespace proviso::analysis::internal {

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

Watchdog::Guard::Guard(Watchdog& w, std::chrono::milliseconds limit) : w_(w), armed_(limit.count() > 0) {
  // Z3's timer gets the limit plus a tenth and 20 ms to answer on its own.
  if (armed_) w_.arm(Clock::now() + limit + limit / 10 + std::chrono::milliseconds(20));
}

Watchdog::Guard::~Guard() {
  if (armed_) w_.disarm();
}

void Watchdog::arm(Clock::time_point deadline) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    armed_ = true;
    deadline_ = deadline;
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  }
  wake_.notify_one();
}

void Watchdog::disarm() {
  std::lock_guard<std::mutex> lock(mutex_);
  armed_ = false;
}

void Watchdog::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (!armed_) {
      wake_.wait(lock, [&] { return stopping_ || armed_; });
      continue;
    }
    if (Clock::now() < deadline_) {
      const Clock::time_point deadline = deadline_;
      wake_.wait_until(lock, deadline, [&] { return stopping_ || !armed_ || deadline_ != deadline; });
      continue;
    }
    // Past the deadline and still running: interrupt, and again every 20 ms, since an
    // interrupt that arrives between two of Z3's phases can be cleared by the next.
    ctx_.interrupt();
    wake_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stopping_ || !armed_; });
  }
}

}  // namespace proviso::analysis::internal
