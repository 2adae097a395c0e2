#pragma once
// The sweep's encoding of Kleene truth values: two bits, "may be true" (1) and "may be
// false" (2). true = 1, false = 2, unknown = 3. Then `and` is the bitwise and of the
// "may be true" bits with the bitwise or of the "may be false" bits, `or` the mirror
// image, and `not` swaps the bits: every connective is branch-free.
#include <array>
#include <cstdint>

#include "proviso/runtime/result.hpp"

namespace proviso::runtime::internal {

inline constexpr std::uint8_t kTrue = 1, kFalse = 2, kUnknown = 3;

constexpr std::uint8_t truth_and(std::uint8_t a, std::uint8_t b) {
  return static_cast<std::uint8_t>(((a & b) & 1) | ((a | b) & 2));
}
constexpr std::uint8_t truth_or(std::uint8_t a, std::uint8_t b) {
  return static_cast<std::uint8_t>(((a | b) & 1) | ((a & b) & 2));
}
constexpr std::uint8_t truth_not(std::uint8_t a) { return static_cast<std::uint8_t>(((a & 1) << 1) | (a >> 1)); }
// known ? (holds ? true : false) : unknown
inline std::uint8_t truth_of(bool known, bool holds) {
  return static_cast<std::uint8_t>(3 - known - (known & holds));
}
// The binary connectives as tables indexed by (a << 2 | b): one load per step.
template <typename F>
constexpr std::array<std::uint8_t, 16> truth_table(F f) {
  std::array<std::uint8_t, 16> table{};
  for (std::uint8_t a = 1; a <= 3; ++a) {
    for (std::uint8_t b = 1; b <= 3; ++b) table[a << 2 | b] = f(a, b);
  }
  return table;
}
inline constexpr auto kAnd = truth_table(truth_and);
inline constexpr auto kOr = truth_table(truth_or);
inline constexpr auto kAndNot = truth_table([](std::uint8_t a, std::uint8_t b) { return truth_and(a, truth_not(b)); });

inline Tri to_tri(std::uint8_t t) {
  return t == kTrue ? Tri::true_ : t == kFalse ? Tri::false_ : Tri::unknown;
}

}  // namespace proviso::runtime::internal
