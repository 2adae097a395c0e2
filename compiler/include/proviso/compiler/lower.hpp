#pragma once
// Lowering: a checked bundle and its condition graph become the flat Program the
// runtime evaluates and static analysis encodes (runtime/program.hpp says the shape).
#include <memory>
#include <string>
#include <vector>

#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/graph.hpp"
#include "proviso/compiler/symbols.hpp"
#include "proviso/program/program.hpp"
#include "proviso/base/source.hpp"

namespace proviso {

// Needs a bundle without errors: every name resolved and typed, no cycles.
std::unique_ptr<Program> lower(const Compilation& c, const CheckedBundle& bundle, const ConditionGraph& graph);

// Where a span is, for the program (which outlives the sources).
SourcePlace source_place(const Compilation& c, const ast::Span& span);

// 16 lowercase hex digits of FNV-1a 64 over each source's name and text, in load order
// (a zero byte ends each, so moving text between name and body changes the hash).
std::string bundle_version(const std::vector<SourceFile>& sources);

}  // namespace proviso
