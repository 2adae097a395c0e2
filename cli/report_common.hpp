#pragma once
// What assess, coverage, publish and test --coverage-json share: the bundle's frameworks
// as the report room reads them (the compiled program keeps only citations), the
// framework --framework names, and writing a report to a file or standard output.
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/report/framework.hpp"

namespace proviso::cli {

// Every framework of the bundle, in file order then declaration order.
std::vector<FrameworkInfo> frameworks_of(const Compilation& c);

// The framework named `name`, or null after "proviso COMMAND: error: no framework
// 'NAME'" with a did-you-mean (or the frameworks there are) on standard error.
const FrameworkInfo* pick_framework(std::string_view command, const std::vector<FrameworkInfo>& frameworks,
                                    std::string_view name);

// True, after "proviso COMMAND: error: FILE is a program file ...", when a PATH is a
// program file from `proviso build`: it keeps no frameworks, so reports need sources.
bool refuse_program_file(std::string_view command, const std::vector<std::string>& paths);

// Compiles the bundle of `a`. When it has errors, prints them and returns the exit
// status (1 when the diagnostics name none higher); 0 when `c` holds a program.
int compile_for_report(const ParsedArgs& a, Compilation& c);

// Writes `text` to `path`, or to standard output when `path` is empty or "-". False, with
// "proviso COMMAND: error: cannot write PATH: REASON" printed, when a write fails.
bool write_report(std::string_view command, const std::string& path, std::string_view text);

}  // namespace proviso::cli
