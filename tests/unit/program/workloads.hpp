#pragma once
// The programs the test suite knows how to make, for the program room's tests: the
// standard library, the examples, every tests/ok bundle and the bundles of the golden
// cases, compiled; and the random programs of the other rooms' generators (the policy
// text generator of the differential tests and the fuzzer, and the Program builder of
// the analysis tests). Each comes with the scenarios worth running on it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::test {

struct Workload {
  std::string name;  // for failure messages: the paths, or the generator and seed
  std::unique_ptr<Program> program;
  std::string source;  // the generated policy text, when there is one
};

// Every bundle in the repository that compiles: policies/, examples/, tests/ok/*.proviso
// (one bundle each) and the .proviso inputs of tests/golden/. Fails the calling test for
// one that should compile and does not.
std::vector<Workload> repository_workloads();
// Policies from fuzz/policy_generator.hpp, compiled: `count` seeds from `first_seed`.
std::vector<Workload> generated_workloads(std::uint64_t first_seed, int count, bool large);
// Programs from tests/unit/analysis/random_program.cpp, built without the compiler.
std::vector<Workload> built_workloads(std::uint32_t first_seed, int count);

// The scenarios to run on a program: its scenario blocks, every fact unknown, every
// pair of sectors with nothing else known, and `random` generated ones (seeded).
std::vector<Scenario> scenarios_for(const Program& p, std::uint64_t seed, int random);

}  // namespace proviso::test
