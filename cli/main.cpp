// The proviso program: one binary, one command per file, all listed in command_table.cpp.
#include <iostream>

#include "cli/dispatch.hpp"
#include "cli/output.hpp"

#ifdef PROVISO_WITH_MIMALLOC
#include <mimalloc.h>
#endif

int main(int argc, char** argv) {
#ifdef PROVISO_WITH_MIMALLOC
  // A reference to the library, so that a linker that drops unreferenced libraries
  // (--as-needed) keeps the allocator that replaces malloc.
  static_cast<void>(mi_version());
#endif
  std::ios::sync_with_stdio(false);
  proviso::cli::use_checked_standard_output();
  return proviso::cli::run_cli(proviso::cli::Args(argv + 1, argv + argc));
}
