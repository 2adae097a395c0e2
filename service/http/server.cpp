#include "http/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <csignal>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "core/util.hpp"
#include "http/session.hpp"

namespace proviso::service::internal {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

bool parse_listen(const std::string& listen, tcp::endpoint& out, std::string& error) {
  std::string host, port;
  if (!listen.empty() && listen.front() == '[') {
    const std::size_t close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      error = "--listen '" + listen + "': expected [IPV6]:PORT";
      return false;
    }
    host = listen.substr(1, close - 1);
    port = listen.substr(close + 2);
  } else {
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos) {
      error = "--listen '" + listen + "': expected HOST:PORT, e.g. 127.0.0.1:8181";
      return false;
    }
    host = listen.substr(0, colon);
    port = listen.substr(colon + 1);
  }
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) {
    error = "--listen '" + listen + "': '" + host + "' is not an IP address";
    return false;
  }
  unsigned long value = 0;
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      (value = std::stoul(port)) > 65535) {
    error = "--listen '" + listen + "': the port must be a number from 0 to 65535";
    return false;
  }
  out = tcp::endpoint(address, static_cast<unsigned short>(value));
  return true;
}

// Accepts on the first thread and hands each connection to the threads in turn.
class Listener {
 public:
  Listener(SessionHub& hub, std::vector<std::unique_ptr<IoThread>>& threads)
      : hub_(hub), threads_(threads), acceptor_(threads.front()->io()) {}

  bool open(const tcp::endpoint& at, std::string& error) {
    boost::system::error_code ec;
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      error = "cannot listen on " + at.address().to_string() + ":" + std::to_string(at.port()) + ": " + ec.message();
      return false;
    }
    return true;
  }
  tcp::endpoint local() const { return acceptor_.local_endpoint(); }

  void accept() {
    IoThread& home = *threads_[next_];
    next_ = (next_ + 1) % threads_.size();
    acceptor_.async_accept(home.io().get_executor(), [this, &home](boost::system::error_code ec, SessionSocket socket) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
      if (!ec) {
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(std::move(socket), home, hub_)->start();
      } else {
        // Out of descriptors and the like: said once per failure, and accepting goes on.
        log_event("warning", "accept_failed", {{"error", json_string(ec.message())}});
      }
      accept();
    });
  }

  void close() {
    asio::post(acceptor_.get_executor(), [this] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
    });
  }

 private:
  SessionHub& hub_;
  std::vector<std::unique_ptr<IoThread>>& threads_;
  std::size_t next_ = 0;
  asio::basic_socket_acceptor<tcp, SessionExecutor> acceptor_;
};

}  // namespace

int serve_http(ServiceState& state) {
  tcp::endpoint at;
  std::string error;
  if (!parse_listen(state.options.listen, at, error)) {
    log_event("error", "bad_listen", {{"error", json_string(error)}});
    return 2;
  }
  const unsigned threads = state.options.threads ? state.options.threads : std::max(1u, std::thread::hardware_concurrency());
  // Destroyed in this order at the end: the threads' loops (and with them any session
  // a handler still holds) before the hub the sessions point to; the slow pool first.
  std::vector<std::unique_ptr<IoThread>> threads_owner;
  for (unsigned i = 0; i < threads; ++i) threads_owner.push_back(std::make_unique<IoThread>());
  auto slow_pool = std::make_unique<asio::thread_pool>(std::max(1u, threads / 2));
  SessionHub hub(state, [&slow_pool](std::function<void()> task) { asio::post(*slow_pool, std::move(task)); });
  auto listener_owner = std::make_unique<Listener>(hub, threads_owner);
  Listener& listener = *listener_owner;
  if (!listener.open(at, error)) {
    log_event("error", "cannot_listen", {{"error", json_string(error)}});
    return 2;
  }
  asio::io_context& io = threads_owner.front()->io();
  std::mutex stop_mutex;
  std::condition_variable stop_wake;
  bool stop_requested = false;
  auto signals_owner = std::make_unique<asio::signal_set>(io, SIGTERM, SIGINT, SIGHUP);
  asio::signal_set& signals = *signals_owner;
  std::function<void(const boost::system::error_code&, int)> on_signal = [&](const boost::system::error_code& ec,
                                                                             int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      std::string reload_error;
      reload_program(state, reload_error);
      signals.async_wait(on_signal);
      return;
    }
    log_event("info", "stopping", {{"signal", json_string(signal == SIGTERM ? "SIGTERM" : "SIGINT")}});
    std::lock_guard<std::mutex> lock(stop_mutex);
    stop_requested = true;
    stop_wake.notify_one();
  };
  signals.async_wait(on_signal);
  listener.accept();
  const tcp::endpoint bound = listener.local();
  log_event("info", "listening",
            {{"address", json_string(bound.address().to_string())},
             {"port", std::to_string(bound.port())},
             {"threads", std::to_string(threads)},
             {"bundle", json_string(state.programs.current()->hash)},
             {"register", json_string(state.store ? state.store->describe() : "none")}});

  std::vector<std::thread> pool;
  for (auto& t : threads_owner) pool.emplace_back([&t] { t->io().run(); });

  {
    std::unique_lock<std::mutex> lock(stop_mutex);
    stop_wake.wait(lock, [&] { return stop_requested; });
  }
  // Graceful stop: no new connections; idle ones closed; those with a request under
  // way finish it (its record committed) and then close, within the timeout.
  hub.stopping.store(true);
  listener.close();
  asio::post(io, [&signals] {
    boost::system::error_code ignored;
    signals.cancel(ignored);
  });
  hub.close_idle();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(state.options.timeout_ms);
  while (hub.alive.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    hub.close_idle();
  }
  const std::size_t left = hub.alive.load();
  // The register is flushed while the threads still run, so that the answers of the
  // last records (or their 503s) can still be posted and sent.
  slow_pool->join();
  if (state.committer) state.committer->stop();
  for (auto& t : threads_owner) t->io().stop();
  for (std::thread& t : pool) t.join();
  signals_owner.reset();
  listener_owner.reset();
  threads_owner.clear();
  slow_pool.reset();
  log_event("info", "stopped", {{"connections_cut", std::to_string(left)}});
  return 0;
}

}  // namespace proviso::service::internal
