// proviso fmt over every .proviso file of the repository: formatting is idempotent,
// and each file, compiled with its imports, means the same formatted as written (every
// file of the bundle formatted at once, through the loader's overlay). Files that do
// not compile must give the same diagnostics, codes and messages, formatted.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/format.hpp"

namespace proviso {
namespace {
namespace fs = std::filesystem;

std::vector<fs::path> proviso_files(const std::vector<std::string>& folders) {
  std::vector<fs::path> out;
  for (const std::string& f : folders) {
    fs::path root = fs::path(PROVISO_SOURCE_DIR) / f;
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file() && e.path().extension() == ".proviso") out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> codes_and_messages(const Diagnostics& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds.items()) out.push_back(std::string(to_string(d.code)) + ": " + d.message);
  std::sort(out.begin(), out.end());
  return out;
}

// The formatted text of every file that formats, by canonical path.
std::map<std::string, std::string> formatted_tree(const std::vector<fs::path>& files) {
  std::map<std::string, std::string> out;
  for (const fs::path& f : files) {
    Diagnostics ds;
    if (std::optional<std::string> text = format_source(SourceFile(f.string(), read(f)), ds)) {
      out[fs::weakly_canonical(f).generic_string()] = *text;
    }
  }
  return out;
}

class RepositoryFormat : public ::testing::TestWithParam<std::string> {};

TEST_P(RepositoryFormat, IdempotentAndMeaningPreserving) {
  const std::vector<fs::path> files = proviso_files({GetParam()});
  ASSERT_FALSE(files.empty());
  // Every file of the whole repository may be imported by one of these.
  const std::map<std::string, std::string> formatted =
      formatted_tree(proviso_files({"policies", "examples", "tests", "fuzz"}));
  std::size_t compared = 0;
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    const std::string original = read(f);
    Diagnostics ds;
    std::optional<std::string> once = format_source(SourceFile(f.string(), original), ds);
    if (!once) {
      // Only text the parser rejects is left alone.
      Compilation c = compile_text("t.proviso", original);
      bool syntax = std::any_of(c.diagnostics.items().begin(), c.diagnostics.items().end(), [](const Diagnostic& d) {
        return d.code == Code::syntax || d.code == Code::limit || d.code == Code::control_char;
      });
      EXPECT_TRUE(syntax) << "fmt refused a file that parses: "
                          << (ds.items().empty() ? std::string() : ds.items().front().message);
      continue;
    }
    Diagnostics again;
    std::optional<std::string> twice = format_source(SourceFile(f.string(), *once), again);
    ASSERT_TRUE(twice.has_value());
    EXPECT_EQ(*twice, *once) << "not idempotent";

    Compilation before = compile_paths({f.string()});
    CompileOptions overlay;
    overlay.bundle.overlay = [&](const std::string& canonical) -> std::optional<std::string> {
      auto it = formatted.find(canonical);
      if (it == formatted.end()) return std::nullopt;
      return it->second;
    };
    Compilation after = compile_paths({f.string()}, overlay);
    ASSERT_EQ(before.program != nullptr, after.program != nullptr);
    if (before.program) {
      EXPECT_EQ(meaning_fingerprint(*before.program), meaning_fingerprint(*after.program)) << "meaning changed";
      ++compared;
    } else {
      EXPECT_EQ(codes_and_messages(before.diagnostics), codes_and_messages(after.diagnostics));
    }
  }
  if (GetParam() != "tests/fail" && GetParam() != "tests/bad") {
    EXPECT_GT(compared, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(Folders, RepositoryFormat,
                         ::testing::Values("policies", "examples", "tests/ok", "fuzz/corpus", "tests/fail",
                                           "tests/bad", "tests/golden"),
                         [](const auto& info) {
                           std::string s = info.param;
                           std::replace(s.begin(), s.end(), '/', '_');
                           return s;
                         });

}  // namespace
}  // namespace proviso
