#include "http/io_thread.hpp"

#include <boost/asio/post.hpp>

namespace proviso::service::internal {

void IoThread::deliver(std::function<void()> task) {
  bool post = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    inbox_.push_back(std::move(task));
    post = !scheduled_;
    scheduled_ = true;
  }
  if (post) boost::asio::post(io_, [this] { drain(); });
}

void IoThread::drain() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_.swap(inbox_);
    scheduled_ = false;
  }
  for (auto& task : running_) task();
  running_.clear();
}

}  // namespace proviso::service::internal
