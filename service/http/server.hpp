#pragma once
// The HTTP side of the service: a listener, one session per connection (HTTP/1.1 with
// keep-alive), a pool of threads running the sessions, and the signals (SIGHUP
// reloads; SIGTERM and SIGINT stop gracefully).
#include <string>

#include "api/api.hpp"

namespace proviso::service::internal {

// Listens on `listen` (HOST:PORT, [IPv6]:PORT; port 0 picks a free one, logged as
// "listening") and serves until SIGTERM or SIGINT; then stops accepting, lets the
// requests it has read finish (their records committed) for up to the timeout, closes
// idle connections, and returns 0. Returns 2 when the address cannot be used.
int serve_http(ServiceState& state);

}  // namespace proviso::service::internal
