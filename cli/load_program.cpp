// The program a running command (eval, batch, build) works on: a program file when
// PATH... is one file that begins with the program file's magic, compiled sources
// otherwise. Deciding by content, not by name, means a source file is never mistaken
// for a program file, whatever it is called.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/cli_common.hpp"
#include "proviso/program/program_file.hpp"

namespace proviso::cli {
namespace {

// Whether `path` is a regular file that starts with the magic. Anything unreadable is
// left to the compiler, which reports it as sources are reported.
bool looks_like_program_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  char head[kProgramFileMagic.size()];
  in.read(head, sizeof head);
  return in.gcount() == static_cast<std::streamsize>(sizeof head) && is_program_file(std::string_view(head, sizeof head));
}

}  // namespace

LoadedProgram load_program(std::string_view command, const ParsedArgs& args) {
  LoadedProgram out;
  if (args.positional.size() == 1 && looks_like_program_file(args.positional[0])) {
    const std::string& path = args.positional[0];
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
      std::cerr << fmt::format("proviso {}: error: {}: cannot read: {}\n", command, path, std::strerror(errno));
      out.status = 2;
      return out;
    }
    ProgramFileRead read = read_program_file(bytes);
    if (!read.program) {
      std::cerr << fmt::format("proviso {}: error: {}: {}\n", command, path, read.message);
      out.status = 1;
      return out;
    }
    out.program = std::move(read.program);
    return out;
  }
  // A program file among sources would only be reported as bad UTF-8: say what it is.
  for (const std::string& path : args.positional) {
    if (args.positional.size() > 1 && looks_like_program_file(path)) {
      std::cerr << fmt::format("proviso {}: error: {}: a program file must be the only PATH\n", command, path);
      out.status = 2;
      return out;
    }
  }
  Compilation c = compile_bundle(args);
  if (c.diagnostics.has_errors() || !c.program) {
    print_diagnostics(c.diagnostics);
    const int status = exit_status(c.diagnostics);
    out.status = status == 0 ? 1 : status;
    return out;
  }
  out.program = std::move(c.program);
  return out;
}

}  // namespace proviso::cli
