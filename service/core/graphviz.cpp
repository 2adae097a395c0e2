#include "core/graphviz.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace proviso::service::internal {
namespace {

struct Fd {
  int fd = -1;
  ~Fd() { close_now(); }
  void close_now() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

}  // namespace

bool dot_to_svg(std::string_view dot, std::string& svg, std::string& error, const DotLimits& limits) {
  int in_pipe[2], out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  Fd in_read{in_pipe[0]}, in_write{in_pipe[1]};
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  Fd out_read{out_pipe[0]}, out_write{out_pipe[1]};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_read.fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  char arg0[] = "dot";
  char arg1[] = "-Tsvg";
  char* argv[] = {arg0, arg1, nullptr};
  // The service ignores SIGPIPE; the child gets the default back.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, "dot", &actions, &attributes, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    error = std::string("cannot run Graphviz's dot: ") + std::strerror(spawned);
    return false;
  }
  in_read.close_now();
  out_write.close_now();
  ::fcntl(in_write.fd, F_SETFL, O_NONBLOCK);
  ::fcntl(out_read.fd, F_SETFL, O_NONBLOCK);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.timeout_ms);
  std::size_t written = 0;
  if (dot.empty()) in_write.close_now();
  svg.clear();
  bool failed = false;
  while (out_read.fd >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      error = "Graphviz took longer than " + std::to_string(limits.timeout_ms) + " ms";
      failed = true;
      break;
    }
    pollfd fds[2] = {{out_read.fd, POLLIN, 0}, {in_write.fd, POLLOUT, 0}};
    const nfds_t n = in_write.fd >= 0 ? 2 : 1;
    if (::poll(fds, n, static_cast<int>(left.count())) < 0) {
      if (errno == EINTR) continue;
      error = std::string("poll: ") + std::strerror(errno);
      failed = true;
      break;
    }
    if (n == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t k = ::write(in_write.fd, dot.data() + written, dot.size() - written);
      if (k > 0) written += static_cast<std::size_t>(k);
      if (k < 0 && errno != EAGAIN && errno != EINTR) written = dot.size();  // dot closed its input
      if (written == dot.size()) in_write.close_now();
    }
    if (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) {
      char buffer[65536];
      const ssize_t k = ::read(out_read.fd, buffer, sizeof buffer);
      if (k > 0) {
        svg.append(buffer, static_cast<std::size_t>(k));
        if (svg.size() > limits.max_output) {
          error = "Graphviz's picture is larger than " + std::to_string(limits.max_output) + " bytes";
          failed = true;
          break;
        }
      } else if (k == 0) {
        out_read.close_now();
      } else if (errno != EAGAIN && errno != EINTR) {
        error = std::string("read: ") + std::strerror(errno);
        failed = true;
        break;
      }
    }
  }
  if (failed) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (failed) return false;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "Graphviz's dot failed";
    return false;
  }
  return true;
}

}  // namespace proviso::service::internal
