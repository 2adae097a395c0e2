// The compiler's road as a table of stages, read top to bottom (OPA's ast/compile.go
// is the model). Each stage names itself, says what it does and when it runs; the
// driver times every stage for `--verbose`.
#include <chrono>
#include <functional>
#include <optional>

#include "load/load_bundle.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/graph.hpp"
#include "proviso/compiler/lower.hpp"
#include "sema/sema_context.hpp"

namespace proviso {

Compilation::Compilation() = default;
Compilation::~Compilation() = default;
Compilation::Compilation(Compilation&&) noexcept = default;
Compilation& Compilation::operator=(Compilation&&) noexcept = default;

Location Compilation::locate(const ast::Span& span) const {
  if (span.file >= sources.size()) return {};
  return sources[span.file].locate(span.begin, span.end);
}

namespace compiler::internal {
namespace {

// What the stages hand each other.
struct Road {
  Road(Compilation& comp, const CompileOptions& opts, std::function<void(Compilation&)> loader)
      : c(comp), options(opts), load(std::move(loader)) {}

  Compilation& c;
  const CompileOptions& options;
  std::function<void(Compilation&)> load;  // the named paths, or one in-memory text
  bool loaded_cleanly = false;
  CheckedBundle bundle;
  std::optional<SemaContext> sema;
  std::shared_ptr<ConditionGraph> graph;
  bool checked = false;  // names and types were sound before the graph was built
};

// When a stage runs.
enum class Gate {
  always,
  // Semantic analysis of a bundle with a missing or unparsable file would only add
  // noise (every name from it is "undefined"), so the semantic stages wait for a
  // clean load, and then all run, each reporting what it finds.
  clean_load,
  no_errors,  // lowering needs a bundle without a single error
};

struct Stage {
  std::string_view name;
  std::string_view does;
  Gate gate;
  void (*run)(Road&);
};

void sema_begin(Road& r) {
  r.loaded_cleanly = true;
  r.sema.emplace(r.c, r.options.sema, r.bundle);
  collect_declarations(*r.sema);
}

void graph_stage(Road& r) {
  r.checked = r.sema->error_count() == 0;
  r.graph = build_graph(*r.sema);
  // The graph is worth drawing even when it has a cycle (that is when people look), so
  // it is kept whenever names and types were sound.
  if (r.checked) r.c.graph = r.graph;
}

void lower_stage(Road& r) {
  if (!r.graph || r.sema->error_count() != 0) return;
  r.c.program = lower(r.c, r.bundle, *r.graph);
}

constexpr Stage kStages[] = {
    {"load", "read files and folders, parse each file, follow imports within the root", Gate::always,
     [](Road& r) { r.load(r.c); }},
    {"declarations", "one global namespace: every name declared once, within the limits", Gate::clean_load,
     sema_begin},
    {"types", "the types table and each fact's type", Gate::clean_load, [](Road& r) { check_types(*r.sema); }},
    {"cites", "citations name declared framework questions", Gate::clean_load,
     [](Road& r) { check_cites(*r.sema); }},
    {"expressions", "names, enum literals and types in every expression", Gate::clean_load,
     [](Road& r) { check_expressions(*r.sema); }},
    {"policies", "sectors, requires, overrides, defers", Gate::clean_load,
     [](Road& r) { check_policies(*r.sema); }},
    {"scenarios", "scenario blocks: flows, values, expectations", Gate::clean_load,
     [](Road& r) { check_scenarios(*r.sema); }},
    {"graph", "the condition graph: cycles, override cycles, order, unused names", Gate::clean_load, graph_stage},
    {"lower", "the flat program the runtime and the analysis share", Gate::no_errors, lower_stage},
};

bool open(const Road& r, Gate gate) {
  switch (gate) {
    case Gate::always: return true;
    case Gate::clean_load: return r.loaded_cleanly || !r.c.diagnostics.has_errors();
    case Gate::no_errors: return !r.c.diagnostics.has_errors();
  }
  return false;
}

Compilation drive(const CompileOptions& options, std::function<void(Compilation&)> load) {
  Compilation c;
  Road road(c, options, std::move(load));
  c.stages.reserve(std::size(kStages));
  for (const Stage& stage : kStages) {
    StageTime& t = c.stages.emplace_back(StageTime{stage.name});
    if (!open(road, stage.gate)) continue;
    const auto start = std::chrono::steady_clock::now();
    stage.run(road);
    t.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    t.ran = true;
  }
  return c;
}

}  // namespace
}  // namespace compiler::internal

Compilation compile_paths(const std::vector<std::string>& paths, const CompileOptions& options) {
  return compiler::internal::drive(
      options, [&](Compilation& c) { compiler::internal::load_paths(c, paths, options); });
}

Compilation compile_text(std::string name, std::string text, const CompileOptions& options, std::string root) {
  return compiler::internal::drive(options, [&](Compilation& c) {
    compiler::internal::load_text(c, std::move(name), std::move(text), options, std::move(root));
  });
}

}  // namespace proviso
