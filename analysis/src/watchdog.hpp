#pragma once
// Z3's own time limit is a timer that can lose a race with a short limit: a query given
// 1 ms has been seen to run on for minutes under load. Every query therefore also runs
// under a watchdog that interrupts the context from its own thread once the query has
// outlived its limit (with a little grace, so Z3's timer normally answers first), and
// keeps interrupting until the query returns. Z3 reports such a query as
// "interrupted", which the callers read as a timeout.
#include <z3++.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace proviso::analysis::internal {

class Watchdog {
 public:
  explicit Watchdog(z3::context& ctx) : ctx_(ctx) {}
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // While a Guard lives, the context is interrupted once `limit` has passed (a zero
  // limit: never). One guard at a time.
  class Guard {
   public:
    Guard(Watchdog& w, std::chrono::milliseconds limit);
    ~Guard();
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

   private:
    Watchdog& w_;
    bool armed_;
  };

 private:
  using Clock = std::chrono::steady_clock;
  void arm(Clock::time_point deadline);
  void disarm();
  void run();

  z3::context& ctx_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool armed_ = false;
  bool stopping_ = false;
  Clock::time_point deadline_;
  std::thread thread_;  // started by the first guard with a limit
};

}  // namespace proviso::analysis::internal
