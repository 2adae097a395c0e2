// The proviso program: one binary, one command per file, all listed in command_table.cpp.
#include <iostream>

#include "cli/dispatch.hpp"
#include "cli/output.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  proviso::cli::use_checked_standard_output();
  return proviso::cli::run_cli(proviso::cli::Args(argv + 1, argv + argc));
}
