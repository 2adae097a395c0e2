#pragma once
// Usage lines and help pages, rendered from the command table.
#include <string>

#include "cli/command_table.hpp"

namespace proviso::cli {

// "usage: proviso check PATH... [--format text|json|sarif] ...", wrapped, with a line end.
std::string render_usage(const Command& command);
// `proviso help COMMAND`: the usage, the description, then every option with its help.
std::string render_help(const Command& command);
// "commands:" and one line per command: its name, arguments and summary.
std::string render_command_list();
// `proviso help`: what proviso is, the commands, paths and exit statuses.
std::string render_overview();

}  // namespace proviso::cli
