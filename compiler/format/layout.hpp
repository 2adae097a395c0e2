#pragma once
// Private: the formatter's layout, a recursive descent over the lossless token stream
// (compiler/format/lex_tokens.cpp) that builds a document (format/doc.hpp) instead of a
// tree. It runs only on text the parser has accepted, so it follows the grammar
// without reporting errors; meeting a token it does not expect is a FormatError (a
// bug), and the file is left as it was.
//
// Adding a construct is local: a declaration is one row of kDeclarations
// (layout_declarations.cpp) and its layout function; a policy setting or a rule clause
// is one row of kPolicySettings or kRuleClauses (layout_policy.cpp), whose shape
// says how it is laid out and whose place in the table is its place in the output.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "format/doc.hpp"
#include "proviso/compiler/tokens.hpp"

namespace proviso::compiler::internal {

struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// How a keyword-led clause (a policy setting, a rule clause) goes on.
enum class ClauseShape : std::uint8_t {
  bare,    // the word alone: `defers`
  single,  // the word and one token: `because "..."`, `sector health`, `default deny`
  list,    // the word and a comma list, filled and aligned: `require a, b`, `overrides r, s`
  expr,    // the word and an expression: `when ...`, `unless ...`
  cite,    // `cite` and its target; a declaration's cites share one filled, aligned block
  phrase,  // the word, then each of `from DATE` and `until DATE` that follows: `effective ...`
};

struct ClauseForm {
  std::string_view word;
  ClauseShape shape;
};

class Layout {
 public:
  explicit Layout(const TokenStream& tokens) : ts_(tokens), line_end_(tokens.tokens.size(), false) {}

  // The whole file: declarations, the blank lines between them, the comments.
  Doc file();

  // ---- tokens (layout_tokens.cpp)
  const Token& peek(std::size_t ahead = 0) const;
  bool at(std::string_view word, std::size_t ahead = 0) const;
  bool at_end() const { return peek().kind == TokenKind::end; }
  // The current token with its comments; `expected` (when given) is checked.
  Doc take(std::string_view expected = {});
  // The same, for the first token of a line-level item (a declaration, a clause, a
  // rule): its own-line comments keep the empty lines between them.
  Doc take_first(std::string_view expected = {});
  // A line end after the last token taken, whose trailing comment then needs no line end of its own.
  Doc hard();
  // hard(), or an empty line when `blank_line`.
  Doc gap(bool blank_line);
  // Whether an empty line (before its comments, if any) precedes the current token.
  bool blank_in_source() const;
  // The comments before the current token, when it closes a block, laid out inside the block.
  Doc comments_before_close();
  [[noreturn]] void unexpected(std::string_view what) const;

  // ---- pieces shared by declarations (layout_expressions.cpp)
  Doc expr();
  Doc type_expr();
  Doc integer();                 // an integer, with its sign when it has one
  Doc braces_list();             // `{ a, b, c }`: flat, or one item per line
  Doc comma_fill(int hang);      // `a, b, c` filled, continuation lines `hang` columns in
  Doc cites();                   // every `cite` clause here, one filled block

  // ---- declarations (layout_declarations.cpp, layout_policy.cpp, layout_scenario.cpp)
  Doc import_decl();
  Doc sectors_decl();
  Doc type_decl();
  Doc framework_decl();
  Doc obligation_decl();
  Doc fact_decl();
  Doc condition_decl();
  Doc constraint_decl();
  Doc policy_decl();
  Doc amend_decl();
  Doc scenario_decl();

  // Marks the trailing comments that end their line, once the layout is complete.
  void settle(Doc& d) const;

 private:
  Doc token_doc(std::size_t i, bool first);
  Doc or_chain();
  Doc and_chain();
  Doc not_level();
  Doc comparison();
  Doc sum();
  Doc atom();
  Doc rule_decl();
  Doc named_expression_decl(std::string_view word);  // condition and constraint
  Doc rules_and_close(std::vector<Doc> body, bool first);  // a policy's or an amendment's rules, then `}`
  Doc clause(const ClauseForm& form);
  Doc block_close();

  const TokenStream& ts_;
  std::size_t pos_ = 0;
  std::size_t last_taken_ = 0;
  std::vector<bool> line_end_;  // token i is the last of a line the layout ends
};

}  // namespace proviso::compiler::internal
