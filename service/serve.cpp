// run_service: the program, the register, the token, then the HTTP side.
#include <csignal>
#include <fstream>
#include <iterator>

#include "api/api.hpp"
#include "core/log.hpp"
#include "core/util.hpp"
#include "http/server.hpp"
#include "proviso/service/serve.hpp"

namespace proviso {

using namespace service::internal;

int run_service(const ServeOptions& options) {
  // A child process (Graphviz, for the web page's pictures) that dies early must make a
  // write to its pipe fail, not end the service.
  std::signal(SIGPIPE, SIG_IGN);
  ServiceState state(options);
  if (!options.token_file.empty()) {
    std::ifstream in(options.token_file, std::ios::binary);
    std::string token((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (!in.good() && !in.eof()) token.clear();
    if (token.empty()) {
      log_event("error", "bad_token_file",
                {{"file", json_string(options.token_file)}, {"error", json_string("cannot be read, or is empty")}});
      return 2;
    }
    state.token = std::move(token);
  }
  std::string error;
  if (!state.programs.load(error)) {
    log_event("error", "load_failed", {{"error", json_string(error)}});
    return 1;
  }
  const auto program = state.programs.current();
  state.metrics.program(program->hash, program->loaded_at_seconds, program->load_seconds);
  if (options.register_target != "none") {
    state.store = open_register(options.register_target, true, error);
    if (!state.store) {
      log_event("error", "register_failed", {{"error", json_string(error)}});
      return 2;
    }
    state.pack_results = state.store->stores_packed_results();
    state.committer = std::make_unique<GroupCommit>(*state.store, state.metrics, options.max_batch);
  }
  const int status = serve_http(state);
  // Every request answered has had its record committed; what is still queued (a
  // request cut off by the stop deadline) is written before the register closes.
  if (state.committer) state.committer->stop();
  return status;
}

}  // namespace proviso
