#pragma once
// One thread of the service and its event loop. Each connection lives on one of them
// for its whole life, so its handlers never run at once and need no strand. Answers
// that come from elsewhere (the register's committer, the pool for slow endpoints)
// reach the connection through its thread's mailbox: what arrives while the thread is
// busy runs together in one handler, so a commit of 30 records wakes each thread once
// rather than 30 times.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <mutex>
#include <vector>

namespace proviso::service::internal {

class IoThread {
 public:
  // The loop runs until stopped, idle or not.
  IoThread() : io_(1), work_(io_.get_executor()) {}
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;

  boost::asio::io_context& io() { return io_; }
  bool is_current() { return io_.get_executor().running_in_this_thread(); }

  // Runs `task` on this thread; safe to call from any thread.
  void deliver(std::function<void()> task);

 private:
  void drain();

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::mutex mutex_;
  std::vector<std::function<void()>> inbox_;
  std::vector<std::function<void()>> running_;  // on the thread only
  bool scheduled_ = false;
};

}  // namespace proviso::service::internal
