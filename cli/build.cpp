// proviso build: compile PATH... once, to a program file that eval and batch load
// without the compiler. Silent on success, like a compiler; nothing is written when
// the bundle has errors, and a failed write never leaves a half-written FILE behind.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/program/program_file.hpp"

namespace proviso::cli {
namespace {

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it
// over `path`: readers see the old file or the new one, never a torn one. On failure
// `reason` says why and nothing is left behind.
bool write_atomically(const std::string& path, std::string_view bytes, std::string& reason) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    // Renaming over a device or a folder would replace it, not write into it.
    reason = S_ISDIR(existing.st_mode) ? "it is a folder" : "it is not a regular file";
    return false;
  }
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temp = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    reason = std::strerror(errno);
    return false;
  }
  auto fail = [&](int error) {
    reason = std::strerror(error);
    ::close(fd);
    ::unlink(temp.c_str());
    return false;
  };
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(n < 0 ? errno : EIO);
    done += static_cast<std::size_t>(n);
  }
  // mkstemp makes the file private (0600); a built program is as readable as any
  // file the user writes.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0 || ::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    reason = std::strerror(errno);
    ::unlink(temp.c_str());
    return false;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    reason = std::strerror(errno);
    ::unlink(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace

int run_build(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("build", "no PATH given");
  const std::string output = a.get("--output");
  if (output.empty() || output == "-") {
    return usage_error("build", "-o takes a file name (a program file is binary: it is not written to standard output)");
  }

  // A program file given as PATH is read, verified and written again: the same bytes.
  LoadedProgram loaded = load_program("build", a);
  if (!loaded.program) return loaded.status;
  const std::string bytes = write_program_file(*loaded.program);
  std::string reason;
  if (!write_atomically(output, bytes, reason)) {
    std::cerr << fmt::format("proviso build: error: cannot write {}: {}\n", output, reason);
    return 2;
  }
  return 0;
}

}  // namespace proviso::cli
