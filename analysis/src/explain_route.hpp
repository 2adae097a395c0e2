#pragma once
// The closest route to `share`: the share rules of the covering policies that did not
// apply, with the conditions that stopped them, read off one evaluation's node values.
#include <cstdint>
#include <vector>

#include "proviso/analysis/explain.hpp"
#include "proviso/program/program.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso::analysis::internal {

// At most this many rules in the cheap route (no solver): those with the fewest
// failed conditions.
inline constexpr std::size_t kCheapRouteRules = 3;

// `original` was evaluated with keep_values. `preferred`: the share rules the smallest
// alternatives applied (from the solver), in order; when empty, the cheap bound: the
// share rules with the fewest failed conditions.
std::vector<RouteRule> closest_route(const Program& p, const Result& original, const std::vector<std::uint32_t>& preferred);

}  // namespace proviso::analysis::internal
