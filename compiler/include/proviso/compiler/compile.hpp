#pragma once
// The compiler's public entry points. The road they take, stage by stage, is the table
// in compiler/pipeline.cpp: load (read, parse, follow imports), the semantic passes,
// the condition graph, lowering to a Program.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/compiler/ast.hpp"
#include "proviso/compiler/options.hpp"
#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"
#include "proviso/base/source.hpp"

namespace proviso {

class ConditionGraph;  // compiler/graph.hpp

// How long one stage of the road took, for `--verbose`.
struct StageTime {
  std::string_view stage;  // the stage's name in the pipeline table
  double milliseconds = 0;
  bool ran = false;        // false: skipped, because an earlier stage reported errors
};

// Everything a compilation produced. `program` is set only when there were no errors.
struct Compilation {
  std::vector<SourceFile> sources;   // index = ast::Span::file
  std::vector<ast::File> files;
  Diagnostics diagnostics;
  std::unique_ptr<Program> program;
  std::shared_ptr<const ConditionGraph> graph;  // set when sema succeeded
  std::vector<StageTime> stages;                // every stage of the road, in order

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
