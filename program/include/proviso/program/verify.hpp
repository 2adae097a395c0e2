#pragma once
// Whether a Program is sound: what the runtime takes for granted when it indexes one.
// Every id in range; nodes stored children first and typed so that no step of the sweep
// reads a slot of the wrong kind; each policy's rules contiguous and together all the
// rules; overrides acyclic and within a policy, with beaten_by their transitive closure;
// names unique; scenarios sized to the facts with values of the facts' types. The
// compiler's output always passes. The program file reader runs it on every program it
// loads, so a damaged or crafted file is an error, never a read out of bounds.
#include <cstddef>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso {

// The problems found, each one sentence naming the part of the program at fault; empty
// when the program is sound. Stops after `max_problems` (the rest would mostly be
// consequences of the first). Never throws on a malformed program and never recurses.
// Time is linear in the program's size, but for the check of the override closure,
// which reads each rule's beaten_by list once for every rule it directly overrides.
std::vector<std::string> verify(const Program& program, std::size_t max_problems = 20);

}  // namespace proviso
