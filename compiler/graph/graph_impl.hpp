#pragma once
// Private: the state behind ConditionGraph, shared by graph.cpp and graph_dot.cpp.
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "proviso/compiler/graph.hpp"

namespace proviso {

namespace compiler::internal {
// Out-edges per vertex, in insertion order (the order every walk follows).
using Adjacency = std::vector<std::vector<std::uint32_t>>;

// One path per cyclic strongly connected group (see ConditionGraph::dependency_cycles).
std::vector<std::vector<std::uint32_t>> find_cycles(const Adjacency& g);

// Vertices in the order a depth-first search from each vertex in turn finishes them:
// for an acyclic graph, every vertex comes after all it reaches.
std::vector<std::uint32_t> finish_order(const Adjacency& g);
}  // namespace compiler::internal

struct ConditionGraph::Impl {
  std::vector<GraphVertex> vertices;
  // The edges in insertion order, for both directions: dependencies (user ->
  // dependency) and overrides (winner -> beaten) are the graphs the walks follow.
  compiler::internal::Adjacency users, dependencies, overrides, overridden_by;
  // Duplicate edges are found by a scan of the source's short edge list; a vertex
  // with many edges has them in these sets as well, so the check stays constant-time.
  std::unordered_set<std::uint64_t> many_dependencies, many_overrides;
  std::array<std::vector<std::uint32_t>, 5> by_kind;  // id -> vertex, per GraphVertexKind
  std::unordered_map<std::string, std::uint32_t> policy_by_name, rule_by_name;

  // Results of finish().
  bool finished = false;
  std::vector<std::vector<std::uint32_t>> dependency_cycles, override_cycles;
  std::vector<std::uint32_t> condition_order;
  std::vector<std::vector<std::uint32_t>> rule_facts;  // per vertex (rules only)
  std::uint32_t closure_overflow = kNone;
  std::vector<std::vector<std::uint32_t>> beaten_by;   // per vertex (rules only)

  static const std::vector<std::uint32_t> empty;
  void require_finished() const;
  // Appends from -> to unless it is there already; false when it was.
  static bool add_edge(compiler::internal::Adjacency& out, std::unordered_set<std::uint64_t>& many,
                       std::uint32_t from, std::uint32_t to);
};

}  // namespace proviso
