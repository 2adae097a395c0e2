#pragma once
// Private: the state behind ConditionGraph, shared by graph.cpp and graph_dot.cpp.
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "proviso/compiler/graph.hpp"

namespace proviso {

namespace compiler::internal {
// vecS/vecS: vertices are never removed, so a descriptor is its insertion index.
using DependencyGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// One path per cyclic strongly connected group (see ConditionGraph::dependency_cycles).
std::vector<std::vector<std::uint32_t>> find_cycles(const DependencyGraph& g);
}  // namespace compiler::internal

struct ConditionGraph::Impl {
  std::vector<GraphVertex> vertices;
  compiler::internal::DependencyGraph deps;             // user -> dependency
  compiler::internal::DependencyGraph overrides_graph;  // winner -> beaten
  std::unordered_set<std::uint64_t> dependency_edges, override_edges;

  // Plain mirrors of the edges in insertion order, for both directions.
  std::vector<std::vector<std::uint32_t>> users, dependencies, overrides, overridden_by;
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
};

}  // namespace proviso
