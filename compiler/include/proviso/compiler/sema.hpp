#pragma once
// Semantic analysis, the condition graph and lowering, run on a parsed bundle.
#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/options.hpp"

namespace proviso {

// Checks c.files (names, types, enum literals, bounds, requires, cites, sectors,
// scenarios), builds the condition graph (cycles, override cycles, topological order,
// unused facts and conditions) into c.graph, and when no error was found lowers the
// bundle into c.program. Every problem goes to c.diagnostics.
void check_and_lower(Compilation& c, const SemaOptions& options);

}  // namespace proviso
