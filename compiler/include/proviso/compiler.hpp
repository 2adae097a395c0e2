#pragma once
// Proviso's compiler in one header: policy files in, a checked Program out, with
// diagnostics a reader can act on. Evaluating the program is the runtime's
// (proviso/runtime.hpp); analysing it is proviso/analysis.hpp's.
//
//   proviso::CompileOptions options;               // limits of each stage, one default each
//   options.bundle.root = "policies";              // imports may not leave this folder
//   proviso::Compilation c = proviso::compile_paths({"policies/"}, options);
//   if (c.diagnostics.has_errors() || !c.program) {
//     std::cerr << proviso::render_text(c.diagnostics);  // file:line:col, caret, hints
//     return 1;
//   }
//   for (const proviso::Diagnostic& d : c.diagnostics.items()) log_warning(d.message);
//   std::shared_ptr<const proviso::Plan> plan = proviso::make_plan(std::move(c.program));
//   // In-memory text (tests, editors): proviso::compile_text("name.proviso", text).
//
// A Compilation also keeps the parsed files and each stage's timing, for tools.
#include "proviso/base/diagnostic.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/options.hpp"
#include "proviso/program/program.hpp"
