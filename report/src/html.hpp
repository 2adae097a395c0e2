#pragma once
// HTML and SVG helpers shared by the assessment page and the public register: escaping
// and the one page shell (inline CSS, no external assets, readable on a phone, printable
// on A4).
#include <string>
#include <string_view>

namespace proviso::report::internal {

// Text for HTML and XML content and attribute values: & < > " ' escaped; control
// characters and bytes that are not UTF-8 shown as visible escapes.
std::string esc(std::string_view s);

// A whole page: <!DOCTYPE html>, lang="en", charset and viewport, `title`, inline CSS,
// then `body` (which brings its own landmarks: header, nav, main, footer).
std::string page(std::string_view title, std::string_view body);

// A name safe as a file name and a fragment: letters, digits, '_', '-' and '.' kept,
// anything else as '_'.
std::string slug(std::string_view name);

}  // namespace proviso::report::internal
