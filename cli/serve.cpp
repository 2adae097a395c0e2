// proviso serve: the decision service (service/); this file only reads the options.
#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "proviso/service/serve.hpp"

namespace proviso::cli {

int run_serve(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("serve", "no PATH given");
  ServeOptions options;
  options.paths = a.positional;
  options.root = a.get("--root");
  options.listen = a.get("--listen", options.listen);
  options.register_target = a.get("--register", options.register_target);
  options.token_file = a.get("--token-file");
  options.max_body = a.count("--max-body", options.max_body);
  options.timeout_ms = static_cast<unsigned>(a.count("--timeout", options.timeout_ms));
  options.threads = static_cast<unsigned>(a.count("--threads", options.threads));
  options.trace = a.get("--trace", options.trace);
  return run_service(options);
}

}  // namespace proviso::cli
