#pragma once
// Turning a solver model into a scenario the runtime can run: the facts a finding
// involves, read from the model with completion so unconstrained facts still get a
// value inside their type.
#include <z3++.h>

#include <cstdint>
#include <vector>

#include "encoder.hpp"
#include "proviso/program/program.hpp"

namespace proviso::analysis::internal {

// from, to, and every fact the given rules depend on, ascending.
std::vector<std::uint32_t> witness_facts(const Program& p, const std::vector<std::uint32_t>& rules);
// The same for every rule of the given policies.
std::vector<std::uint32_t> policy_facts(const Program& p, const std::vector<std::uint32_t>& policies);

// Sets `facts` in `out` (sized to the program) from the model.
void read_model(const Encoder& enc, const z3::model& m, const std::vector<std::uint32_t>& facts, Scenario& out);
Scenario scenario_from_model(const Encoder& enc, const z3::model& m, const std::vector<std::uint32_t>& facts);
// The reverse: a model giving the scenario's known facts their values, to evaluate the
// encoding on a candidate witness without a solver call.
z3::model model_of(const Encoder& enc, const Scenario& s);

}  // namespace proviso::analysis::internal
