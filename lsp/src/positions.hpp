#pragma once
// Private: LSP positions (0-based line, UTF-16 code units within the line) against
// byte offsets, and file URIs against paths.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace proviso::lsp::internal {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  // The byte offset of an LSP position; a position past the end of its line is the
  // line's end, past the last line the text's end.
  std::uint32_t offset(std::uint32_t line, std::uint32_t character) const;
  nlohmann::json position(std::uint32_t offset) const;
  nlohmann::json range(std::uint32_t begin, std::uint32_t end) const;
  // The byte offset of a 1-based line and byte column (the compiler's), clamped to the line.
  std::uint32_t offset_of_column(std::uint32_t line, std::uint32_t column) const;

 private:
  std::string_view text_;
  std::vector<std::uint32_t> starts_;
};

// "file:///a%20b/c.proviso" -> "/a b/c.proviso"; empty when it is not a file URI.
std::string path_of_uri(std::string_view uri);
std::string uri_of_path(std::string_view path);

}  // namespace proviso::lsp::internal
