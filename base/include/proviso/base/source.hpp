#pragma once
// A source text with a line table. Every stage stores byte offsets and asks the
// SourceFile for line, column and the excerpt only when it renders a diagnostic.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/base/options.hpp"

namespace proviso {

// A resolved place in a file, with the excerpt line copied in so that a
// diagnostic can be rendered after the source set is gone.
struct Location {
  std::string file;        // empty: no place (e.g. a command-line problem)
  std::uint32_t line = 0;  // 1-based; 0 when unknown
  std::uint32_t column = 0;  // 1-based, in bytes
  std::uint32_t length = 1;  // underline width on the line
  std::string line_text;     // the source line, without its line end

  bool has_place() const { return !file.empty() && line > 0; }
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

  struct LineCol { std::uint32_t line, column; };
  LineCol line_col(std::uint32_t offset) const;
  // The text of a 1-based line without "\n" or "\r\n".
  std::string_view line_text(std::uint32_t line) const;
  // A Location for [begin, end): the underline is clipped to the first line, and the
  // excerpt to `options.max_excerpt_bytes`.
  Location locate(std::uint32_t begin, std::uint32_t end, const SourceOptions& options = {}) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace proviso
