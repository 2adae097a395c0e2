#include "cli/output.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>

namespace proviso::cli {
namespace {

// std::cout's own buffer sets badbit on a failed write and forgets why; this one keeps
// the errno of the first failure and drops everything after it, so a command that goes
// on computing neither blocks nor writes half of a later line.
class CheckedBuffer : public std::streambuf {
 public:
  explicit CheckedBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }

  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* p = pbase();
    const char* end = pptr();
    setp(buffer_, buffer_ + sizeof buffer_);
    if (error_ != 0) return false;
    while (p < end) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(end - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        return false;
      }
      p += n;
    }
    return true;
  }

  int fd_;
  int error_ = 0;
  char buffer_[64 * 1024];
};

CheckedBuffer* checked = nullptr;
bool reported = false;

}  // namespace

void use_checked_standard_output() {
  // Never destroyed: std::cout is flushed by the last static destructor of the process
  // (one in a shared library, such as libz3's, can run after this file's), and it must
  // still find its buffer there.
  checked = new CheckedBuffer(STDOUT_FILENO);
  std::cout.rdbuf(checked);
}

void report_write_failure(std::string_view where, int error) {
  if (where == kStandardOutput) {
    if (reported) return;
    reported = true;
  }
  std::cerr << fmt::format("proviso: error: cannot write {}: {}\n", where, std::strerror(error != 0 ? error : EIO));
  std::cerr.flush();
}

bool finish_standard_output() {
  std::cout.flush();
  int error = 0;
  if (checked != nullptr && std::cout.rdbuf() == checked) error = checked->error();
  if (error == 0 && !std::cout) error = EIO;
  errno = 0;
  if (error == 0 && (std::fflush(stdout) != 0 || std::ferror(stdout))) error = errno != 0 ? errno : EIO;
  if (error == 0) return true;
  report_write_failure(kStandardOutput, error);
  return false;
}

bool write_and_flush(std::FILE* out, std::string_view bytes) {
  errno = 0;
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size()) return false;
  return std::fflush(out) == 0 && !std::ferror(out);
}

bool write_file_checked(const std::string& path, std::string_view bytes, int& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    error = errno;
    return false;
  }
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : EIO;
      ::close(fd);
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    error = errno;
    return false;
  }
  return true;
}

}  // namespace proviso::cli
