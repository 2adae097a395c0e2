#pragma once
// Proviso's runtime in one header: decide scenarios against a compiled program from any
// number of threads, and explain the decisions. It links none of PEGTL, Boost or Z3.
//
//   // Once: a plan from a compiled Program (compiler.hpp), shared by every thread.
//   std::shared_ptr<const proviso::Plan> plan = proviso::make_plan(std::move(compilation.program));
//   // Per thread: a scenario reader and an evaluation state, both reused call after call.
//   proviso::ScenarioReader reader(plan->program());
//   proviso::Evaluation evaluation(plan);
//   proviso::Scenario scenario;
//   proviso::Diagnostic error;
//   if (!reader.read(json, scenario, error)) return reject(error.message);
//   proviso::Outcome outcome = evaluation.decide(scenario);  // the fast path, no allocation
//   proviso::Result result = evaluation.evaluate(scenario, {.keep_values = true});
//   proviso::Trace trace = proviso::build_trace(plan->program(), scenario, result);
//   std::string record = proviso::render_result_json({plan->program(), scenario, result, &trace, {}, {}});
//
// A Plan is immutable; an Evaluation and a ScenarioReader are not thread-safe, so each
// thread has its own. Everything a call produces is in its Result: build_trace and the
// renderers read only their arguments.
#include "proviso/program/program.hpp"
#include "proviso/program/program_file.hpp"  // read_program_file: a `proviso build` file
#include "proviso/program/verify.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/result.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"
