// The printer of the formatter's documents: Prettier's algorithm (a stack of commands,
// each flat or broken; a group is flat when it and what follows it up to the next
// possible line end fit in the width), with two additions for comments: a trailing
// comment waits for the end of its line, and an own-line comment starts a line.
#include <algorithm>

#include "format/doc.hpp"

namespace proviso::compiler::internal {

Doc text(std::string s) {
  Doc d;
  d.kind = Doc::Kind::text;
  d.text = std::move(s);
  return d;
}

namespace {
Doc of_kind(Doc::Kind k, std::vector<Doc> parts = {}) {
  Doc d;
  d.kind = k;
  d.parts = std::move(parts);
  return d;
}
}  // namespace

Doc line() { return of_kind(Doc::Kind::line); }
Doc softline() { return of_kind(Doc::Kind::softline); }
Doc hardline() { return of_kind(Doc::Kind::hardline); }
Doc blank() { return of_kind(Doc::Kind::blank); }
Doc concat(std::vector<Doc> parts) { return of_kind(Doc::Kind::concat, std::move(parts)); }
Doc group(std::vector<Doc> parts) { return of_kind(Doc::Kind::group, std::move(parts)); }
Doc indent(int amount, std::vector<Doc> parts) {
  Doc d = of_kind(Doc::Kind::indent, std::move(parts));
  d.amount = amount;
  return d;
}
Doc fill(std::vector<Doc> parts) { return of_kind(Doc::Kind::fill, std::move(parts)); }

namespace {

// Columns a text takes: UTF-8 continuation bytes take none.
int width_of(std::string_view s) {
  int w = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++w;
  }
  return w;
}

// Marks every group holding a forced line end as broken; returns whether `d` holds one.
bool propagate(Doc& d) {
  using K = Doc::Kind;
  switch (d.kind) {
    case K::hardline:
    case K::blank:
    case K::comment_line: return true;
    case K::trailing: return d.breaks;
    case K::text:
    case K::line:
    case K::softline: return false;
    default: break;
  }
  bool any = false;
  for (Doc& p : d.parts) any = propagate(p) || any;
  if (d.kind == K::group && any) d.broken = true;
  return any;
}

struct Cmd {
  int indent;
  bool flat;
  const Doc* doc;
  std::size_t from = 0;  // fill: the first part still to print
};

struct OutLine {
  std::string code;
  std::string comment;  // a trailing comment, aligned after the code by align_comments
};

class Printer {
 public:
  explicit Printer(const PrintOptions& o) : o_(o) {}

  std::string run(const Doc& root) {
    std::vector<Cmd> stack{{0, false, &root}};
    while (!stack.empty()) {
      Cmd c = stack.back();
      stack.pop_back();
      step(c, stack);
    }
    if (has_content_ || !pending_.empty()) newline(0);
    align_comments();
    std::string out;
    const char* eol = o_.crlf ? "\r\n" : "\n";
    for (const Line& l : lines_) {
      out += l.code;
      if (!l.comment.empty()) {
        if (!l.code.empty()) out += std::string(static_cast<std::size_t>(l.pad), ' ');
        out += l.comment;
      }
      out += eol;
    }
    return out;
  }

 private:
  struct Line : OutLine {
    int pad = 0;
  };

  void step(const Cmd& c, std::vector<Cmd>& stack) {
    using K = Doc::Kind;
    const Doc& d = *c.doc;
    switch (d.kind) {
      case K::text:
        // After a comment ended the line in mid-construct, what follows starts at its own
        // indentation: `and  # why` puts the operand under the operands, not the operator.
        if (!has_content_) cur_.assign(static_cast<std::size_t>(resume_own_indent_ ? c.indent : line_indent_), ' ');
        cur_ += d.text;
        has_content_ = has_content_ || d.text.find_first_not_of(' ') != std::string::npos;
        col_ = width_of(cur_);
        break;
      case K::line:
      case K::softline:
        if (c.flat) {
          if (d.kind == K::line) put_space();
        } else {
          newline(c.indent);
        }
        break;
      case K::hardline: newline(c.indent); break;
      case K::blank:
        newline(c.indent);
        want_blank();
        break;
      case K::concat:
        for (auto it = d.parts.rbegin(); it != d.parts.rend(); ++it) stack.push_back({c.indent, c.flat, &*it});
        break;
      case K::indent:
        for (auto it = d.parts.rbegin(); it != d.parts.rend(); ++it)
          stack.push_back({c.indent + d.amount, c.flat, &*it});
        break;
      case K::group: {
        bool flat = c.flat || (!d.broken && fits({{c.indent, true, &d}}, stack, o_.width - col_));
        for (auto it = d.parts.rbegin(); it != d.parts.rend(); ++it) stack.push_back({c.indent, flat, &*it});
        break;
      }
      case K::fill: step_fill(c, stack); break;
      case K::trailing:
        pending_.push_back(d.text);
        // A comment in the middle of a line would swallow what follows: the line ends here.
        if (d.breaks) {
          newline(c.indent);
          resume_own_indent_ = true;
        }
        break;
      case K::comment_line:
        if (has_content_) newline(c.indent);
        if (d.blank_before) want_blank();
        cur_.assign(static_cast<std::size_t>(c.indent), ' ');
        cur_ += d.text;
        has_content_ = true;
        newline(c.indent);
        break;
    }
  }

