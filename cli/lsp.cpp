// proviso lsp: the language server on standard input and output.
#include <iostream>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "proviso/lsp/server.hpp"

namespace proviso::cli {

int run_lsp(const ParsedArgs& a) {
  if (!a.positional.empty()) return usage_error("lsp", "lsp takes no PATH: the editor opens the files");
  LanguageServerOptions options;
  options.analysis_on_save = !a.has("--no-analysis");
  options.analysis_timeout_ms = static_cast<unsigned>(a.count("--timeout", options.analysis_timeout_ms));
  std::ios::sync_with_stdio(false);
  return run_language_server(std::cin, std::cout, options);
}

}  // namespace proviso::cli
