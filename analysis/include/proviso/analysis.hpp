#pragma once
// Proviso's static analysis in one header: Z3 finds conflicting, dead and shadowed
// rules, gaps and conflicts between policies in a compiled Program, and the decision
// changes between two versions of a bundle, each with a witness scenario.
//
//   proviso::Compilation c = proviso::compile_paths({"policies/"});  // proviso/compiler.hpp
//   proviso::AnalysisOptions options;                  // per-query timeout, switches
//   proviso::Diagnostics findings;
//   proviso::AnalysisStats stats = proviso::analyze(*c.program, options, findings);
//   for (const proviso::Diagnostic& f : findings.items()) report(f.code, f.message);
//
//   proviso::Compilation before = proviso::compile_paths({"v1/"}), after = proviso::compile_paths({"v2/"});
//   proviso::DiffResult d = proviso::diff_programs(*before.program, *after.program);
//   std::cout << proviso::render_diff_text(d, "v1", "v2");   // or render_diff_json(d)
//   for (const proviso::DecisionChange& change : d.changes) replay(change.new_witness_json);
//
// Solver failures and timeouts come back as `inconclusive`, never as silence.
#include "proviso/analysis/analysis.hpp"
#include "proviso/analysis/diff.hpp"
#include "proviso/base/diagnostic.hpp"
#include "proviso/program/program.hpp"
