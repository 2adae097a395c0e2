#include "http/session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>

#include "core/util.hpp"

namespace proviso::service::internal {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {
constexpr std::uint32_t kHeaderLimit = 16 * 1024;
}

void SessionHub::close_idle() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->close_if_idle();
}

Session::Session(SessionSocket socket, IoThread& home, SessionHub& hub)
    : socket_(std::move(socket)), home_(home), deadline_(socket_.get_executor()), hub_(hub) {
  hub_.alive.fetch_add(1);
}

Session::~Session() {
  {
    std::lock_guard<std::mutex> lock(hub_.mutex);
    hub_.sessions.erase(this);
  }
  hub_.alive.fetch_sub(1);
}

void Session::start() {
  {
    std::lock_guard<std::mutex> lock(hub_.mutex);
    hub_.sessions.emplace(this, weak_from_this());
  }
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->read(); });
}

void Session::close_if_idle() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    const bool begun = self->buffer_.size() > 0 || (self->parser_ && self->parser_->got_some());
    if (self->reading_ && !begun) self->close();
  });
}

// One deadline for each read of a request and each write of an answer. A client that
// sends part of a request and stalls gets 408; one that never starts another request on
// a kept-alive connection is closed without a word.
void Session::arm_deadline() {
  deadline_at_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(hub_.state.options.timeout_ms);
  guarded_ = true;
  if (!timer_waiting_) wait_for_deadline();
}

void Session::wait_for_deadline() {
  timer_waiting_ = true;
  deadline_.expires_at(deadline_at_);
  deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
    self->timer_waiting_ = false;
    if (ec || self->closed_ || !self->guarded_) return;  // nothing under way: armed again with the next
    if (self->deadline_at_ > std::chrono::steady_clock::now()) {
      self->wait_for_deadline();  // a later read or write moved the deadline on
      return;
    }
    self->timed_out_ = true;
    beast::error_code ignored;
    self->socket_.cancel(ignored);
  });
}

void Session::read() {
  if (hub_.stopping.load() && buffer_.size() == 0) {
    close();
    return;
  }
  parser_.emplace();
  parser_->body_limit(hub_.state.options.max_body);
  parser_->header_limit(kHeaderLimit);
  reading_ = true;
  timed_out_ = false;
  arm_deadline();
  http::async_read(socket_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Session::on_read(beast::error_code ec) {
  reading_ = false;
  guarded_ = false;
  if (closed_) return;
  if (ec) {
    if (timed_out_) {
      const bool begun = buffer_.size() > 0 || parser_->got_some();
      if (begun) {
        answer_error(408, "timeout",
                     "the request did not arrive within " + std::to_string(hub_.state.options.timeout_ms) + " ms");
      } else {
        close();
      }
    } else if (ec == http::error::body_limit) {
      answer_error(413, "too-large",
                   "the body is larger than " + std::to_string(hub_.state.options.max_body) + " bytes (--max-body)");
    } else if (ec == http::error::header_limit) {
      answer_error(431, "too-large", "the request header is larger than " + std::to_string(kHeaderLimit) + " bytes");
    } else if (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
               ec == asio::error::eof || ec == asio::error::operation_aborted || ec == asio::error::broken_pipe) {
      close();
    } else if (ec == http::error::partial_message) {
      answer_error(400, "bad-request", "the request was cut short");
    } else {
      answer_error(400, "bad-request", "not an HTTP/1.1 request: " + ec.message());
    }
    return;
  }
  auto& req = parser_->get();
  version_ = req.version();
  const bool keep_alive = req.keep_alive();
  ApiRequest request;
  request.method = std::string(req.method_string().data(), req.method_string().size());
  const std::string_view target(req.target().data(), req.target().size());
  const std::size_t q = target.find('?');
  request.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos && !parse_query(target.substr(q + 1), request.query)) {
    answer_error(400, "bad-request", "the query string has a bad %-escape");
    return;
  }
  if (auto it = req.find(http::field::authorization); it != req.end()) request.authorization = std::string(it->value().data(), it->value().size());
  request.body = std::move(req.body());
  request.origin = [home = &home_](std::function<void()> task) { home->deliver(std::move(task)); };
  // The answer comes at once on this thread, or later from another (the register's
  // committer, the slow pool): then through this thread's mailbox.
  route(hub_.state, std::move(request),
        [self = shared_from_this(), keep_alive](ApiResponse response) {
          if (self->home_.is_current()) {
            self->send(std::move(response), keep_alive);
            return;
          }
          self->home_.deliver([self, keep_alive, response = std::move(response)]() mutable {
            self->send(std::move(response), keep_alive);
          });
        },
        hub_.slow);
}

void Session::answer_error(int status, std::string_view code, std::string message) {
  ApiResponse r = error_response(status, code, message);
  hub_.state.metrics.request("other", status, 0);
  send(std::move(r), false);
}

namespace {
// A header value as sent: the service writes its own, but a line break must never end
// up in one.
void append_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  for (char c : value) out += (c == '\r' || c == '\n') ? ' ' : c;
  out += "\r\n";
}
}  // namespace

// The answer is written by hand, its head and body in one gathered write: beast's
// serializer cost more than the evaluation itself.
void Session::send(ApiResponse r, bool keep_alive) {
  if (closed_) return;
  const bool close_after = !keep_alive || hub_.stopping.load();
  head_.clear();
  head_ += version_ == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head_ += std::to_string(r.status);
  head_ += ' ';
  const auto reason = http::obsolete_reason(static_cast<http::status>(r.status));
  head_.append(reason.data(), reason.size());
  head_ += "\r\nServer: proviso\r\n";
  append_field(head_, "Content-Type", r.content_type);
  for (const auto& [name, value] : r.headers) append_field(head_, name, value);
  head_ += "Content-Length: ";
  head_ += std::to_string(r.body.size());
  head_ += "\r\n";
  if (close_after) {
    if (version_ != 10) head_ += "Connection: close\r\n";
  } else if (version_ == 10) {
    head_ += "Connection: keep-alive\r\n";
  }
  head_ += "\r\n";
  body_ = std::move(r.body);
  arm_deadline();
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_)};
  asio::async_write(socket_, buffers, [self = shared_from_this(), close_after](beast::error_code ec, std::size_t) {
    self->guarded_ = false;
    self->on_write(ec, close_after);
  });
}

void Session::on_write(beast::error_code ec, bool close_after) {
  if (ec) {
    close();
  } else if (close_after) {
    linger();
  } else {
    read();
  }
}

// Closing a socket with unread bytes makes the kernel reset the connection, and the
// client may lose the answer (a 413 sent while the body is still arriving). So the
// sending side is shut first and what still arrives is read and dropped until the
// client closes or the deadline passes.
void Session::linger() {
  beast::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  arm_deadline();
  drain();
}

void Session::drain() {
  socket_.async_read_some(asio::buffer(discard_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) {
      self->close();
    } else {
      self->drain();
    }
  });
}

void Session::close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ignored;
  deadline_.cancel();
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  socket_.close(ignored);
}

}  // namespace proviso::service::internal
