#pragma once
// Resource limits of the compiler's stages, in one place: each is the one default of
// its number, and each has a test that exceeds it (tests/unit/compiler/limits_test.cpp)
// and gets a `limit` diagnostic; past max_hints, errors only lose their hint.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "proviso/program/program.hpp"

namespace proviso {

struct ParseOptions {
  std::size_t max_file_bytes = 8u << 20;   // one source file
  std::size_t max_nesting = 256;           // parentheses, `not`, arithmetic
  std::size_t max_string_bytes = 4096;     // one string literal
  // One name or dotted path. The scenario JSON reader takes keys and strings up to
  // ScenarioLimits::max_string (4096) bytes, so a longer name would compile into a
  // program whose own scenarios and witnesses could not be read back.
  std::size_t max_name_bytes = 4096;
};

struct BundleOptions {
  // The folder imports may not leave. Empty: each folder named on the command line is
  // its own root, and a named file's root is its folder.
  std::string root;
  std::size_t max_bundle_bytes = 64u << 20;  // all files of a bundle together
  std::size_t max_files = 10'000;
  // Texts that stand in for files on disk, by canonical path (an editor's unsaved
  // buffers, a formatter's output); nullopt or no function: the file on disk.
  std::function<std::optional<std::string>(const std::string& canonical_path)> overlay;
};

struct SemaOptions {
  std::size_t max_rules = 200'000;
  std::size_t max_facts = 100'000;
  // Values of an enum used in `set of`; never more than kSetMaskBits, whatever this says.
  std::size_t max_set_members = kSetMaskBits;
  // Steps spent listing every rule's facts and overriding rules; a crafted bundle of
  // long shared chains could otherwise take unbounded time and memory.
  std::uint64_t max_closure_steps = 100'000'000;
  // Depth of an expression as type-checked: far beyond ParseOptions::max_nesting, which
  // only left-leaning chains of arithmetic get past; then a diagnostic beats a stack
  // overflow.
  std::size_t max_expression_depth = 1024;
  // "did you mean" hints per compilation; later errors get none, so a file of ten
  // thousand typos does not cost ten thousand scans of every name.
  std::size_t max_hints = 200;
};

struct CompileOptions {
  ParseOptions parse;
  BundleOptions bundle;
  SemaOptions sema;
};

}  // namespace proviso
