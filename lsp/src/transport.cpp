// The base protocol's framing: headers, an empty line, the JSON body.
#include "transport.hpp"

#include <charconv>
#include <istream>
#include <ostream>

namespace proviso::lsp::internal {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

Transport::Read Transport::read(std::string& body, std::string& error) {
  std::size_t length = 0;
  bool have_length = false, bad_length = false;
  std::size_t header_bytes = 0;
  bool any_header = false;
  std::string line;
  while (true) {
    line.clear();
    // One header line, bounded.
    int c;
    while ((c = in_.get()) != EOF && c != '\n') {
      if (++header_bytes > kMaxHeaderBytes) break;
      line.push_back(static_cast<char>(c));
    }
    if (c == EOF && line.empty()) return any_header ? (error = "the input ended inside a header", Read::framing_error) : Read::end;
    if (header_bytes > kMaxHeaderBytes) {
      // Skip to the end of this overlong line, then report.
      while ((c = in_.get()) != EOF && c != '\n') {}
      error = "a header block longer than 8192 bytes";
      return Read::framing_error;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      bad_length = true;
      continue;
    }
    if (lower(trim(line.substr(0, colon))) == "content-length") {
      std::string v = trim(line.substr(colon + 1));
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
        bad_length = true;
      } else {
        length = n;
        have_length = true;
      }
    }
  }
  if (bad_length || !have_length) {
    error = "a message without a valid Content-Length header";
    return Read::framing_error;
  }
  if (length > kMaxMessageBytes) {
    // Skip the body without holding it.
    in_.ignore(static_cast<std::streamsize>(length));
    error = "a message larger than 64 MiB";
    return Read::framing_error;
  }
  body.assign(length, '\0');
  in_.read(body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in_.gcount()) != length) {
    error = "the input ended inside a message";
    return Read::end;
  }
  return Read::message;
}

void Transport::write(const nlohmann::json& message) {
  const std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard<std::mutex> lock(write_mutex_);
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
}

}  // namespace proviso::lsp::internal
