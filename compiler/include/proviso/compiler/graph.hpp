#pragma once
// The condition dependency graph of a bundle: facts, conditions, rules and policies as
// vertices, "depends on" edges from a user to what it uses (condition -> fact, rule ->
// condition, policy -> rule, constraint -> condition or fact), and "overrides" edges between rules of one policy.
// Plain adjacency lists behind a pimpl do the work (Boost only writes DOT): no Boost here.
//
// Vertices are numbered in insertion order; sema inserts them in source order, which is
// what makes the topological order and the DOT output deterministic.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "proviso/compiler/options.hpp"
#include "proviso/program/program.hpp"

namespace proviso {

enum class GraphVertexKind : std::uint8_t { fact, condition, rule, policy, constraint };
std::string_view to_string(GraphVertexKind kind);

struct GraphVertex {
  GraphVertexKind kind = GraphVertexKind::fact;
  std::uint32_t id = 0;        // fact, condition, rule or policy id in the program
  std::string name;            // rules: "policy.rule"
  std::string detail;          // shown under the name: a fact's type, a rule's effect
  std::string tooltip;         // a fact's question, a condition's description
  std::uint32_t policy = kNone;  // rules and policies: the policy id
};

class ConditionGraph {
 public:
  ConditionGraph();
  ~ConditionGraph();
  ConditionGraph(ConditionGraph&&) noexcept;
  ConditionGraph& operator=(ConditionGraph&&) noexcept;
  ConditionGraph(const ConditionGraph&) = delete;
  ConditionGraph& operator=(const ConditionGraph&) = delete;

  // Building. Ids of each kind must be unique; duplicate edges are ignored.
  std::uint32_t add_vertex(GraphVertex v);
  void reserve(std::size_t vertices);  // room for this many vertices in all
  void add_dependency(std::uint32_t user, std::uint32_t dependency);
  void add_override(std::uint32_t winner, std::uint32_t beaten);
  // Computes cycles, the topological order, rule fact sets and beaten_by. Call once,
  // after the last edge; the queries below need it. Rule fact sets and beaten_by cost a
  // walk of each rule's closure; past `max_closure_steps` steps in all, the walks stop
  // and closure_overflow() names the rule where they did (a `limit` for sema).
  void finish(std::uint64_t max_closure_steps = SemaOptions{}.max_closure_steps);
  std::uint32_t closure_overflow() const;  // a rule vertex, or kNone

  std::size_t vertex_count() const;
  const GraphVertex& vertex(std::uint32_t v) const;
  // The vertex of a fact, condition, rule or policy id; kNone when there is none.
  std::uint32_t find(GraphVertexKind kind, std::uint32_t id) const;
  std::uint32_t find_policy(std::string_view name) const;
  // `qualified` is "policy.rule".
  std::uint32_t find_rule(std::string_view qualified) const;
  bool has_policy(std::string_view name) const { return find_policy(name) != kNone; }
  bool has_rule(std::string_view qualified) const { return find_rule(qualified) != kNone; }

  // Vertices that depend on v directly (its users) and that v depends on directly.
  const std::vector<std::uint32_t>& users(std::uint32_t v) const;
  const std::vector<std::uint32_t>& dependencies(std::uint32_t v) const;
  const std::vector<std::uint32_t>& overrides(std::uint32_t rule_vertex) const;

  // One path per strongly connected group of the dependency edges, starting and
  // ending at its earliest vertex: {a, b, c} means a -> b -> c -> a.
  const std::vector<std::vector<std::uint32_t>>& dependency_cycles() const;
  // The same for the overrides relation among rules.
  const std::vector<std::vector<std::uint32_t>>& override_cycles() const;

  // Condition ids, dependencies before their users; empty when there is a cycle.
  const std::vector<std::uint32_t>& condition_order() const;
  // Fact ids a rule vertex depends on through its conditions, transitively; ascending.
  const std::vector<std::uint32_t>& rule_facts(std::uint32_t rule_vertex) const;
  // Rule ids that beat a rule (a chain of overrides leads from them to it); ascending.
  // Empty for every rule when the overrides relation has a cycle.
  const std::vector<std::uint32_t>& beaten_by(std::uint32_t rule_vertex) const;

  // Name-level views for tools and tests.
  std::vector<std::string> condition_order_names() const;
  std::vector<std::string> rule_fact_names(std::string_view qualified_rule) const;

  // Graphviz DOT of the whole graph, of one policy (the policy, its rules and all they
  // depend on), or of one rule's dependency closure. `rule` is "policy.rule", or a rule
  // name local to `policy` when both are given. Unknown names give an empty digraph:
  // callers ask has_policy/has_rule first to report them.
  std::string to_dot(std::string_view policy = {}, std::string_view rule = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

namespace compiler::internal {
// Escapes text for a double-quoted DOT string: quotes, backslashes and line breaks.
std::string dot_escape(std::string_view text);
}  // namespace compiler::internal

}  // namespace proviso
