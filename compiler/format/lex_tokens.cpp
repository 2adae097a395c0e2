// The lossless lexer behind `proviso fmt` and the language server. It follows the
// grammar's lexical rules (grammar/proviso.ebnf) closely enough to split any text the
// parser accepts into the same tokens, and keeps what the parser throws away: spelling,
// comments and where the blank lines were.
#include <array>

#include "proviso/compiler/tokens.hpp"

namespace proviso {
namespace {

constexpr std::array<std::string_view, 40> kKeywords = {
    "import", "sectors", "type", "enum", "set", "of", "bool", "int", "framework", "question",
    "group", "fact", "condition", "obligation", "policy", "sector", "default", "combine", "strictest", "first",
    "rule", "when", "unless", "require", "because", "cite", "overrides", "share", "refer", "deny",
    "scenario", "from", "to", "expect", "and", "or", "not", "in", "true", "false"};

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool ident_char(char c) { return ident_start(c) || digit(c); }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  TokenStream run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") {
      out_.bom = true;
      i_ = 3;
    }
    for (std::size_t k = 0; k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        out_.crlf = k > 0 && s_[k - 1] == '\r';
        break;
      }
    }
    while (true) {
      skip_space();
      if (i_ >= s_.size()) break;
      if (s_[i_] == '#') {
        comment();
        continue;
      }
      token();
    }
    Token end;
    end.kind = TokenKind::end;
    end.offset = static_cast<std::uint32_t>(s_.size());
    end.text = s_.substr(s_.size());
    place(end);
    out_.tokens.push_back(std::move(end));
    return std::move(out_);
  }

 private:
  void skip_space() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\n') {
        ++newlines_;
        spaced_ = true;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
        spaced_ = true;
      } else {
        break;
      }
      ++i_;
    }
  }

  void comment() {
    std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] != '\n') ++i_;
    std::size_t end = i_;
    while (end > start && (s_[end - 1] == ' ' || s_[end - 1] == '\t' || s_[end - 1] == '\r')) --end;
    std::string text(s_.substr(start, end - start));
    if (newlines_ == 0 && !out_.tokens.empty() && out_.tokens.back().trailing.empty() && !after_comment_) {
      out_.tokens.back().trailing = std::move(text);
    } else {
      pending_.push_back(TokenComment{std::move(text), newlines_ >= 2 && seen_any_});
    }
    seen_any_ = true;
    after_comment_ = true;
    newlines_ = 0;
    spaced_ = true;
  }

  // Sets the spacing facts of a token about to be pushed.
  void place(Token& t) {
    t.glued = !spaced_ && !out_.tokens.empty();
    t.newline_before = newlines_ > 0 || (!pending_.empty());
    t.blank_before = newlines_ >= 2 && seen_any_;
    t.leading = std::move(pending_);
    pending_.clear();
    newlines_ = 0;
    spaced_ = false;
    after_comment_ = false;
    seen_any_ = true;
  }

  void push(TokenKind kind, std::size_t start) {
    Token t;
    t.kind = kind;
    t.offset = static_cast<std::uint32_t>(start);
    t.text = s_.substr(start, i_ - start);
    place(t);
    out_.tokens.push_back(std::move(t));
  }

  bool date_at(std::size_t k) const {
    static constexpr std::string_view shape = "dddd-dd-dd";
    if (k + shape.size() > s_.size()) return false;
    for (std::size_t j = 0; j < shape.size(); ++j) {
      char c = s_[k + j];
      if (shape[j] == 'd' ? !digit(c) : c != '-') return false;
    }
    return k + shape.size() == s_.size() || !ident_char(s_[k + shape.size()]);
  }

  void token() {
    std::size_t start = i_;
    char c = s_[i_];
    if (ident_start(c)) {
      TokenKind kind = TokenKind::word;
      while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
      while (i_ + 1 < s_.size() && s_[i_] == '.' && ident_start(s_[i_ + 1])) {
        kind = TokenKind::path;
        ++i_;
        while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
      }
      return push(kind, start);
    }
    if (digit(c)) {
      if (date_at(i_)) {
        i_ += 10;
        return push(TokenKind::date, start);
      }
      while (i_ < s_.size() && (digit(s_[i_]) || s_[i_] == '_')) ++i_;
      return push(TokenKind::integer, start);
    }
    if (c == '"') {
      ++i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\n' && s_[i_] != '\r') {
        if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] != '\n' && s_[i_ + 1] != '\r') ++i_;
        ++i_;
      }
      if (i_ < s_.size() && s_[i_] == '"') ++i_;
      return push(TokenKind::string, start);
    }
    static constexpr std::array<std::string_view, 5> two = {"==", "!=", "<=", ">=", ".."};
    for (std::string_view p : two) {
      if (s_.substr(i_, 2) == p) {
        i_ += 2;
        return push(TokenKind::punct, start);
      }
    }
    static constexpr std::string_view one = "{}(),:=<>+-*";
    if (one.find(c) != std::string_view::npos) {
      ++i_;
      return push(TokenKind::punct, start);
    }
    // One UTF-8 character: its lead byte and continuation bytes.
    ++i_;
    while (i_ < s_.size() && (static_cast<unsigned char>(s_[i_]) & 0xC0) == 0x80) ++i_;
    push(TokenKind::other, start);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t newlines_ = 0;  // line ends since the last token or comment
  bool spaced_ = false;       // whitespace or a comment since the last token
  bool after_comment_ = false;
  bool seen_any_ = false;     // a token or comment precedes: a blank line at the top is not kept
  std::vector<TokenComment> pending_;
  TokenStream out_;
};

}  // namespace

TokenStream lex_tokens(std::string_view text) { return Lexer(text).run(); }

bool is_keyword(std::string_view word) {
  for (std::string_view k : kKeywords) {
    if (k == word) return true;
  }
  return false;
}

}  // namespace proviso
