#include "cli/cli_common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "proviso/base/diagnostic_render.hpp"

namespace proviso::cli {

std::string ParsedArgs::value(const std::string& option, std::string fallback) const {
  auto it = values.find(option);
  return it == values.end() ? fallback : it->second;
}

bool parse_args(const Args& args, const OptionSpec& spec, ParsedArgs& out, std::string& error) {
  auto is = [](const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
  };
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a.size() < 2 || a[0] != '-' || a == "-") {
      out.paths.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a, value;
    bool inline_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    if (is(spec.flags, name)) {
      if (inline_value) {
        error = fmt::format("option '{}' takes no value", name);
        return false;
      }
      out.flags.insert(name);
    } else if (is(spec.values, name)) {
      if (!inline_value) {
        if (i + 1 >= args.size()) {
          error = fmt::format("option '{}' needs a value", name);
          return false;
        }
        value = args[++i];
      }
      if (out.values.count(name)) {
        error = fmt::format("option '{}' given twice", name);
        return false;
      }
      out.values[name] = value;
    } else {
      error = fmt::format("unknown option '{}'", name);
      return false;
    }
  }
  return true;
}

std::string_view usage_of(std::string_view command) {
  if (command == "check")
    return "usage: proviso check PATH... [--format text|json|sarif] [--strict] [--no-analysis]\n"
           "                      [--smtlib DIR] [--timeout MS] [--root DIR]\n";
  if (command == "build") return "usage: proviso build PATH... -o FILE [--root DIR]\n";
  if (command == "eval")
    return "usage: proviso eval PATH... (--scenario FILE.json | --name TITLE) [--format text|json|markdown]\n"
           "                     [--root DIR]\n";
  if (command == "batch")
    return "usage: proviso batch PATH... [--fields full|decision] [--no-trace] [--root DIR]\n"
           "                      < in.jsonl > out.jsonl\n";
  if (command == "test") return "usage: proviso test PATH... [--verbose] [--root DIR]\n";
  if (command == "graph") return "usage: proviso graph PATH... [--policy P] [--rule R] [--root DIR]\n";
  if (command == "diff") return "usage: proviso diff OLD NEW [--format text|json] [--fail-on-change] [--timeout MS]\n";
  return "";
}

int usage_error(std::string_view command, std::string_view message) {
  std::cerr << fmt::format("proviso {}: error: {}\n{}", command, message, usage_of(command));
  return 2;
}

bool colour_for(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return isatty(fileno(stream)) != 0;
}

Compilation compile_bundle(const std::vector<std::string>& paths) { return compile_paths(paths); }

Compilation compile_bundle(const ParsedArgs& args) {
  CompileOptions options;
  options.bundle.root = args.value("--root");
  return compile_paths(args.paths, options);
}

void fill_excerpts(Diagnostics& ds, const Compilation& c) {
  auto fill = [&](Location& loc) {
    if (!loc.line_text.empty() || !loc.has_place()) return;
    for (const SourceFile& f : c.sources) {
      if (f.name() == loc.file) {
        loc.line_text = std::string(f.line_text(loc.line));
        return;
      }
    }
  };
  for (Diagnostic& d : ds.items()) {
    fill(d.location);
    for (Note& n : d.notes) fill(n.location);
  }
}

int exit_status(const Diagnostics& ds) {
  for (const Diagnostic& d : ds.items()) {
    if (d.code == Code::io) return 2;
  }
  return ds.has_errors() ? 1 : 0;
}

void print_diagnostics(Diagnostics& ds) {
  if (ds.items().empty()) return;
  ds.sort();
  TextRenderOptions options;
  options.color = colour_for(stderr);
  std::cerr << render_text(ds, options);
}

bool check_format(std::string_view command, const std::string& format, std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), format) != allowed.end()) return true;
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  usage_error(command, fmt::format("unknown format '{}' (expected one of {})", format, list));
  return false;
}

bool read_input(const std::string& path, std::string& out, std::string& error) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error = fmt::format("cannot read '{}'", path);
      return false;
    }
    ss << in.rdbuf();
  }
  out = ss.str();
  return true;
}

std::string now_iso8601() {
  if (const char* fixed = std::getenv("PROVISO_NOW"); fixed != nullptr && fixed[0] != '\0') return fixed;
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace proviso::cli
