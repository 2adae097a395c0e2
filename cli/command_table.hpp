#pragma once
// The proviso program's commands, in one table: each entry's name, summary,
// description, options (with their help) and the function that runs it. Usage lines,
// `proviso help`, `proviso help COMMAND`, `COMMAND --help` and the argument parser are
// all read from it, so they cannot disagree. Adding a command is one entry in
// command_table.cpp, its run function in its own file, and that file in CMakeLists.txt.
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"

namespace proviso::cli {

struct Command {
  std::string_view name;
  std::string_view arguments;     // the positional arguments as usage shows them: "PATH...", "OLD NEW"
  std::string_view summary;       // one line, for the list of commands
  std::string description;        // paragraphs (separated by "\n\n"), for `proviso help NAME`
  std::vector<OptionSpec> options;
  std::string_view usage_tail;    // after the options in usage, e.g. "< in.jsonl > out.jsonl"
  // The exit status: 0 success, 1 the input has errors (or a test/expectation failed),
  // 2 usage or I/O error.
  int (*run)(const ParsedArgs& args) = nullptr;
};

// Every command, in the order `proviso help` lists them.
const std::vector<Command>& commands();
// The command of that name, or nullptr.
const Command* find_command(std::string_view name);

}  // namespace proviso::cli
