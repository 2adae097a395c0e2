// The proviso program: one binary, one subcommand per file.
#include <fmt/format.h>

#include <iostream>
#include <string>
#include <string_view>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"

namespace {

constexpr std::string_view kHelp =
    "proviso: policy-as-code for deciding when public services may share personal data\n"
    "\n"
    "usage: proviso COMMAND [ARGS...]\n"
    "\n"
    "commands:\n"
    "  check PATH...   parse, type-check, build the condition graph and run static analysis\n"
    "  build PATH...   compile to a program file (-o FILE) that eval and batch load without compiling\n"
    "  eval PATH...    decide one scenario (--scenario FILE.json or --name TITLE) with its justification\n"
    "  batch PATH...   decide one JSON scenario per input line, one JSON result per output line\n"
    "  test PATH...    run every scenario block with an `expect`; report pass/fail and rule coverage\n"
    "  graph PATH...   print the condition graph as Graphviz DOT\n"
    "  diff OLD NEW    decisions that change between two versions of a bundle, with witnesses\n"
    "\n"
    "PATH is a .proviso file or a folder (searched recursively).\n"
    "Exit status: 0 success, 1 the input has errors or a test failed, 2 usage or I/O error.\n"
    "Run 'proviso help COMMAND' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace proviso::cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kHelp;
    return 2;
  }
  std::string_view command = argv[1];
  Args args(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") {
    if (command == "help" && !args.empty()) {
      std::string_view usage = usage_of(args[0]);
      if (usage.empty()) return usage_error("help", fmt::format("unknown command '{}'", args[0]));
      std::cout << usage;
      return 0;
    }
    std::cout << kHelp;
    return 0;
  }
  if (command == "--version" || command == "-V") {
    std::cout << "proviso " << PROVISO_VERSION << '\n';
    return 0;
  }
  try {
    if (command == "check") return run_check(args);
    if (command == "build") return run_build(args);
    if (command == "eval") return run_eval(args);
    if (command == "batch") return run_batch(args);
    if (command == "test") return run_test(args);
    if (command == "graph") return run_graph(args);
    if (command == "diff") return run_diff(args);
  } catch (const std::bad_alloc&) {
    std::cerr << "proviso: error: out of memory\n";
    return 2;
  } catch (const std::exception& e) {
    // Every stage reports through diagnostics; reaching here is a bug, said plainly.
    std::cerr << "proviso: internal error: " << e.what() << '\n';
    return 2;
  }
  std::cerr << fmt::format("proviso: error: unknown command '{}'\n\n{}", command, kHelp);
  return 2;
}
