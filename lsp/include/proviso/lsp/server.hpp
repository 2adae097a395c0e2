#pragma once
// `proviso lsp`: a Language Server Protocol 3.17 server over a byte stream (standard
// input and output). It compiles the bundle of each open file (the file and every file
// joined to it by imports, under the workspace folder) on every edit and publishes
// the compiler's diagnostics; on save it runs the static analysis in the background
// and publishes its findings too, unless a newer edit came first. It answers hover,
// definition, references, completion, document symbols, formatting and rename.
// A malformed message gets a JSON-RPC error; nothing a client sends ends the server
// but `exit`.
#include <iosfwd>

namespace proviso {

struct LanguageServerOptions {
  bool analysis_on_save = true;       // run the static analysis when a file is saved
  unsigned analysis_timeout_ms = 2000;  // per solver query
};

// Serves until `exit` or the end of the input. Returns the process exit status: 0 after
// `shutdown` then `exit`, 1 otherwise (as the protocol says).
int run_language_server(std::istream& in, std::ostream& out, const LanguageServerOptions& options = {});

}  // namespace proviso
