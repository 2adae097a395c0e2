#pragma once
// One connection: read a request (with a deadline and a body limit), route it, write
// the answer when it comes (perhaps from the register's thread), and read the next.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "api/api.hpp"

namespace proviso::service::internal {

class Session;

// What the sessions share with the listener: the state, the stop flag, and the
// sessions alive (so that stopping can close the idle ones).
struct SessionHub {
  ServiceState& state;
  boost::asio::io_context& io;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> alive{0};
  std::mutex mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  SessionHub(ServiceState& s, boost::asio::io_context& i) : state(s), io(i) {}
  // Closes every session waiting for a request that has not begun.
  void close_idle();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, SessionHub& hub);
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
  void linger();
  void drain();
  void close();

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer deadline_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  SessionHub& hub_;
  bool reading_ = false;
  bool timed_out_ = false;
  bool closed_ = false;
  unsigned version_ = 11;
  std::array<char, 4096> discard_;
};

}  // namespace proviso::service::internal