  // Prettier's fill: each item flat when it fits; a separator breaks when the next item
  // would not fit after it.
  void step_fill(const Cmd& c, std::vector<Cmd>& stack) {
    const Doc& d = *c.doc;
    const std::size_t i = c.from;
    if (i >= d.parts.size()) return;
    const Doc& item = d.parts[i];
    bool item_fits = c.flat || fits({{c.indent, true, &item}}, {}, o_.width - col_);
    if (i + 2 < d.parts.size()) {
      bool pair_fits = c.flat || fits({{c.indent, true, &item}, {c.indent, true, &d.parts[i + 1]},
                                       {c.indent, true, &d.parts[i + 2]}},
                                      {}, o_.width - col_);
      stack.push_back({c.indent, c.flat, &d, i + 2});
      stack.push_back({c.indent, pair_fits, &d.parts[i + 1]});
    } else if (i + 1 < d.parts.size()) {
      stack.push_back({c.indent, c.flat, &d.parts[i + 1]});
    }
    stack.push_back({c.indent, item_fits, &item});
  }

  // Whether `next` fits in `room` columns, followed by the commands on `rest` up to
  // their first line end.
  bool fits(std::vector<Cmd> first, const std::vector<Cmd>& rest, int room) const {
    using K = Doc::Kind;
    std::vector<Cmd> cmds(first.rbegin(), first.rend());
    std::size_t rest_i = rest.size();
    while (room >= 0) {
      if (cmds.empty()) {
        if (rest_i == 0) return true;
        cmds.push_back(rest[--rest_i]);
        continue;
      }
      Cmd c = cmds.back();
      cmds.pop_back();
      const Doc& d = *c.doc;
      switch (d.kind) {
        case K::text: room -= width_of(d.text); break;
        case K::line:
          if (!c.flat) return true;
          room -= 1;
          break;
        case K::softline:
          if (!c.flat) return true;
          break;
        case K::hardline:
        case K::blank:
        case K::comment_line: return true;
        case K::trailing:
          if (d.breaks) return true;
          break;
        case K::group: {
          bool flat = c.flat && !d.broken;
          for (auto it = d.parts.rbegin(); it != d.parts.rend(); ++it) cmds.push_back({c.indent, flat, &*it});
          break;
        }
        case K::concat:
        case K::indent:
        case K::fill:
          for (auto it = d.parts.rbegin(); it != d.parts.rend() - static_cast<std::ptrdiff_t>(c.from); ++it)
            cmds.push_back({c.indent, c.flat, &*it});
          break;
      }
    }
    return false;
  }

  void put_space() {
    if (has_content_) {
      cur_ += ' ';
      ++col_;
    }
  }

  void newline(int indent) {
    if (has_content_ || !pending_.empty()) {
      Line l;
      std::size_t end = cur_.find_last_not_of(' ');
      l.code = end == std::string::npos ? std::string() : cur_.substr(0, end + 1);
      for (const std::string& p : pending_) {
        if (!l.comment.empty()) l.comment += ' ';
        l.comment += p;
      }
      pending_.clear();
      lines_.push_back(std::move(l));
    }
    line_indent_ = indent;
    resume_own_indent_ = false;
    cur_.assign(static_cast<std::size_t>(indent), ' ');
    col_ = indent;
    has_content_ = false;
  }

  void want_blank() {
    if (!lines_.empty() && !(lines_.back().code.empty() && lines_.back().comment.empty())) lines_.push_back(Line{});
  }

  // Trailing comments of consecutive lines start in one column, two spaces after the
  // longest code among them.
  void align_comments() {
    std::size_t i = 0;
    while (i < lines_.size()) {
      if (lines_[i].comment.empty() || lines_[i].code.empty()) {
        ++i;
        continue;
      }
      std::size_t j = i;
      int widest = 0;
      while (j < lines_.size() && !lines_[j].comment.empty() && !lines_[j].code.empty()) {
        widest = std::max(widest, width_of(lines_[j].code));
        ++j;
      }
      for (std::size_t k = i; k < j; ++k) lines_[k].pad = widest - width_of(lines_[k].code) + 2;
      i = j;
    }
  }

  const PrintOptions& o_;
  std::vector<Line> lines_;
  std::string cur_;
  int col_ = 0;
  int line_indent_ = 0;
  bool has_content_ = false;
  bool resume_own_indent_ = false;
  std::vector<std::string> pending_;
};

}  // namespace

std::string print_doc(Doc doc, const PrintOptions& options) {
  propagate(doc);
  return Printer(options).run(doc);
}

}  // namespace proviso::compiler::internal
