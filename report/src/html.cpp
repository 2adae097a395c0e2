#include "html.hpp"

#include <fmt/format.h>

#include "proviso/base/diagnostic_render.hpp"

namespace proviso::report::internal {
namespace {

// Dark text on white, links darker than the WCAG AA minimum; the layout is one column
// that widens to 60em, tables scroll sideways on a phone rather than overflow.
constexpr std::string_view kCss = R"css(
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0; overflow-wrap: anywhere; }
header, main, footer, nav { max-width: 60em; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 3px solid #1d3557; padding-top: 1rem; }
footer { border-top: 1px solid #767676; margin-top: 2rem; padding-bottom: 1rem; font-size: 0.9em; }
a { color: #0b4f8a; }
a:focus { outline: 3px solid #f0b400; }
h1 { font-size: 1.6em; margin: 0.5em 0; }
h2 { font-size: 1.3em; margin-top: 1.5em; border-bottom: 1px solid #d0d0d0; }
h3 { font-size: 1.1em; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { border: 1px solid #a0a0a0; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.95em; overflow-wrap: anywhere; }
.value-true { font-weight: bold; }
.value-unknown { font-style: italic; }
.flag { font-weight: bold; text-decoration: underline; }
.muted { color: #4a4a4a; }
ul.plain { padding-left: 1.2em; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
@media (max-width: 40em) { :root { font-size: 15px; } th, td { padding: 0.25em; } }
@media print {
  @page { size: A4; margin: 15mm; }
  :root { font-size: 10pt; }
  header, main, footer, nav { max-width: none; padding: 0; }
  a { color: #000; text-decoration: none; }
  nav { display: none; }
  h2 { break-after: avoid; }
  table, figure, section.question { break-inside: avoid; }
}
)css";

}  // namespace

std::string esc(std::string_view s) {
  std::string out;
  for (char c : escape_for_display(s)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string page(std::string_view title, std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
      esc(title), kCss, body);
}

std::string slug(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                      c == '-' || c == '.';
    out += keep ? c : '_';
  }
  return out.empty() ? "_" : out;
}

}  // namespace proviso::report::internal
