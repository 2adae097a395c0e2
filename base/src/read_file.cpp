#include "proviso/base/read_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace proviso {

ReadOutcome read_bounded_fd(int fd, std::size_t limit, std::string& out) {
  ReadOutcome r;
  out.clear();
  struct stat st {};
  if (::fstat(fd, &st) != 0) return {ReadOutcome::read_error, errno, 0};
  if (S_ISDIR(st.st_mode)) return {ReadOutcome::is_folder, EISDIR, 0};
  const bool regular = S_ISREG(st.st_mode);
  if (regular && static_cast<std::uint64_t>(st.st_size) > limit) {
    return {ReadOutcome::too_large, 0, static_cast<std::uint64_t>(st.st_size)};
  }
  if (regular) out.reserve(static_cast<std::size_t>(st.st_size));
  // One byte past the limit tells "exactly the limit" from "more": a file may grow
  // after fstat, and pipes and devices have no size at all.
  constexpr std::size_t kChunk = 64 * 1024;
  char buffer[kChunk];
  for (;;) {
    const std::size_t left = limit - out.size();  // never negative: out stays within the limit
    const ssize_t n = ::read(fd, buffer, left < kChunk ? left + 1 : kChunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      out.clear();
      return {error == EISDIR ? ReadOutcome::is_folder : ReadOutcome::read_error, error, 0};
    }
    if (n == 0) break;
    if (static_cast<std::size_t>(n) > left) {
      out.clear();
      out.shrink_to_fit();
      return {ReadOutcome::too_large, 0, 0};
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return r;
}

ReadOutcome read_bounded(const std::string& path, std::size_t limit, std::string& out) {
  out.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {errno == EISDIR ? ReadOutcome::is_folder : ReadOutcome::cannot_open, errno, 0};
  ReadOutcome r = read_bounded_fd(fd, limit, out);
  ::close(fd);
  return r;
}

std::string describe_read_failure(const ReadOutcome& r, const std::string& what, std::size_t limit) {
  switch (r.status) {
    case ReadOutcome::ok:
      return {};
    case ReadOutcome::is_folder:
      return fmt::format("'{}' is a folder, not a file", what);
    case ReadOutcome::too_large:
      if (r.size > 0) return fmt::format("'{}' is {} bytes; the limit is {} bytes", what, r.size, limit);
      return fmt::format("'{}' is larger than the limit of {} bytes", what, limit);
    case ReadOutcome::cannot_open:
    case ReadOutcome::read_error:
      break;
  }
  return fmt::format("cannot read '{}': {}", what, std::strerror(r.error));
}

}  // namespace proviso
