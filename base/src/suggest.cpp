#include "proviso/base/suggest.hpp"

#include <algorithm>
#include <cctype>

namespace proviso {

namespace {

// Optimal string alignment distance, or `limit + 1` as soon as it must exceed `limit`:
// with tens of thousands of candidates, most are rejected after a row or two.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  // Three rolling rows are enough for transpositions (they look two rows back).
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    // Row minimums never decrease (a transposition costs no less than the substitution
    // beside it), so once a whole row is over the limit the distance is too.
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], limit + 1);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return bounded_distance(a, b, std::max(a.size(), b.size()));
}

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates,
                         const SuggestOptions& options) {
  if (name.size() > options.max_name_bytes) return {};
  const std::size_t threshold = std::max<std::size_t>(1, (name.size() + 2) / 3);
  std::string_view best;
  std::size_t best_distance = threshold + 1;
  for (std::string_view candidate : candidates) {
    if (candidate == name) continue;  // the same name of another kind is no suggestion
    if (candidate.size() > options.max_name_bytes) continue;
    // A difference in case alone is the likeliest typo of all.
    std::size_t d = equal_ignoring_case(candidate, name) ? 0 : bounded_distance(name, candidate, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return std::string(best);
}

std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates,
                         const SuggestOptions& options) {
  std::string best = closest_name(name, candidates, options);
  return best.empty() ? std::string() : "did you mean '" + best + "'?";
}

}  // namespace proviso
