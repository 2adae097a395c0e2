#pragma once
// What every command shares: compiling a bundle, printing diagnostics and usage
// errors, and the exit-status convention (0 ok, 1 input errors, 2 usage or I/O).
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic.hpp"
#include "proviso/base/read_file.hpp"

namespace proviso::cli {

// Prints "proviso COMMAND: error: MESSAGE", the hint when there is one, and the
// command's usage to stderr; returns 2.
int usage_error(std::string_view command, std::string_view message, std::string_view hint = {});

bool colour_for(std::FILE* stream);

// Compiles the positional paths as one bundle with `--root DIR` when given; with
// `--verbose`, prints the stage table to stderr. The command must declare both options.
Compilation compile_bundle(const ParsedArgs& args);
// Compiles `paths` with the default options (diff's two bundles, each on its own).
Compilation compile_bundle(const std::vector<std::string>& paths);
// The `--verbose` table: each stage of the compiler's road, in order, with its time
// or "skipped", then the total. `what` names the bundle in the heading.
std::string render_stage_times(const std::vector<StageTime>& stages, std::string_view what);
void print_stage_times(const Compilation& c, const std::vector<std::string>& paths);
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

// Reads the scenario JSON file `path` ("-": standard input) into `out`. Returns the exit
// status: 0 read, 1 a bad scenario (its diagnostic printed), 2 the file cannot be read
// ("proviso COMMAND: error: ..." printed).
int read_scenario_file(std::string_view command, const Program& program, const std::string& path, Scenario& out);
// Reads the file `path` ("-": standard input) for --scenario and friends, with `limit`
// enforced while reading (nothing bigger is ever held, pipes and devices included).
// False with `error` saying why ("... is a folder", "cannot read ...: REASON", "... is N
// bytes; the limit is M bytes"); `outcome`, when given, gets the details.
bool read_input(const std::string& path, std::size_t limit, std::string& out, std::string& error,
                ReadOutcome* outcome = nullptr);
// The scenario block titled `title`, or null with "proviso COMMAND: error: no scenario
// titled ..." and the titles there are printed.
const NamedScenario* find_named_scenario(std::string_view command, const Program& p, const std::string& title);
// The timestamp for decision records: $PROVISO_NOW when set (reproducible records), else now (UTC).
std::string now_iso8601();

// The date evaluations use when a scenario gives none (language.md, "Effective dates"):
// `option` (--on; may be empty) when given, else the date of $PROVISO_NOW when set, else today in
// UTC. False, with the error printed, when $PROVISO_NOW does not start with a date.
bool evaluation_date(std::string_view command, const ParsedArgs& args, std::string_view option, Day& out);

// A scenario that makes constraints false (Result::violated): one bad-scenario error
// per constraint, naming it and its text, at `where` (the scenario's file or block).
void add_violations(Diagnostics& ds, const Program& p, const std::vector<std::uint32_t>& violated, const Location& where);

}  // namespace proviso::cli
