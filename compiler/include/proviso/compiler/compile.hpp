#pragma once
// The one road through the compiler: load the bundle (files, folders, imports), parse,
// check names and types, build the condition graph, lower to a Program.
#include <memory>
#include <string>
#include <vector>

#include "proviso/compiler/ast.hpp"
#include "proviso/compiler/options.hpp"
#include "proviso/runtime/diagnostic.hpp"
#include "proviso/runtime/program.hpp"
#include "proviso/runtime/source.hpp"

namespace proviso {

class ConditionGraph;  // compiler/graph.hpp

// Everything a compilation produced. `program` is set only when there were no errors.
struct Compilation {
  std::vector<SourceFile> sources;   // index = ast::Span::file
  std::vector<ast::File> files;
  Diagnostics diagnostics;
  std::unique_ptr<Program> program;
  std::shared_ptr<const ConditionGraph> graph;  // set when sema succeeded

  Compilation();
  ~Compilation();
  Compilation(Compilation&&) noexcept;
  Compilation& operator=(Compilation&&) noexcept;

  Location locate(const ast::Span& span) const;
};

// `paths`: files and folders (folders are searched recursively for *.proviso).
// The bundle root for import safety is each named folder, or a named file's folder.
Compilation compile_paths(const std::vector<std::string>& paths, const CompileOptions& options = {});

// Compiles in-memory text as one file named `name` (tests, fuzzing). Imports are
// resolved under `root` when it is non-empty, and are an error otherwise.
Compilation compile_text(std::string name, std::string text, const CompileOptions& options = {},
                         std::string root = {});

}  // namespace proviso
