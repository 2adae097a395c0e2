#pragma once
// Private: the base protocol's framing. Each message is a header block
// ("Content-Length: N", other headers ignored, ended by an empty line) and N bytes of
// JSON. Reading never trusts the peer: a header block without a usable length, or a
// length over the limit, is a framing error reported to the caller, and reading goes
// on with the next header block.
#include <iosfwd>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace proviso::lsp::internal {

class Transport {
 public:
  Transport(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  enum class Read { message, framing_error, end };
  // The next message's body in `body`, or what was wrong with the framing in `error`.
  Read read(std::string& body, std::string& error);
  // Writes one message; safe to call from several threads.
  void write(const nlohmann::json& message);

  static constexpr std::size_t kMaxMessageBytes = 64u << 20;
  static constexpr std::size_t kMaxHeaderBytes = 8192;

 private:
  std::istream& in_;
  std::ostream& out_;
  std::mutex write_mutex_;
};

}  // namespace proviso::lsp::internal
