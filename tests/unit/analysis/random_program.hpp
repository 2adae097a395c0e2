#pragma once
// Small random policies for the brute-force comparison: a few facts over tiny domains
// (bools, small enums, small bounded ints, a set of a two-value enum), a few rules
// with overrides, unless and shared conditions, one or two policies with sectors.
#include <cstdint>
#include <string>

#include "proviso/program/program.hpp"

namespace proviso::test {

struct RandomShape {
  int min_facts = 2, max_facts = 4;       // besides from and to
  int min_rules = 2, max_rules = 5;       // per policy
  int max_policies = 2;
  int depth = 2;                          // nesting of and/or/not in a condition
  bool unbounded_ints = false;            // ints without bounds: arithmetic can overflow
  int defers = 0;                         // percent: a share rule defers (half as often: a policy)
  bool combine_first = true;              // false: every policy combines strictest
};

Program random_program(std::uint32_t seed, const RandomShape& shape = {});

// The program's rules as readable text, for failure messages.
std::string describe(const Program& p);

}  // namespace proviso::test
