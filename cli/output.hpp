#pragma once
// Checked output: a write that fails (a full disk, a closed pipe, a closed descriptor) is
// a failure of the command, "proviso: error: cannot write WHERE: REASON" and exit 2,
// never a silent exit 0. Standard output goes through one checked stream buffer that
// remembers the first failed write; run_cli asks it at the end of every command.
#include <cstdio>
#include <string>
#include <string_view>

namespace proviso::cli {

// Puts the checked buffer under std::cout (main does this once, before any output).
void use_checked_standard_output();
// Flushes std::cout and stdout. True when every write to standard output so far
// succeeded; otherwise prints the error (once per run) and returns false.
bool finish_standard_output();
// Prints "proviso: error: cannot write WHERE: REASON" for errno value `error`.
void report_write_failure(std::string_view where, int error);
// Writes all of `bytes` to `out` and flushes it. False, with errno kept, when a write fails.
bool write_and_flush(std::FILE* out, std::string_view bytes);
// Writes `bytes` to the file `path` (created or truncated) and closes it. False, with
// `error` the errno, when opening, a write or the close fails.
bool write_file_checked(const std::string& path, std::string_view bytes, int& error);
// The name standard output is known by in messages.
inline constexpr std::string_view kStandardOutput = "standard output";

}  // namespace proviso::cli
