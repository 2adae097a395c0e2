// proviso fmt: the canonical layout. Prints the formatted text, rewrites the files
// (-w), or names the files that are not formatted (--check). A file that does not
// parse is reported and never touched.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_common.hpp"
#include "cli/output.hpp"
#include "cli/commands.hpp"
#include "proviso/compiler/format.hpp"

namespace proviso::cli {
namespace {
namespace fs = std::filesystem;

// The files PATH... names: files as given, folders searched for *.proviso, sorted.
bool collect(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") {
      files.push_back(p);
    } else if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".proviso") {
          found.push_back(it->path().lexically_normal().generic_string());
        }
      }
      if (ec) {
        std::cerr << fmt::format("proviso fmt: error: cannot read folder '{}': {}\n", p, ec.message());
        return false;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      std::cerr << fmt::format("proviso fmt: error: no such file or folder: '{}'\n", p);
      return false;
    }
  }
  return true;
}

// Writes through a temporary file in the same folder, so a file is replaced whole or
// not at all. False, with `error` the errno, when a write, the close or the rename fails.
bool write_whole(const std::string& path, const std::string& text, int& error) {
  const std::string tmp = path + ".fmt-tmp";
  if (!write_file_checked(tmp, text, error)) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return false;
  }
  std::error_code ec;
  fs::permissions(tmp, fs::status(path, ec).permissions(), ec);
  fs::rename(tmp, path, ec);
  if (ec) {
    error = ec.value();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace

int run_fmt(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("fmt", "no PATH given");
  const bool write = a.has("--write"), check = a.has("--check");
  if (write && check) return usage_error("fmt", "-w rewrites the files and --check only names them: give one");
  std::vector<std::string> files;
  if (!collect(a.positional, files)) return 2;
  if (files.empty()) {
    std::cerr << "proviso fmt: error: no .proviso files found\n";
    return 2;
  }
  if (write && std::count(files.begin(), files.end(), "-") > 0) {
    return usage_error("fmt", "-w cannot rewrite standard input");
  }
  int status = 0;
  for (const std::string& file : files) {
    std::string text, error;
    if (!read_input(file, ParseOptions{}.max_file_bytes, text, error)) {
      std::cerr << fmt::format("proviso fmt: error: {}\n", error);
      status = 2;
      continue;
    }
    Diagnostics ds;
    SourceFile source(file == "-" ? "<stdin>" : file, std::move(text));
    std::optional<std::string> out = format_source(source, ds);
    if (!out) {
      print_diagnostics(ds);
      status = std::max(status, 1);
      continue;
    }
    const bool changed = *out != source.text();
    if (check) {
      if (changed) {
        std::cout << file << '\n';
        status = std::max(status, 1);
      }
    } else if (write) {
      int error = 0;
      if (changed && !write_whole(file, *out, error)) {
        std::cerr << fmt::format("proviso fmt: error: cannot write {}: {}\n", file, std::strerror(error));
        status = 2;
      }
    } else {
      std::cout << *out;
    }
  }
  return status;
}

}  // namespace proviso::cli
