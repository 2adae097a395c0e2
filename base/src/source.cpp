#include "proviso/base/source.hpp"

#include <algorithm>
#include <cstring>

namespace proviso {

SourceFile::SourceFile(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));) {
    ++p;
    line_starts_.push_back(static_cast<std::uint32_t>(p - begin));
  }
}

SourceFile::LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());  // 1-based
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  std::string_view s(text_.data() + begin, end - begin);
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

Location SourceFile::locate(std::uint32_t begin, std::uint32_t end, const SourceOptions& options) const {
  Location loc;
  loc.file = name_;
  auto [line, column] = line_col(begin);
  loc.line = line;
  loc.column = column;
  std::string_view text = line_text(line);
  loc.line_text = std::string(text.substr(0, std::min(text.size(), options.max_excerpt_bytes)));
  std::uint32_t line_end = line_starts_[line - 1] + static_cast<std::uint32_t>(text.size());
  std::uint32_t stop = std::min(std::max(end, begin + 1), std::max(line_end, begin + 1));
  loc.length = std::max<std::uint32_t>(1, stop - begin);
  return loc;
}

}  // namespace proviso
