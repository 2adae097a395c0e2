#include "cli/dispatch.hpp"

#include <fmt/format.h>

#include <iostream>
#include <new>
#include <stdexcept>

#include "cli/cli_common.hpp"
#include "cli/command_table.hpp"
#include "cli/help.hpp"
#include "cli/output.hpp"
#include "proviso/base/suggest.hpp"

namespace proviso::cli {
namespace {

int unknown_command(std::string_view name) {
  std::vector<std::string_view> names;
  for (const Command& c : commands()) names.push_back(c.name);
  names.push_back("help");
  std::string hint = did_you_mean(name, names);
  std::cerr << fmt::format("proviso: error: unknown command '{}'\n", name);
  if (!hint.empty()) std::cerr << "  help: " << hint << '\n';
  std::cerr << '\n' << render_command_list() << "Run 'proviso help' for more.\n";
  return 2;
}

int run_command(const Command& command, const Args& words) {
  ParsedArgs args;
  ParseOutcome parsed = parse_args(command.options, words, args);
  if (parsed.help) {
    std::cout << render_help(command);
    return 0;
  }
  if (!parsed.ok()) return usage_error(command.name, parsed.error, parsed.hint);
  return command.run(args);
}

int run_words(const Args& words) {
  if (words.empty()) {
    std::cerr << render_overview();
    return 2;
  }
  const std::string& first = words[0];
  const Args rest(words.begin() + 1, words.end());
  if (first == "--help" || first == "-h" || first == "help") {
    if (first == "help" && !rest.empty()) {
      const Command* command = find_command(rest[0]);
      if (command == nullptr) return unknown_command(rest[0]);
      std::cout << render_help(*command);
      return 0;
    }
    std::cout << render_overview();
    return 0;
  }
  if (first == "--version" || first == "-V") {
    std::cout << "proviso " << PROVISO_VERSION << '\n';
    return 0;
  }
  const Command* command = find_command(first);
  if (command == nullptr) return unknown_command(first);
  try {
    return run_command(*command, rest);
  } catch (const std::bad_alloc&) {
    std::cerr << "proviso: error: out of memory\n";
    return 2;
  } catch (const std::exception& e) {
    // Every stage reports through diagnostics; reaching here is a bug, said plainly.
    std::cerr << "proviso: internal error: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace

int run_cli(const Args& words) {
  const int status = run_words(words);
  // Output that could not be written is a failure whatever the command decided.
  if (!finish_standard_output()) return 2;
  return status;
}

}  // namespace proviso::cli
