#pragma once
// Witness replay: a finding's witness is read back with the runtime's ScenarioReader,
// evaluated by the runtime's Evaluation, and must show what the finding claims.
#include <string>

#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"

namespace proviso::test {

// Empty when the finding is reproduced (or has no witness to replay, as `dead-rule`
// and `inconclusive`); otherwise what went wrong.
std::string replay(const Program& p, const Diagnostic& d);

}  // namespace proviso::test

namespace proviso::test {

// The shortened witness (`witness`) against the runtime, value by value: every fully
// specified scenario that agrees with it on the facts it keeps and breaks no constraint
// must show the finding (replay). Empty when each does; `completions` counts them.
std::string replay_every_value(const Program& p, const Diagnostic& d, std::size_t* completions = nullptr);

// No fact of the shortened witness can go: without any one of them, some completion
// no longer shows the finding. Empty when minimal; otherwise the fact that could go.
std::string check_minimal(const Program& p, const Diagnostic& d);

// The shortened witness through the runtime as it is (facts left out unknown, Kleene's
// logic): the runtime may leave the finding's rules undetermined, never contradict it.
std::string replay_unknowns_consistently(const Program& p, const Diagnostic& d);

}  // namespace proviso::test
