#pragma once
// The justification trace: the minimal tree that shows why each rule applied or not.
// A true `and` keeps all its children, a false `and` only its false children, an
// unknown `and` its unknown children; `or` symmetrically.
#include <cstddef>
#include <string>
#include <vector>

#include "proviso/runtime/result.hpp"

namespace proviso {

enum class TraceKind : std::uint8_t { condition, fact, and_, or_, not_, compare, constant, rule, policy };
std::string_view to_string(TraceKind k);

struct TraceNode {
  TraceKind kind = TraceKind::fact;
  std::string name;     // condition / fact / rule / policy name; expression text otherwise
  std::uint32_t id = kNone;  // the condition, fact, rule or policy id; kNone otherwise
  Tri value = Tri::unknown;
  std::string display;  // fact nodes: the fact's value as written ("implied", "{a, b}")
  std::string text;     // question, description or `because` text
  std::vector<Citation> cites;
  RuleStatus status = RuleStatus::not_applicable;  // rule nodes
  Effect effect = Effect::deny;                    // rule nodes
  SourcePlace place;      // rule and policy nodes: where it was written (an amendment's file)
  std::string effective;  // rule nodes: its period and its policy's ("from 2025-01-01"), if any
  std::vector<TraceNode> children;
  // Its children were left out at TraceOptions::max_depth: the renderers say so, so a
  // cut trace never reads as a complete one.
  bool cut = false;
  // Rule nodes: undetermined only because its int arithmetic overflowed (Result::overflow).
  bool overflow = false;
};

struct Trace {
  std::vector<TraceNode> policies;  // one per covering policy, with its rules as children
};

struct TraceOptions {
  // Deeper trees are cut (the node is kept, its children are not) so that a long chain
  // of conditions cannot exhaust the stack here or in the renderers that walk the tree.
  std::size_t max_depth = 512;
};

// The trace of `r`, an evaluation of `s` on `program` made with
// EvaluateOptions::keep_values; it reads nothing but its arguments. Throws
// std::invalid_argument when `r` holds no node values or does not fit `program`.
Trace build_trace(const Program& program, const Scenario& s, const Result& r, const TraceOptions& options = {});

}  // namespace proviso
