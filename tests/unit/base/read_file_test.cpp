// read_bounded: the limit is enforced while reading, for regular files (refused from
// their size, 64-bit), devices and pipes that never end (read up to one byte past the
// limit), folders and missing files told apart.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "proviso/base/read_file.hpp"

namespace proviso {
namespace {
namespace fs = std::filesystem;

class ReadBounded : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("proviso_read_file_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  fs::path dir_;
};

TEST_F(ReadBounded, ReadsAFileUpToAndIncludingTheLimit) {
  std::string out;
  ReadOutcome r = read_bounded(write("a", "0123456789"), 10, out);
  EXPECT_TRUE(r);
  EXPECT_EQ(out, "0123456789");
  r = read_bounded(write("b", ""), 10, out);
  EXPECT_TRUE(r);
  EXPECT_EQ(out, "");
  // No limit at all does not wrap around.
  r = read_bounded(write("c", "abc"), SIZE_MAX, out);
  EXPECT_TRUE(r);
  EXPECT_EQ(out, "abc");
}

TEST_F(ReadBounded, AFileOverTheLimitIsRefusedWithItsSize) {
  std::string out;
  const std::string path = write("a", "01234567890");
  ReadOutcome r = read_bounded(path, 10, out);
  EXPECT_EQ(r.status, ReadOutcome::too_large);
  EXPECT_EQ(r.size, 11u);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(describe_read_failure(r, "a.json", 10), "'a.json' is 11 bytes; the limit is 10 bytes");
}

TEST_F(ReadBounded, SizesPastFourGibibytesAreReportedWhole) {
  const std::string path = (dir_ / "sparse").string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  const off_t size = off_t{5} << 30;  // 5 GiB, sparse: no disk space
  if (::ftruncate(fd, size) != 0) {
    ::close(fd);
    GTEST_SKIP() << "the temporary folder's file system has no sparse 5 GiB files";
  }
  ::close(fd);
  std::string out;
  ReadOutcome r = read_bounded(path, 1 << 20, out);
  EXPECT_EQ(r.status, ReadOutcome::too_large);
  EXPECT_EQ(r.size, 5368709120u);
  EXPECT_EQ(out.capacity() < (2u << 20), true);
}

TEST_F(ReadBounded, ADeviceThatNeverEndsIsReadOnlyToTheLimit) {
  std::string out;
  ReadOutcome r = read_bounded("/dev/zero", 4096, out);
  EXPECT_EQ(r.status, ReadOutcome::too_large);
  EXPECT_EQ(r.size, 0u);
  EXPECT_EQ(describe_read_failure(r, "/dev/zero", 4096), "'/dev/zero' is larger than the limit of 4096 bytes");
}

TEST_F(ReadBounded, APipeIsReadToItsEndOrToTheLimit) {
  // The writer finds the pipe closed once the reader stops at the limit.
  std::signal(SIGPIPE, SIG_IGN);
  for (const std::size_t sent : {std::size_t{100}, std::size_t{200000}}) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    std::thread writer([&] {
      const std::string block(sent, 'x');
      for (std::size_t done = 0; done < block.size();) {
        const ssize_t n = ::write(fds[1], block.data() + done, block.size() - done);
        if (n <= 0) break;  // the reader stopped at the limit
        done += static_cast<std::size_t>(n);
      }
      ::close(fds[1]);
    });
    std::string out;
    ReadOutcome r = read_bounded_fd(fds[0], 1000, out);
    ::close(fds[0]);
    writer.join();
    if (sent <= 1000) {
      EXPECT_TRUE(r);
      EXPECT_EQ(out.size(), sent);
    } else {
      EXPECT_EQ(r.status, ReadOutcome::too_large);
    }
  }
}

TEST_F(ReadBounded, FoldersAndMissingFilesAreToldApart) {
  std::string out;
  ReadOutcome r = read_bounded(dir_.string(), 10, out);
  EXPECT_EQ(r.status, ReadOutcome::is_folder);
  EXPECT_EQ(describe_read_failure(r, "d", 10), "'d' is a folder, not a file");
  r = read_bounded((dir_ / "missing").string(), 10, out);
  EXPECT_EQ(r.status, ReadOutcome::cannot_open);
  EXPECT_EQ(r.error, ENOENT);
  EXPECT_EQ(describe_read_failure(r, "m", 10), "cannot read 'm': No such file or directory");
  r = read_bounded_fd(-1, 10, out);
  EXPECT_EQ(r.status, ReadOutcome::read_error);
  EXPECT_EQ(r.error, EBADF);
}

}  // namespace
}  // namespace proviso
