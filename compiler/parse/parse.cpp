// parse_source: checks the bytes (size, UTF-8, NUL), then runs the PEGTL grammar with
// actions that build the AST directly. The first syntax or limit error stops the parse
// and becomes the file's one diagnostic. Token and expression actions live in
// parse_actions.hpp; the declaration actions (parse_decl_actions.hpp,
// parse_policy_actions.hpp) assemble their scratch into the ast::File.
#include "proviso/compiler/parse.hpp"

#include <tao/pegtl.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>

#include "parse/parse_actions.hpp"
#include "parse/parse_decl_actions.hpp"
#include "parse/parse_errors.hpp"
#include "parse/parse_policy_actions.hpp"
#include "proviso/base/utf8.hpp"
#include "proviso/grammar.hpp"

namespace proviso {
namespace compiler::internal {

// ------------------------------------------------------------------ errors
namespace {

// The length of the keyword at `p`, or 0 when none starts there.
std::size_t keyword_length(const char* p, const char* end) {
  pg::memory_input<pg::tracking_mode::lazy> probe(p, end, "");
  return pg::parse<g::t::keyword>(probe) ? static_cast<std::size_t>(probe.current() - p) : 0;
}

// The bytes of the UTF-8 sequence starting at `p` (already validated).
std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

// must_if supplies the message table (and static_asserts that every error point has a
// message); this control adds what a static table cannot say: where the input ended,
// which keyword stands where a name should, and which escape is unknown.
template <class Rule>
struct control : pg::must_if<syntax_errors>::control<Rule> {
  template <class In, class... States>
  [[noreturn]] static void raise(const In& in, parse_state& s, States&&... st) {
    static_assert(error_message<Rule> != nullptr, "every error point of the grammar needs a message");
    const std::uint32_t at = s.offset(in.current());
    if constexpr (std::is_same_v<Rule, g::t::string_close>) {
      s.fail(Code::syntax, s.string_begin, s.string_begin + 1, error_message<Rule>,
             "a string must end on the line it starts on");
    } else if constexpr (std::is_same_v<Rule, g::t::unknown_escape>) {
      std::string escape(in.current(), 1 + utf8_length(static_cast<unsigned char>(in.peek_char(1))));
      s.fail(Code::syntax, at, at + static_cast<std::uint32_t>(escape.size()),
             std::string(error_message<Rule>) + " '" + escape + "' in a string",
             "the escapes are \\\" \\\\ \\n and \\t");
    }
    if (in.empty()) {
      s.fail(Code::syntax, s.last_end, s.last_end, std::string("unexpected end of input: ") + error_message<Rule>);
    }
    if constexpr (expects_name<Rule>) {
      if (std::size_t n = keyword_length(in.current(), in.end())) {
        std::string word(in.current(), n);
        s.fail(Code::syntax, at, at + static_cast<std::uint32_t>(n),
               "'" + word + "' is a keyword and cannot be used as a name",
               "rename it, e.g. '" + word + "_'");
      }
    }
    pg::must_if<syntax_errors>::control<Rule>::raise(in, s, st...);
  }
};

// ------------------------------------------------------------------ bytes
namespace {

// A character that would let the file read differently in an editor or a review tool
// than to the compiler: where it is and why it is refused.
struct Hidden {
  std::size_t at = std::string_view::npos;
  std::size_t length = 1;
  std::string message, hint;
};

// The name of a code point for a message: "U+202E (RIGHT-TO-LEFT OVERRIDE)".
std::string code_point_name(std::uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

// Scans for characters that hide text ("Trojan Source", CVE-2021-42574, and its
// cousins): bidirectional controls and the Unicode line and paragraph separators
// anywhere; and in comments and strings (where the grammar takes any character) every
// control character but tab, and a CR that does not end a CRLF line. Outside comments
// and strings the grammar rejects control characters itself. Runs on valid UTF-8.
// The walk knows only as much of the grammar as it needs: a comment runs from `#` to
// the end of its line, a string from `"` to the next unescaped `"` or the line's end.
Hidden hidden_character(std::string_view text) {
  enum class In { code, comment, string } in = In::code;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const char* where_names[] = {"", "a comment", "a string"};
  for (std::size_t i = 0; i < n;) {
    // Pass the bytes that can neither change the state nor be refused where they are.
    if (in == In::code) {
      while (i < n && p[i] < 0x80 && p[i] != '#' && p[i] != '"') ++i;
    } else if (in == In::comment) {
      while (i < n && p[i] >= 0x20 && p[i] < 0x7F) ++i;
    } else {
      while (i < n && p[i] >= 0x20 && p[i] < 0x7F && p[i] != '"' && p[i] != '\\') ++i;
    }
    if (i >= n) break;
    const unsigned char b = p[i];
    const char* where = where_names[static_cast<int>(in)];
    if (b < 0x80) {
      const bool line_end = b == '\n' || (b == '\r' && i + 1 < n && p[i + 1] == '\n');
      if (in != In::code && b != '\t' && !line_end && (b < 0x20 || b == 0x7F)) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", b);
        std::string what = b == '\r' ? std::string("carriage return (CR) that does not end a line")
                                      : b == 0x1B ? std::string("escape character (ESC, 0x1B)")
                                                  : "control character " + std::string(buf);
        return {i, 1, what + " in " + where,
                b == '\r' ? "a terminal or editor may show a line break that the compiler does not see; end lines "
                            "with LF or CRLF"
                          : "control characters can rewrite what a terminal or a review shows; write the text "
                            "without them (in a string, use an escape such as \\t or \\n)"};
      }
      if (in == In::code && b == '#') in = In::comment;
      else if (in == In::code && b == '"') in = In::string;
      else if (in == In::string && b == '\\' && i + 1 < n && (p[i + 1] == '"' || p[i + 1] == '\\')) {
        i += 2;  // an escaped quote does not end the string
        continue;
      } else if (in == In::string && b == '"') in = In::code;
      if (b == '\n' || (b == '\r' && in == In::string)) in = In::code;
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t len = std::max<std::size_t>(1, proviso::utf8_sequence_at(text, i, cp));  // validated before
    const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
                      cp == 0x200F || cp == 0x061C;
    if (bidi) {
      return {i, len,
              "bidirectional control character " + code_point_name(cp) +
                  " in the source: it can make the text display in an order other than the one the compiler reads",
              "remove it; a policy's meaning must be the same for every reader (\"Trojan Source\")"};
    }
    if (cp == 0x2028 || cp == 0x2029) {
      return {i, len,
              std::string(cp == 0x2028 ? "line separator" : "paragraph separator") + " " + code_point_name(cp) +
                  " in the source: editors show a line break that the compiler does not see",
              "end lines with LF or CRLF"};
    }
    if (cp >= 0x80 && cp <= 0x9F && in != In::code) {
      return {i, len, "control character " + code_point_name(cp) + " in " + std::string(where),
              "control characters can rewrite what a terminal or a review shows; remove it"};
    }
    i += len;
  }
  return {};
}

void report(const SourceFile& source, Diagnostics& diags, Code code, std::uint32_t begin, std::uint32_t end,
            std::string message, std::string hint = {}) {
  Diagnostic& d = diags.add(code, std::move(message), source.locate(begin, end));
  d.hint = std::move(hint);
}

// The underline of a plain syntax error: the word or number at the caret (non-ASCII
// letters included, so a character is never cut in half), or one byte.
std::uint32_t word_end(std::string_view text, std::uint32_t at) {
  std::uint32_t end = at;
  while (end < text.size()) {
    auto ch = static_cast<unsigned char>(text[end]);
    bool word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                ch >= 0x80;
    if (!word) break;
    ++end;
  }
  return end > at ? end : at + 1;
}

}  // namespace
}  // namespace compiler::internal

std::optional<ast::File> parse_source(const SourceFile& source, std::uint32_t file_id, const ParseOptions& options,
                                      Diagnostics& diags) {
  namespace pg = tao::pegtl;
  const std::string_view text = source.text();
  // Offsets are 32-bit, so a file may never exceed that whatever the options say.
  const std::size_t max_bytes = std::min<std::size_t>(options.max_file_bytes, UINT32_MAX - 1);
  if (text.size() > max_bytes) {
    compiler::internal::report(source, diags, Code::limit, 0, 0,
                   "file is " + std::to_string(text.size()) + " bytes, larger than the limit of " +
                       std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  if (std::size_t at = text.find('\0'); at != std::string_view::npos) {
    auto offset = static_cast<std::uint32_t>(at);
    compiler::internal::report(source, diags, Code::syntax, offset, offset + 1, "NUL byte", "a source file is UTF-8 text");
    return std::nullopt;
  }
  if (std::size_t at = proviso::invalid_utf8_at(text); at != std::string_view::npos) {
    auto offset = static_cast<std::uint32_t>(at);
    compiler::internal::report(source, diags, Code::syntax, offset, offset + 1, "invalid UTF-8", "a source file is UTF-8 text");
    return std::nullopt;
  }

  if (auto h = compiler::internal::hidden_character(text); h.at != std::string_view::npos) {
    auto offset = static_cast<std::uint32_t>(h.at);
    compiler::internal::report(source, diags, Code::control_char, offset, offset + static_cast<std::uint32_t>(h.length),
                               std::move(h.message), std::move(h.hint));
    return std::nullopt;
  }

  compiler::internal::parse_state state(text.data(), file_id, options);
  pg::memory_input<pg::tracking_mode::lazy> in(text.data(), text.size(), source.name());
  try {
    pg::parse<grammar::file, compiler::internal::action, compiler::internal::control>(in, state);
  } catch (const compiler::internal::parse_stop& stop) {
    compiler::internal::report(source, diags, stop.code, stop.begin, stop.end, stop.message, stop.hint);
    return std::nullopt;
  } catch (const pg::parse_error& e) {
    auto at = static_cast<std::uint32_t>(e.positions().front().byte);
    compiler::internal::report(source, diags, Code::syntax, at, compiler::internal::word_end(text, at), std::string(e.message()));
    return std::nullopt;
  }
  return std::move(state.file);
}

}  // namespace proviso
