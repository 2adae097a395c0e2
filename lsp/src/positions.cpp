// Offsets and positions: the protocol counts UTF-16 code units, the compiler bytes.
#include "positions.hpp"

#include <algorithm>
#include <filesystem>

namespace proviso::lsp::internal {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

namespace {
// Bytes of the UTF-8 sequence led by `c`, and its UTF-16 units.
std::uint32_t sequence_bytes(unsigned char c) { return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1; }
}  // namespace

std::uint32_t LineIndex::offset(std::uint32_t line, std::uint32_t character) const {
  if (line >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t i = starts_[line];
  std::uint32_t end = line + 1 < starts_.size() ? starts_[line + 1] - 1 : static_cast<std::uint32_t>(text_.size());
  if (end > i && text_[end - 1] == '\r') --end;
  std::uint32_t units = 0;
  while (i < end && units < character) {
    std::uint32_t n = sequence_bytes(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i = std::min(end, i + n);
  }
  return i;
}

nlohmann::json LineIndex::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::uint32_t line = static_cast<std::uint32_t>(it - starts_.begin()) - 1;
  std::uint32_t units = 0;
  for (std::uint32_t i = starts_[line]; i < offset;) {
    std::uint32_t n = sequence_bytes(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return {{"line", line}, {"character", units}};
}

std::uint32_t LineIndex::offset_of_column(std::uint32_t line, std::uint32_t column) const {
  if (line == 0 || line > starts_.size()) return line == 0 ? 0 : static_cast<std::uint32_t>(text_.size());
  std::uint32_t start = starts_[line - 1];
  std::uint32_t end = line < starts_.size() ? starts_[line] - 1 : static_cast<std::uint32_t>(text_.size());
  return std::min(end, start + (column > 0 ? column - 1 : 0));
}

nlohmann::json LineIndex::range(std::uint32_t begin, std::uint32_t end) const {
  return {{"start", position(begin)}, {"end", position(end)}};
}

namespace {
int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string path_of_uri(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.substr(0, scheme.size()) != scheme) return {};
  uri.remove_prefix(scheme.size());
  // file://host/path: only the local host is ours.
  std::size_t slash = uri.find('/');
  if (slash == std::string_view::npos) return {};
  std::string_view host = uri.substr(0, slash);
  if (!host.empty() && host != "localhost") return {};
  uri.remove_prefix(slash);
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2])));
      i += 2;
    } else {
      out.push_back(uri[i]);
    }
  }
  if (out.find('\0') != std::string::npos) return {};
  return std::filesystem::path(out).lexically_normal().generic_string();
}

std::string uri_of_path(std::string_view path) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (char c : path) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
        std::string_view("/-._~").find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(digits[u >> 4]);
      out.push_back(digits[u & 15]);
    }
  }
  return out;
}

}  // namespace proviso::lsp::internal
