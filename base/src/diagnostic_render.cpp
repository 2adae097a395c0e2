#include "proviso/base/diagnostic_render.hpp"
#include "proviso/base/utf8.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <set>

namespace proviso {
namespace {

struct Palette {
  const char* bold = "";
  const char* reset = "";
  const char* error = "";
  const char* warning = "";
  const char* info = "";
  const char* caret = "";
};

Palette palette(bool color) {
  if (!color) return {};
  return {"\x1b[1m", "\x1b[0m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m", "\x1b[1;32m"};
}

const char* severity_colour(const Palette& p, Severity s) {
  switch (s) {
    case Severity::error: return p.error;
    case Severity::warning: return p.warning;
    case Severity::info: return p.info;
  }
  return p.error;
}

// The source line and a caret under the span, with a line-number gutter. Tabs in the
// line are copied into the padding so the caret lines up in any tab width.
// The line is shown escaped (a CR used as a line end, a stray control byte), and the
// caret counts the escaped text before the column.
void append_excerpt(std::string& out, const Location& loc, const Palette& p) {
  if (!loc.has_place() || loc.column > loc.line_text.size() + 1) return;
  std::string number = std::to_string(loc.line);
  std::string gutter(number.size(), ' ');
  const std::size_t at = loc.column > 0 ? loc.column - 1 : 0;
  const std::string before = escape_for_display(std::string_view(loc.line_text).substr(0, at));
  out += fmt::format(" {} | {}{}\n", number, before, escape_for_display(std::string_view(loc.line_text).substr(at)));
  std::string pad;
  for (char ch : before) pad += ch == '\t' ? '\t' : ' ';
  std::size_t room = loc.line_text.size() >= loc.column ? loc.line_text.size() - loc.column + 1 : 1;
  std::size_t width = std::max<std::size_t>(1, std::min<std::size_t>(loc.length, room));
  out += fmt::format(" {} | {}{}^{}{}\n", gutter, pad, p.caret, std::string(width - 1, '~'), p.reset);
}

std::string place(const Location& loc) {
  if (loc.file.empty()) return "proviso";
  if (loc.line == 0) return escape_for_display(loc.file);
  return fmt::format("{}:{}:{}", escape_for_display(loc.file), loc.line, loc.column);
}

void append_count(std::string& out, std::size_t n, std::string_view what) {
  if (!out.empty()) out += ", ";
  out += fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

void append_location_fields(std::string& out, const Location& loc) {
  out += ",\"file\":";
  append_json_string(out, loc.file);
  out += fmt::format(",\"line\":{},\"column\":{}", loc.line, loc.column);
}

}  // namespace

namespace {

// ,"others":[...],"others_count":N for a grouped finding; nothing otherwise, so the
// shape of every other finding is unchanged.
void append_others(std::string& out, const Diagnostic& d) {
  if (d.others_count == 0) return;
  out += ",\"others\":[";
  for (std::size_t i = 0; i < d.others.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, d.others[i]);
  }
  out += fmt::format("],\"others_count\":{}", d.others_count);
}

}  // namespace

namespace {

bool hides_text(std::uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

}  // namespace

std::string escape_for_display(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    const std::size_t len = utf8_sequence_at(s, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    if (hides_text(cp) && cp != '\t' && !(keep_newlines && cp == '\n')) {
      out += cp < 0x80 ? fmt::format("\\x{:02x}", cp) : fmt::format("\\u{{{:x}}}", cp);
    } else {
      out.append(s.data() + i, len);
    }
    i += len;
  }
  return out;
}

std::string uri_of_path(std::string_view path) {
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

namespace {

// The index of the first byte of s[from ..) that is a control character, '"', '\\' or
// not ASCII, or s.size(): eight bytes at a time, since names and expression texts are
// plain ASCII and make up most of a trace.
std::size_t plain_run_end(std::string_view s, std::size_t from) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  std::size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, s.data() + i, 8);
    // A byte < 0x20 has a zero in its top three bits; '"' and '\\' compare equal.
    const std::uint64_t special = has_zero(x & (0xe0 * kOnes)) | has_zero(x ^ ('"' * kOnes)) |
                                  has_zero(x ^ ('\\' * kOnes)) | (x & kHigh);
    if (special != 0) break;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
  }
  return i;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  // Runs of characters that need no escape are found eight bytes at a time and copied
  // whole: the service renders traces of kilobytes per decision.
  std::size_t run = 0;
  for (std::size_t i = plain_run_end(s, 0); i < s.size(); i = plain_run_end(s, i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::uint32_t cp = 0;
      const std::size_t len = utf8_sequence_at(s, i, cp);
      if (len > 0) {
        i += len - 1;
        continue;
      }
      out.append(s.data() + run, i - run);
      run = i + 1;
      out += "\\ufffd";
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: out += fmt::format("\\u{:04x}", c);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

std::string render_text(const Diagnostic& d, const TextRenderOptions& options) {
  Palette p = palette(options.color);
  std::string out = fmt::format("{}{}:{} {}{}[{}]:{}{} {}{}\n", p.bold, place(d.location), p.reset,
                                severity_colour(p, d.severity), to_string(d.severity), to_string(d.code), p.reset,
                                p.bold, escape_for_display(d.message, true), p.reset);
  append_excerpt(out, d.location, p);
  if (!d.rules.empty()) {
    out += "  rules: ";
    for (std::size_t i = 0; i < d.rules.size(); ++i) out += (i ? ", " : "") + escape_for_display(d.rules[i]);
    out += '\n';
  }
  if (d.others_count > 0) {
    out += "  also: ";
    for (std::size_t i = 0; i < d.others.size(); ++i) out += (i ? ", " : "") + escape_for_display(d.others[i]);
    if (d.others_count > d.others.size()) out += fmt::format(" (and {} more)", d.others_count - d.others.size());
    out += '\n';
  }
  if (!d.witness_json.empty()) out += fmt::format("  witness: {}\n", escape_for_display(d.witness_json));
  if (!d.cite.empty()) {
    out += "  cite: ";
    for (std::size_t i = 0; i < d.cite.size(); ++i) out += (i ? ", " : "") + escape_for_display(d.cite[i]);
    out += '\n';
  }
  for (const Note& n : d.notes) {
    if (n.location.has_place()) {
      out += fmt::format("{}{}:{} {}note:{} {}\n", p.bold, place(n.location), p.reset, p.info, p.reset,
                         escape_for_display(n.message, true));
      append_excerpt(out, n.location, p);
    } else {
      out += fmt::format("  {}note:{} {}\n", p.info, p.reset, escape_for_display(n.message, true));
    }
  }
  if (!d.hint.empty()) out += fmt::format("  {}help:{} {}\n", p.info, p.reset, escape_for_display(d.hint, true));
  return out;
}

std::string render_text(const Diagnostics& ds, const TextRenderOptions& options) {
  std::string out;
  for (const Diagnostic& d : ds.items()) out += render_text(d, options);
  std::size_t errors = ds.count(Severity::error), warnings = ds.count(Severity::warning),
              infos = ds.count(Severity::info);
  if (errors + warnings + infos > 0) {
    std::string summary;
    append_count(summary, errors, "error");
    append_count(summary, warnings, "warning");
    if (infos) append_count(summary, infos, "info");
    out += summary + '\n';
  }
  return out;
}

std::string render_json(const Diagnostic& d) {
  std::string out = "{\"severity\":";
  append_json_string(out, to_string(d.severity));
  out += ",\"code\":";
  append_json_string(out, to_string(d.code));
  out += ",\"message\":";
  append_json_string(out, d.message);
  append_location_fields(out, d.location);
  if (!d.hint.empty()) {
    out += ",\"hint\":";
    append_json_string(out, d.hint);
  }
  if (!d.notes.empty()) {
    out += ",\"notes\":[";
    for (std::size_t i = 0; i < d.notes.size(); ++i) {
      out += i ? ",{\"message\":" : "{\"message\":";
      append_json_string(out, d.notes[i].message);
      append_location_fields(out, d.notes[i].location);
      out += '}';
    }
    out += ']';
  }
  if (!d.rules.empty()) {
    out += ",\"rules\":[";
    for (std::size_t i = 0; i < d.rules.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, d.rules[i]);
    }
    out += ']';
  }
  if (!d.witness_json.empty()) out += ",\"witness\":" + d.witness_json;
  if (!d.witness_full_json.empty()) out += ",\"witness_full\":" + d.witness_full_json;
  if (!d.cite.empty()) {
    out += ",\"cite\":[";
    for (std::size_t i = 0; i < d.cite.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, d.cite[i]);
    }
    out += ']';
  }
  append_others(out, d);
  out += '}';
  return out;
}

std::string render_json(const Diagnostics& ds) {
  std::string out = "{\"diagnostics\":[";
  for (std::size_t i = 0; i < ds.items().size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    out += render_json(ds.items()[i]);
  }
  out += fmt::format("],\n \"errors\":{},\"warnings\":{},\"infos\":{}}}\n", ds.count(Severity::error),
                     ds.count(Severity::warning), ds.count(Severity::info));
  return out;
}

std::string render_sarif(const Diagnostics& ds, std::string_view tool_version) {
  // SARIF 2.1.0: one run, one reporting descriptor per code used, results in order.
  std::set<std::string_view> codes;
  for (const Diagnostic& d : ds.items()) codes.insert(to_string(d.code));
  std::string out =
      "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
      "\"tool\":{\"driver\":{\"name\":\"proviso\",\"version\":";
  append_json_string(out, tool_version);
  out += ",\"rules\":[";
  bool first = true;
  for (std::string_view c : codes) {
    out += first ? "{\"id\":" : ",{\"id\":";
    append_json_string(out, c);
    out += '}';
    first = false;
  }
  out += "]}},\"results\":[";
  for (std::size_t i = 0; i < ds.items().size(); ++i) {
    const Diagnostic& d = ds.items()[i];
    if (i) out += ',';
    out += "\n{\"ruleId\":";
    append_json_string(out, to_string(d.code));
    out += ",\"level\":";
    append_json_string(out, d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "note");
    out += ",\"message\":{\"text\":";
    append_json_string(out, d.message);
    out += "}";
    if (d.location.has_place()) {
      out += ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":";
      append_json_string(out, uri_of_path(d.location.file));
      out += fmt::format("}},\"region\":{{\"startLine\":{},\"startColumn\":{}}}}}}}]", d.location.line,
                         d.location.column);
    }
    std::string related;
    for (const Note& n : d.notes) {
      if (!n.location.has_place()) continue;
      related += related.empty() ? "" : ",";
      related += "{\"physicalLocation\":{\"artifactLocation\":{\"uri\":";
      append_json_string(related, uri_of_path(n.location.file));
      related += fmt::format("}},\"region\":{{\"startLine\":{},\"startColumn\":{}}}}},\"message\":{{\"text\":",
                             n.location.line, n.location.column);
      append_json_string(related, n.message);
      related += "}}";
    }
    if (!related.empty()) out += ",\"relatedLocations\":[" + related + "]";
    if (!d.rules.empty() || !d.witness_json.empty() || d.others_count > 0) {
      out += ",\"properties\":{";
      bool any = false;
      if (!d.rules.empty()) {
        out += "\"rules\":[";
        for (std::size_t r = 0; r < d.rules.size(); ++r) {
          if (r) out += ',';
          append_json_string(out, d.rules[r]);
        }
        out += ']';
        any = true;
      }
      if (!d.witness_json.empty()) out += std::string(any ? "," : "") + "\"witness\":" + d.witness_json;
      if (d.others_count > 0) {
        std::string others;
        append_others(others, d);
        out += any || !d.witness_json.empty() ? others : others.substr(1);
      }
      out += '}';
    }
    out += '}';
  }
  out += "\n]}]}\n";
  return out;
}

}  // namespace proviso
