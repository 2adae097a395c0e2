#pragma once
// The proviso program's entry: the command's name, help and version, then the command.
#include "cli/args.hpp"

namespace proviso::cli {

// `words`: the program's arguments after its own name. Returns the exit status.
int run_cli(const Args& words);

}  // namespace proviso::cli
