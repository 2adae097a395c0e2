#pragma once
// What every subcommand shares: argument parsing, compiling a bundle, printing
// diagnostics, and the exit-status convention (0 ok, 1 input errors, 2 usage or I/O).
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic.hpp"

namespace proviso::cli {

struct OptionSpec {
  std::vector<std::string> values;  // options that take a value: "--format"
  std::vector<std::string> flags;   // options without one: "--strict"
};

struct ParsedArgs {
  std::vector<std::string> paths;
  std::map<std::string, std::string> values;
  std::set<std::string> flags;

  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  bool has_value(const std::string& option) const { return values.count(option) > 0; }
  std::string value(const std::string& option, std::string fallback = {}) const;
};

// Accepts "--opt value" and "--opt=value"; "--" ends options. On failure returns false
// with a message naming the offending word.
bool parse_args(const Args& args, const OptionSpec& spec, ParsedArgs& out, std::string& error);

// Prints "proviso COMMAND: error: MESSAGE" and the command's usage to stderr; returns 2.
int usage_error(std::string_view command, std::string_view message);
// The usage text of a subcommand ("" for an unknown one).
std::string_view usage_of(std::string_view command);

bool colour_for(std::FILE* stream);

// Compiles the named paths with the default options, and `--root DIR` when given.
Compilation compile_bundle(const ParsedArgs& args);
Compilation compile_bundle(const std::vector<std::string>& paths);
// The program PATH... names, for the commands that run one: read from a program file
// (`proviso build`) when PATH is one file that begins with the program file magic,
// compiled otherwise (with `--root DIR` when given). On failure the errors are printed
// ("proviso COMMAND: error: FILE: ..." for a bad program file) and `status` is the exit
// status: 1 bad input, 2 I/O. `program` is set exactly when status is 0.
struct LoadedProgram {
  std::unique_ptr<Program> program;
  int status = 0;
};
LoadedProgram load_program(std::string_view command, const ParsedArgs& args);
// Copies the excerpt line into diagnostics that only carry file:line:col (analysis
// findings are made from the program, which keeps no source text).
void fill_excerpts(Diagnostics& ds, const Compilation& c);
// 2 when a file could not be read, 1 for any error, 0 otherwise.
int exit_status(const Diagnostics& ds);
// Text diagnostics to stderr, sorted; nothing when there are none.
void print_diagnostics(Diagnostics& ds);
// Checks --format against the allowed names; returns false after a usage error message.
bool check_format(std::string_view command, const std::string& format, std::initializer_list<std::string_view> allowed);

// Whole-file reads for --scenario and friends; "-" is standard input.
bool read_input(const std::string& path, std::string& out, std::string& error);
// The timestamp for decision records: $PROVISO_NOW when set (reproducible records), else now (UTC).
std::string now_iso8601();

}  // namespace proviso::cli
