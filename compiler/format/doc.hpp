#pragma once
// Private: the document algebra the formatter lays out with (Wadler's "prettier
// printer", as Prettier implements it). A layout says where a line *may* break; the
// printer breaks a group only when it does not fit in the width, and a comment that
// must end its line forces every group around it to break.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace proviso::compiler::internal {

struct Doc {
  enum class Kind : std::uint8_t {
    text,          // `text`, never containing a line end
    line,          // a space when flat, a line end when broken
    softline,      // nothing when flat, a line end when broken
    hardline,      // always a line end; breaks the groups around it
    blank,         // an empty line here (at most one in a row); breaks the groups around it
    concat,        // `parts` one after another
    group,         // `parts` flat if they fit on the line, else broken
    indent,        // `parts` with the indentation raised by `amount`
    fill,          // parts = item, separator, item, ...: a separator breaks only before an item that does not fit
    trailing,      // a comment kept for the end of the current line (`text`); see `breaks`
    comment_line,  // a comment on its own line (`text`), before what follows
  };
  Kind kind = Kind::text;
  std::string text;
  std::vector<Doc> parts;
  int amount = 0;              // indent: columns; trailing: the token the comment follows
  // trailing: whether the comment ends its line and so breaks the groups around it (a
  // comment after the last token of a line has a line end after it anyway).
  bool breaks = true;
  bool blank_before = false;  // comment_line: an empty line before it
  bool broken = false;        // group: computed by the printer, contains a forced break
};

Doc text(std::string s);
Doc line();
Doc softline();
Doc hardline();
Doc blank();
Doc concat(std::vector<Doc> parts);
Doc group(std::vector<Doc> parts);
Doc indent(int amount, std::vector<Doc> parts);
Doc fill(std::vector<Doc> parts);

struct PrintOptions {
  int width = 100;
  bool crlf = false;
};

// The text of `doc`: lines without trailing blanks, runs of trailing comments on
// consecutive lines aligned to one column, and one line end at the end.
std::string print_doc(Doc doc, const PrintOptions& options);

}  // namespace proviso::compiler::internal
