// Imports may not leave the bundle root (language.md §3): absolute paths, `..` escapes
// and symbolic links pointing outside are bad-import, as are import cycles; a file
// reached by several imports loads once. Each test builds its bundle in a fresh
// temporary folder.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "proviso/compiler/compile.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso {
namespace {

namespace fs = std::filesystem;

class ImportSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("proviso_imports_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "bundle";
    outside_ = base_ / "outside";
    fs::create_directories(root_ / "lib");
    fs::create_directories(outside_);
    write(outside_ / "secret.proviso", "fact secret: bool\n");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  Compilation compile_main(const std::string& text) {
    write(root_ / "main.proviso", text);
    return compile_paths({(root_ / "main.proviso").string()});
  }

  // The bad-import errors, rendered; empty when there are none.
  static std::string bad_imports(const Compilation& c) {
    std::string out;
    for (const Diagnostic& d : c.diagnostics.items()) {
      if (d.code == Code::bad_import) out += render_text(d);
    }
    return out;
  }
  static ::testing::AssertionResult refused(const Compilation& c, const std::string& fragment = {}) {
    if (c.program) return ::testing::AssertionFailure() << "compiled";
    for (const Diagnostic& d : c.diagnostics.items()) {
      if (d.code == Code::bad_import && d.message.find(fragment) != std::string::npos) {
        if (d.location.line == 0) return ::testing::AssertionFailure() << "bad-import without a place: " << d.message;
        return ::testing::AssertionSuccess();
      }
    }
    return ::testing::AssertionFailure() << "no bad-import mentioning '" << fragment << "'; got:\n"
                                         << render_text(c.diagnostics);
  }
  // The secret fact must never have been read.
  static bool loaded_secret(const Compilation& c) {
    for (const SourceFile& s : c.sources) {
      if (s.text().find("fact secret") != std::string_view::npos) return true;
    }
    return false;
  }

  fs::path base_, root_, outside_;
};

constexpr const char* kSectors = "sectors { health }\n";

TEST_F(ImportSafety, AbsolutePathIsRefused) {
  Compilation c = compile_main("import \"" + (outside_ / "secret.proviso").string() + "\"\n" + kSectors);
  EXPECT_TRUE(refused(c, "absolute"));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, AbsolutePathInsideTheRootIsRefusedToo) {
  write(root_ / "lib" / "vocab.proviso", "fact v: bool\n");
  Compilation c = compile_main("import \"" + (root_ / "lib" / "vocab.proviso").string() + "\"\n" + kSectors);
  EXPECT_TRUE(refused(c, "absolute"));
}

TEST_F(ImportSafety, DotDotEscapeIsRefused) {
  Compilation c = compile_main(std::string("import \"../outside/secret.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, DotDotEscapeAfterDescendingIsRefused) {
  Compilation c = compile_main(std::string("import \"lib/../../outside/secret.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, DotDotFromANestedFileIsCheckedAgainstTheBundleRoot) {
  // lib/a.proviso may go up to the root, but not above it.
  write(root_ / "lib" / "a.proviso", "import \"../../outside/secret.proviso\"\n");
  Compilation c = compile_main(std::string("import \"lib/a.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, DotDotThatStaysInsideIsAllowed) {
  write(root_ / "lib" / "a.proviso", "import \"../shared.proviso\"\nfact a: bool\n");
  write(root_ / "shared.proviso", "fact shared: bool\n");
  Compilation c = compile_main(std::string("import \"lib/a.proviso\"\n") + kSectors);
  EXPECT_TRUE(c.program) << render_text(c.diagnostics);
}

TEST_F(ImportSafety, SymlinkedFileOutsideIsRefused) {
  fs::create_symlink(outside_ / "secret.proviso", root_ / "lib" / "link.proviso");
  Compilation c = compile_main(std::string("import \"lib/link.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, SymlinkedFolderOutsideIsRefused) {
  fs::create_directory_symlink(outside_, root_ / "elsewhere");
  Compilation c = compile_main(std::string("import \"elsewhere/secret.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, RelativeSymlinkClimbingOutIsRefused) {
  fs::create_symlink("../../outside/secret.proviso", root_ / "lib" / "relative.proviso");
  Compilation c = compile_main(std::string("import \"lib/relative.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, SymlinkInsideTheRootIsAllowed) {
  write(root_ / "lib" / "real.proviso", "fact real: bool\n");
  fs::create_symlink(root_ / "lib" / "real.proviso", root_ / "alias.proviso");
  Compilation c = compile_main(std::string("import \"alias.proviso\"\n") + kSectors);
  EXPECT_TRUE(c.program) << render_text(c.diagnostics);
}

TEST_F(ImportSafety, MissingFileIsBadImport) {
  EXPECT_TRUE(refused(compile_main(std::string("import \"lib/none.proviso\"\n") + kSectors)));
}

TEST_F(ImportSafety, FolderIsBadImport) {
  EXPECT_TRUE(refused(compile_main(std::string("import \"lib\"\n") + kSectors)));
}

TEST_F(ImportSafety, EmptyPathIsBadImport) {
  EXPECT_TRUE(refused(compile_main(std::string("import \"\"\n") + kSectors)));
}

TEST_F(ImportSafety, SelfImportIsACycle) {
  EXPECT_TRUE(refused(compile_main(std::string("import \"main.proviso\"\n") + kSectors), "cycle"));
}

TEST_F(ImportSafety, TwoFileCycle) {
  write(root_ / "lib" / "b.proviso", "import \"../main.proviso\"\nfact b: bool\n");
  Compilation c = compile_main(std::string("import \"lib/b.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c, "cycle"));
}

TEST_F(ImportSafety, ThreeFileCycleNamesTheChain) {
  write(root_ / "b.proviso", "import \"c.proviso\"\n");
  write(root_ / "c.proviso", "import \"main.proviso\"\n");
  Compilation c = compile_main(std::string("import \"b.proviso\"\n") + kSectors);
  ASSERT_TRUE(refused(c, "cycle"));
  std::string text = bad_imports(c);
  EXPECT_NE(text.find("b.proviso"), std::string::npos) << text;
  EXPECT_NE(text.find("c.proviso"), std::string::npos) << text;
}

TEST_F(ImportSafety, CycleThroughADifferentSpellingOfTheSamePath) {
  write(root_ / "lib" / "b.proviso", "import \"./../lib/../main.proviso\"\n");
  EXPECT_TRUE(refused(compile_main(std::string("import \"lib/b.proviso\"\n") + kSectors), "cycle"));
}

TEST_F(ImportSafety, FileImportedTwiceLoadsOnce) {
  write(root_ / "lib" / "vocab.proviso", "fact v: bool\ncondition cv = v\n");
  write(root_ / "lib" / "user1.proviso", "import \"vocab.proviso\"\ncondition u1 = cv\n");
  write(root_ / "lib" / "user2.proviso", "import \"./vocab.proviso\"\ncondition u2 = cv\n");
  Compilation c = compile_main(std::string("import \"lib/vocab.proviso\"\nimport \"lib/vocab.proviso\"\n") +
                               "import \"lib/user1.proviso\"\nimport \"lib/user2.proviso\"\n" + kSectors +
                               "policy p {\n  rule r: share when u1 and u2\n}\n");
  ASSERT_TRUE(c.program) << render_text(c.diagnostics);
  int vocab = 0;
  for (const SourceFile& s : c.sources) vocab += s.name().find("vocab") != std::string::npos;
  EXPECT_EQ(vocab, 1);
  EXPECT_EQ(c.sources.size(), 4u);
  EXPECT_NE(c.program->find_fact("v"), kNone);
}

TEST_F(ImportSafety, FileNamedOnTheCommandLineAndImportedLoadsOnce) {
  write(root_ / "vocab.proviso", "fact v: bool\n");
  write(root_ / "main.proviso", std::string("import \"vocab.proviso\"\n") + kSectors);
  Compilation c = compile_paths({root_.string()});
  EXPECT_TRUE(c.program) << render_text(c.diagnostics);
  EXPECT_EQ(c.sources.size(), 2u);
}

TEST_F(ImportSafety, AnExplicitRootLetsANestedFileImportASibling) {
  write(root_ / "vocab.proviso", "fact v: bool\n");
  write(root_ / "sectors" / "health.proviso", std::string("import \"../vocab.proviso\"\n") + kSectors);
  CompileOptions o;
  // Without a root, the named file's folder is the root and "../" leaves it.
  EXPECT_TRUE(refused(compile_paths({(root_ / "sectors" / "health.proviso").string()}, o)));
  o.bundle.root = root_.string();
  Compilation c = compile_paths({(root_ / "sectors" / "health.proviso").string()}, o);
  EXPECT_TRUE(c.program) << render_text(c.diagnostics);
}

TEST_F(ImportSafety, AnExplicitRootStillStopsEscapes) {
  write(root_ / "sectors" / "health.proviso", std::string("import \"../../outside/secret.proviso\"\n") + kSectors);
  CompileOptions o;
  o.bundle.root = root_.string();
  Compilation c = compile_paths({(root_ / "sectors" / "health.proviso").string()}, o);
  EXPECT_TRUE(refused(c));
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, AFileOutsideAnExplicitRootIsRefused) {
  CompileOptions o;
  o.bundle.root = root_.string();
  Compilation c = compile_paths({(outside_ / "secret.proviso").string()}, o);
  EXPECT_FALSE(c.program);
  EXPECT_FALSE(loaded_secret(c));
}

TEST_F(ImportSafety, CompileTextWithoutARootRefusesImports) {
  Compilation c = compile_text("memory.proviso", std::string("import \"lib/x.proviso\"\n") + kSectors);
  EXPECT_TRUE(refused(c));
}

TEST_F(ImportSafety, CompileTextWithARootResolvesUnderIt) {
  write(root_ / "lib" / "x.proviso", "fact x: bool\n");
  Compilation c = compile_text("memory.proviso", std::string("import \"lib/x.proviso\"\n") + kSectors, {}, root_.string());
  EXPECT_TRUE(c.program) << render_text(c.diagnostics);
  Compilation escape =
      compile_text("memory.proviso", std::string("import \"../outside/secret.proviso\"\n") + kSectors, {}, root_.string());
  EXPECT_TRUE(refused(escape));
}

}  // namespace
}  // namespace proviso
