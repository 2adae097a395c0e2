#pragma once
// Runs Graphviz's `dot` as a child process to draw a DOT graph as SVG, with a time limit
// and a size limit, so that a large program cannot hold a request thread for ever.
#include <string>
#include <string_view>

namespace proviso::service::internal {

struct DotLimits {
  int timeout_ms = 10000;
  std::size_t max_output = 32u << 20;
};

// The SVG, or false with `error` saying why (no `dot` on the PATH, a timeout, a failure).
bool dot_to_svg(std::string_view dot, std::string& svg, std::string& error, const DotLimits& limits = {});

}  // namespace proviso::service::internal
