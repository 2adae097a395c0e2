#pragma once
// One connection: read a request (with a deadline and a body limit), route it, write
// the answer when it comes (perhaps from the register's thread), and read the next.
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <chrono>
#include <string>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "api/api.hpp"
#include "http/io_thread.hpp"

namespace proviso::service::internal {

class Session;

// A connection lives on one thread (http/io_thread.hpp). The types are concrete, not
// asio's type-erased any_io_executor: that one is larger than its inline buffer, so
// every copy of it, several per request, was a heap allocation.
using SessionExecutor = boost::asio::io_context::executor_type;
using SessionSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, SessionExecutor>;
using SessionTimer = boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                                       boost::asio::wait_traits<std::chrono::steady_clock>, SessionExecutor>;

// What the sessions share with the listener: the state, the stop flag, the pool for
// slow endpoints, and the sessions alive (so that stopping can close the idle ones).
struct SessionHub {
  ServiceState& state;
  Offload slow;  // runs a slow endpoint's handler away from the connections' threads
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> alive{0};
  std::mutex mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  SessionHub(ServiceState& s, Offload o) : state(s), slow(std::move(o)) {}
  // Closes every session waiting for a request that has not begun.
  void close_idle();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(SessionSocket socket, IoThread& home, SessionHub& hub);
  ~Session();
  void start();
  void close_if_idle();

 private:
  void read();
  void on_read(boost::beast::error_code ec);
  void answer_error(int status, std::string_view code, std::string message);
  void send(ApiResponse response, bool keep_alive);
  void on_write(boost::beast::error_code ec, bool close);
  void arm_deadline();
  void wait_for_deadline();
  void linger();
  void drain();
  void close();

  SessionSocket socket_;
  IoThread& home_;
  // The deadline of the read or write under way (`guarded_`). The timer is not reset
  // for each one: that cost a cancelled wait and a kernel timer update per request.
  // It waits for the deadline it was given; when it fires it compares the time with
  // the latest deadline and waits again if that is still ahead.
  SessionTimer deadline_;
  std::chrono::steady_clock::time_point deadline_at_;
  bool guarded_ = false;
  bool timer_waiting_ = false;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::string head_;  // the answer's status line and header fields
  std::string body_;
  SessionHub& hub_;
  bool reading_ = false;
  bool timed_out_ = false;
  bool closed_ = false;
  unsigned version_ = 11;
  std::array<char, 4096> discard_;
};

}  // namespace proviso::service::internal
