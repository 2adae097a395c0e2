#pragma once
// "Did you mean ...?" for unresolved names: the closest candidate by edit distance,
// when it is close enough to be a plausible typo.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/base/options.hpp"

namespace proviso {

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a threshold that grows with the name's length (a third
// of it, at least 1); ties go to the earliest candidate. Empty when none is close, or
// when the name is longer than `options.max_name_bytes`.
std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates,
                         const SuggestOptions& options = {});

// "did you mean 'x'?" for the closest candidate, or empty.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates,
                         const SuggestOptions& options = {});

}  // namespace proviso
