#pragma once
// `proviso serve`: the decision service (HTTP/1.1, JSON in and out) with its decision
// register. run_service blocks until SIGTERM or SIGINT, then finishes the requests it
// has started, flushes the register and returns.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace proviso {

struct ServeOptions {
  std::vector<std::string> paths;   // sources (compiled) or one program file
  std::string root;                 // --root for the compiler; empty: the default
  std::string listen = "127.0.0.1:8181";
  std::string register_target = "sqlite:proviso-register.sqlite";  // or postgresql://..., or none
  std::string token_file;           // empty: no token required
  std::size_t max_body = 1 << 20;   // bytes; a larger body is 413
  unsigned timeout_ms = 10000;      // reading a request or writing an answer; then 408
  unsigned threads = 0;             // 0: one per core
  std::size_t max_batch = 512;      // records per register transaction at most
  // The trace answered when a request says no ?trace=, "none", "minimal" or "full". A
  // record keeps the result as it was answered, so with minimal it stays small; the rest
  // can be rebuilt from the record's request and bundle.
  std::string trace = "minimal";
};

// The exit status: 0 after a clean shutdown, 1 when the first program cannot be
// loaded, 2 when the address, the register or the token file cannot be used.
int run_service(const ServeOptions& options);

}  // namespace proviso
