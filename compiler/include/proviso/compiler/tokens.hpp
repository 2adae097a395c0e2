#pragma once
// A lossless token stream of one source text: every token with its exact spelling
// (`10_000` stays `10_000`, a string keeps its quotes and escapes), and every comment
// attached to a token. The formatter lays out from it, and the language server reads
// the token under the cursor from it. It does not check the syntax: the parser does.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proviso {

enum class TokenKind : std::uint8_t {
  word,     // an identifier or a keyword: `fact`, `consent`
  path,     // identifiers joined by '.', no spaces: `benefit.measurable`
  integer,  // digits with '_' separators; a leading '-' is its own token (see `glued`)
  date,     // YYYY-MM-DD written as one piece
  string,   // "...", quotes and escapes as written
  punct,    // { } ( ) , : = == != < <= > >= + - * ..
  other,    // a character no token starts with (the parser reports it)
  end,      // the end of the text; carries the comments after the last token
};

struct TokenComment {
  std::string text;          // from '#' to the end of its line, trailing blanks dropped
  bool blank_before = false; // an empty line separates it from what precedes it
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view text;           // a view into the source text
  std::uint32_t offset = 0;        // byte offset of its first character
  bool glued = false;              // nothing (no space, no comment) between it and the previous token
  bool newline_before = false;     // a line end between the previous token (or comment) and it
  bool blank_before = false;       // an empty line right before it (after its leading comments)
  std::vector<TokenComment> leading;  // comments on their own lines before it
  std::string trailing;               // a comment after it on its line, or empty

  bool is(std::string_view s) const { return kind != TokenKind::string && text == s; }
};

struct TokenStream {
  std::vector<Token> tokens;  // always ends with one TokenKind::end token
  bool crlf = false;          // the first line end is CRLF
  bool bom = false;           // the text starts with a UTF-8 byte order mark
};

// Tokens of `text`, which must outlive the result. Never fails: text the grammar does
// not allow still gives tokens (the parser is the one to reject it).
TokenStream lex_tokens(std::string_view text);

// Whether `word` is one of the language's keywords (contextual words are not).
bool is_keyword(std::string_view word);

}  // namespace proviso
