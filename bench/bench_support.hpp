#pragma once
// Helpers shared by the benchmark executables: whole-file reads, JSON Lines splitting,
// compiling a bundle or failing loudly, and small statistics. Header-only on purpose:
// each executable is one translation unit plus this.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::bench {

[[noreturn]] inline void die(const std::string& message) {
  std::fprintf(stderr, "proviso bench: %s\n", message.c_str());
  std::exit(2);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Views into `text`, one per non-empty line.
inline std::vector<std::string_view> split_lines(const std::string& text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) lines.emplace_back(text.data() + start, nl - start);
    start = nl + 1;
  }
  return lines;
}

// A compiled bundle, or the process exits with the first error: a benchmark of a
// program that did not compile would measure nothing.
inline Compilation compile_or_die(const std::string& name, std::string text) {
  Compilation c = compile_text(name, std::move(text));
  if (c.diagnostics.has_errors() || !c.program) {
    std::string first = c.diagnostics.items().empty() ? "no program" : c.diagnostics.items().front().message;
    die("compiling " + name + ": " + first);
  }
  return c;
}

inline std::vector<Scenario> read_scenarios_or_die(const Program& program, const std::string& jsonl) {
  ScenarioReader reader(program);
  std::vector<Scenario> out;
  std::uint32_t line = 0;
  for (std::string_view text : split_lines(jsonl)) {
    Scenario s;
    Diagnostic error;
    if (!reader.read(text, s, error, "<scenarios>", ++line)) {
      die("scenario line " + std::to_string(line) + ": " + error.message);
    }
    out.push_back(std::move(s));
  }
  if (out.empty()) die("no scenarios");
  return out;
}

inline double median(std::vector<double> xs) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  std::size_t n = xs.size();
  return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

inline double quantile(std::vector<double> xs, double q) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  return xs[std::min(xs.size() - 1, static_cast<std::size_t>(q * static_cast<double>(xs.size())))];
}

}  // namespace proviso::bench
