#pragma once
// Private: the load stage. Reads the named files and folders (folders recursively),
// parses each file, follows imports without leaving the bundle root, and leaves
// c.sources and c.files in load order. Problems go to c.diagnostics.
#include <string>
#include <vector>

#include "proviso/compiler/compile.hpp"

namespace proviso::compiler::internal {

void load_paths(Compilation& c, const std::vector<std::string>& paths, const CompileOptions& options);
// One in-memory file named `name`; imports resolve under `root`, or are errors when it is empty.
void load_text(Compilation& c, std::string name, std::string text, const CompileOptions& options,
               std::string root);

}  // namespace proviso::compiler::internal
