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

// JSON string escaping shared by every JSON writer in the project.
void append_json_string(std::string& out, std::string_view s);

}  // namespace proviso
