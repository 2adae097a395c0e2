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
