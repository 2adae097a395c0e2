// BatchOptions: the line limit, the read block and the output flush size. Lines cut
// across reads and output written in small pieces must give the same bytes as the
// defaults; a line over the limit is one `limit` error record, the others go on.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli/batch.hpp"
#include "proviso/compiler/compile.hpp"

namespace proviso::cli {
namespace {

constexpr const char* kBundle =
    "sectors { health, housing }\n"
    "fact urgent: bool \"Is it urgent?\"\n"
    "policy sharing {\n"
    "  rule urgent_share: share when urgent\n"
    "}\n";

const std::string kShare = R"({"from":"health","to":"housing","facts":{"urgent":true}})";
const std::string kDeny = R"({"from":"health","to":"housing","facts":{"urgent":false}})";

class BatchStream : public ::testing::Test {
 protected:
  void SetUp() override {
    c_ = compile_text("b.proviso", kBundle);
    ASSERT_TRUE(c_.program) << "the test bundle does not compile";
  }

  // Runs the stream over `input`; the output, and whether every line was good.
  std::pair<std::string, bool> run(const std::string& input, const BatchOptions& options) {
    std::FILE* in = std::tmpfile();
    std::FILE* out = std::tmpfile();
    EXPECT_NE(in, nullptr);
    EXPECT_NE(out, nullptr);
    std::fwrite(input.data(), 1, input.size(), in);
    std::rewind(in);
    bool good = run_batch_stream(*c_.program, in, out, options) == 0;
    std::rewind(out);
    std::string text;
    char buf[4096];
    std::size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, out)) > 0) text.append(buf, got);
    std::fclose(in);
    std::fclose(out);
    return {text, good};
  }

  Compilation c_;
};

TEST_F(BatchStream, DefaultsDecideEveryLineInOrder) {
  BatchOptions o;
  o.decision_only = true;
  auto [out, good] = run(kShare + "\n" + kDeny + "\n" + kShare + "\n", o);
  EXPECT_TRUE(good);
  EXPECT_EQ(out,
            "{\"line\":1,\"decision\":\"share\",\"obligations\":[],\"missing\":[]}\n"
            "{\"line\":2,\"decision\":\"deny\",\"obligations\":[],\"missing\":[]}\n"
            "{\"line\":3,\"decision\":\"share\",\"obligations\":[],\"missing\":[]}\n");
}

TEST_F(BatchStream, TinyReadBlocksAndFlushesGiveTheSameBytes) {
  const std::string input = kShare + "\n" + kDeny + "\r\n\n" + kShare + "\n" + std::string(300, 'x') + "\n" + kDeny;
  for (bool decision_only : {true, false}) {
    BatchOptions defaults;
    defaults.decision_only = decision_only;
    auto [expected, expected_good] = run(input, defaults);
    EXPECT_FALSE(expected_good);  // the blank line and the x line are bad
    for (std::size_t block : {1, 2, 3, 7, 64}) {
      for (std::size_t flush : {1, 100}) {
        BatchOptions o = defaults;
        o.read_block_bytes = block;
        o.flush_bytes = flush;
        auto [out, good] = run(input, o);
        EXPECT_EQ(out, expected) << "block " << block << ", flush " << flush;
        EXPECT_EQ(good, expected_good);
      }
    }
  }
}

TEST_F(BatchStream, ALineOverTheLimitIsOneLimitRecord) {
  BatchOptions o;
  o.decision_only = true;
  o.max_line_bytes = kShare.size();  // the share line is exactly at the limit
  const std::string longer = R"({"from":"health","to":"housing","facts":{"urgent":false} })";
  ASSERT_GT(longer.size(), o.max_line_bytes);
  for (std::size_t block : {std::size_t{1}, std::size_t{5}, std::size_t{1} << 20}) {
    o.read_block_bytes = block;
    auto [out, good] = run(kShare + "\n" + longer + "\n" + kShare + "\n" + longer, o);
    EXPECT_FALSE(good);
    const std::string limit = "\"code\":\"limit\",\"message\":\"line is longer than " +
                              std::to_string(kShare.size()) + " bytes\"";
    EXPECT_EQ(out,
              "{\"line\":1,\"decision\":\"share\",\"obligations\":[],\"missing\":[]}\n"
              "{\"line\":2,\"error\":{\"severity\":\"error\"," + limit + ",\"file\":\"<stdin>\",\"line\":2,\"column\":1}}\n"
              "{\"line\":3,\"decision\":\"share\",\"obligations\":[],\"missing\":[]}\n"
              "{\"line\":4,\"error\":{\"severity\":\"error\"," + limit + ",\"file\":\"<stdin>\",\"line\":4,\"column\":1}}\n")
        << "block " << block;
  }
}

TEST_F(BatchStream, TheDefaultLineLimitIsExceeded) {
  BatchOptions o;
  o.decision_only = true;
  const std::string huge = "{\"from\":\"health\"," + std::string(o.max_line_bytes, ' ') + "}";
  auto [out, good] = run(huge + "\n" + kShare + "\n", o);
  EXPECT_FALSE(good);
  EXPECT_NE(out.find("line is longer than " + std::to_string(o.max_line_bytes) + " bytes"), std::string::npos);
  EXPECT_NE(out.find("\n{\"line\":2,\"decision\":\"share\",\"obligations\":[],\"missing\":[]}\n"), std::string::npos)
      << out.substr(0, 300);
}

TEST_F(BatchStream, ALastLineWithoutALineEndIsReadAndNamedWhenBad) {
  BatchOptions o;
  o.decision_only = true;
  auto [out, good] = run(kShare + "\n" + "{\"from\":", o);
  EXPECT_FALSE(good);
  EXPECT_NE(out.find("the last line has no line end"), std::string::npos) << out;
}

// A write that fails is status 2 and ends the run: the input is not read to its end.
TEST_F(BatchStream, AFailedWriteIsStatusTwoAndStopsReading) {
  std::FILE* out = std::fopen("/dev/full", "w");
  if (out == nullptr) GTEST_SKIP() << "no /dev/full here";
  std::FILE* in = std::tmpfile();
  ASSERT_NE(in, nullptr);
  for (int i = 0; i < 1000; ++i) std::fprintf(in, "%s\n", kShare.c_str());
  std::rewind(in);
  BatchOptions o;
  o.decision_only = true;
  o.read_block_bytes = 100;  // many reads: the run must stop at the first failed write
  o.flush_bytes = 1;
  testing::internal::CaptureStderr();
  const int status = run_batch_stream(*c_.program, in, out, o);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("cannot write standard output: No space left on device"), std::string::npos) << err;
  EXPECT_LT(std::ftell(in), 1000L) << "batch read on after the write failed";
  std::fclose(in);
  std::fclose(out);
}

// A read that fails (standard input is a folder) is status 2, not an empty batch.
TEST_F(BatchStream, AFailedReadIsStatusTwo) {
  std::FILE* in = std::fopen(".", "r");
  if (in == nullptr) GTEST_SKIP() << "fopen of a folder is refused here";
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  testing::internal::CaptureStderr();
  const int status = run_batch_stream(*c_.program, in, out, BatchOptions{});
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("cannot read standard input"), std::string::npos) << err;
  std::fclose(in);
  std::fclose(out);
}

}  // namespace
}  // namespace proviso::cli
