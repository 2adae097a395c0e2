#pragma once
// Limits of base's services, in one place: each is the one default of its number, and
// each has a test that exceeds it (tests/unit/base/limits_test.cpp).
#include <cstddef>

namespace proviso {

// SourceFile::locate.
struct SourceOptions {
  // A diagnostic on an enormous line (a 1 MB minified line) keeps only the start of it
  // as its excerpt; the renderer leaves out an excerpt that does not reach the column.
  std::size_t max_excerpt_bytes = 400;
};

// closest_name and did_you_mean.
struct SuggestOptions {
  // A typo is a few characters off a real name; beyond this a suggestion helps no one,
  // and the edit-distance table grows with the square of the length (a hostile bundle
  // of 60 kB names stalled on it), so longer names, and candidates, get none.
  std::size_t max_name_bytes = 256;
};

}  // namespace proviso
