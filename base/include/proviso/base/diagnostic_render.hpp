#pragma once
// Renderers for diagnostics: compiler-style text, the contract's JSON shape, SARIF 2.1.0.
#include <string>

#include "proviso/base/diagnostic.hpp"

namespace proviso {

struct TextRenderOptions {
  bool color = false;  // the CLI decides: a terminal, and NO_COLOR unset
};

// "file:line:col: error[code]: message", the source line, a caret with '~' under the
// span, then notes ("note: ...") and a hint ("help: ...").
std::string render_text(const Diagnostic& d, const TextRenderOptions& options = {});
// All diagnostics followed by a summary line ("2 errors, 1 warning").
std::string render_text(const Diagnostics& ds, const TextRenderOptions& options = {});

// {"diagnostics": [...], "errors": N, "warnings": N, "infos": N}
std::string render_json(const Diagnostics& ds);
// One diagnostic object (used by batch error records).
std::string render_json(const Diagnostic& d);

std::string render_sarif(const Diagnostics& ds, std::string_view tool_version);

// JSON string escaping shared by every JSON writer in the project. Bytes that are not
// UTF-8 (a file name can hold any) become U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);

// Text for a terminal or a Markdown record: control characters (C0 but tab and, when
// `keep_newlines`, newline; DEL; C1), the Unicode line separators and bidirectional
// controls become visible escapes such as `\x1b` or `\u{202e}`, and bytes that are not
// UTF-8 become `\xff`, so no file name, scenario string or message can move the cursor,
// recolour the screen or reorder what a reader sees.
std::string escape_for_display(std::string_view s, bool keep_newlines = false);

// A file path as a SARIF artifact URI: bytes other than unreserved characters and
// `/` percent-encoded (RFC 3986).
std::string uri_of_path(std::string_view path);

}  // namespace proviso
