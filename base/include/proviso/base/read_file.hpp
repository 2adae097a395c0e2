#pragma once
// Reading an input with its size limit enforced while reading: nothing is read whole
// before the check, so a hostile input (a 3 GB file, /dev/zero, a pipe that never
// ends) costs at most the limit in memory. Folders and unreadable files are told apart
// from "too large", and sizes are 64-bit, so a file past 2 GiB is reported as it is.
#include <cstddef>
#include <cstdint>
#include <string>

namespace proviso {

struct ReadOutcome {
  enum Status { ok, cannot_open, is_folder, too_large, read_error };
  Status status = ok;
  int error = 0;           // errno for cannot_open and read_error
  std::uint64_t size = 0;  // too_large: the file's size, or 0 when it has none (a pipe, a device)
  explicit operator bool() const { return status == ok; }
};

// Reads at most `limit` bytes of the file at `path` into `out`; reading one more byte
// than the limit is `too_large`. Regular files larger than the limit are refused from
// their size without reading them.
ReadOutcome read_bounded(const std::string& path, std::size_t limit, std::string& out);
// The same for an open descriptor (standard input), which is not closed.
ReadOutcome read_bounded_fd(int fd, std::size_t limit, std::string& out);
// "cannot read 'WHAT': REASON", "'WHAT' is a folder", "'WHAT' is 3221225472 bytes;
// the limit is N bytes" or "'WHAT' is larger than the limit of N bytes".
std::string describe_read_failure(const ReadOutcome& r, const std::string& what, std::size_t limit);

}  // namespace proviso
