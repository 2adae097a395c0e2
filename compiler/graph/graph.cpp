// The condition graph's algorithms on plain adjacency lists: strongly connected groups
// with one readable path each, the topological order, rule fact sets and the
// transitive overrides relation. DOT output lives in graph_dot.cpp.
#include "proviso/compiler/graph.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graph/graph_impl.hpp"

namespace proviso {

std::string_view to_string(GraphVertexKind kind) {
  switch (kind) {
    case GraphVertexKind::fact: return "fact";
    case GraphVertexKind::condition: return "condition";
    case GraphVertexKind::rule: return "rule";
    case GraphVertexKind::policy: return "policy";
    case GraphVertexKind::constraint: return "constraint";
  }
  return "fact";
}

namespace compiler::internal {
namespace {

// Tarjan's strongly connected groups, with an explicit stack so that a long chain of
// conditions cannot overflow the call stack. Returns the group of each vertex.
std::vector<std::uint32_t> strong_components(const Adjacency& g, std::uint32_t& groups) {
  const auto n = static_cast<std::uint32_t>(g.size());
  std::vector<std::uint32_t> index(n, kNone), low(n, 0), group(n, kNone), stack;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> frames;  // vertex, next out-edge
  std::uint32_t counter = 0;
  groups = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    index[root] = low[root] = counter++;
    stack.push_back(root);
    frames.emplace_back(root, 0);
    while (!frames.empty()) {
      const std::uint32_t v = frames.back().first;
      const std::uint32_t i = frames.back().second;
      if (i < g[v].size()) {
        ++frames.back().second;
        const std::uint32_t w = g[v][i];
        if (index[w] == kNone) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          frames.emplace_back(w, 0);
        } else if (group[w] == kNone) {  // still on the stack
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::uint32_t w = kNone;
        do {
          w = stack.back();
          stack.pop_back();
          group[w] = groups;
        } while (w != v);
        ++groups;
      }
      frames.pop_back();
      if (!frames.empty()) low[frames.back().first] = std::min(low[frames.back().first], low[v]);
    }
  }
  return group;
}

// The shortest path from `start` back to itself inside one strongly connected group.
// Breadth-first from the group's earliest vertex gives the path a reader expects:
// it begins where the group was first declared and takes no detours.
std::vector<std::uint32_t> shortest_cycle_through(const Adjacency& g, const std::vector<std::uint32_t>& component,
                                                  std::uint32_t start) {
  const std::uint32_t group = component[start];
  std::vector<std::uint32_t> parent(g.size(), kNone);
  std::deque<std::uint32_t> queue{start};
  std::uint32_t last = kNone;
  while (!queue.empty() && last == kNone) {
    std::uint32_t u = queue.front();
    queue.pop_front();
    for (std::uint32_t w : g[u]) {
      if (component[w] != group) continue;
      if (w == start) {
        last = u;
        break;
      }
      if (parent[w] != kNone) continue;
      parent[w] = u;
      queue.push_back(w);
    }
  }
  std::vector<std::uint32_t> path;
  for (std::uint32_t x = last; x != start; x = parent[x]) path.push_back(x);
  path.push_back(start);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace

std::vector<std::vector<std::uint32_t>> find_cycles(const Adjacency& g) {
  const std::size_t n = g.size();
  std::vector<std::vector<std::uint32_t>> cycles;
  if (n == 0) return cycles;
  std::uint32_t groups = 0;
  const std::vector<std::uint32_t> component = strong_components(g, groups);
  std::vector<std::uint32_t> size(groups, 0);
  std::vector<bool> cyclic(groups, false);
  for (std::size_t v = 0; v < n; ++v) ++size[component[v]];
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t t : g[s]) {
      if (s == t || size[component[s]] > 1) cyclic[component[s]] = true;
    }
  }
  // Vertices are in source order, so the first vertex met of each group is its
  // earliest declaration, and groups are reported in source order too.
  std::vector<bool> reported(groups, false);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t group = component[v];
    if (!cyclic[group] || reported[group]) continue;
    reported[group] = true;
    cycles.push_back(shortest_cycle_through(g, component, v));
  }
  return cycles;
}

std::vector<std::uint32_t> finish_order(const Adjacency& g) {
  const auto n = static_cast<std::uint32_t>(g.size());
  std::vector<std::uint32_t> order;
  order.reserve(n);
  std::vector<bool> seen(n, false);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> frames;  // vertex, next out-edge
  for (std::uint32_t root = 0; root < n; ++root) {
    if (seen[root]) continue;
    seen[root] = true;
    frames.emplace_back(root, 0);
    while (!frames.empty()) {
      const std::uint32_t v = frames.back().first;
      const std::uint32_t i = frames.back().second;
      if (i < g[v].size()) {
        ++frames.back().second;
        const std::uint32_t w = g[v][i];
        if (!seen[w]) {
          seen[w] = true;
          frames.emplace_back(w, 0);
        }
        continue;
      }
      order.push_back(v);
      frames.pop_back();
    }
  }
  return order;
}

}  // namespace compiler::internal

const std::vector<std::uint32_t> ConditionGraph::Impl::empty;

ConditionGraph::ConditionGraph() : impl_(std::make_unique<Impl>()) {}
ConditionGraph::~ConditionGraph() = default;
ConditionGraph::ConditionGraph(ConditionGraph&&) noexcept = default;
ConditionGraph& ConditionGraph::operator=(ConditionGraph&&) noexcept = default;

std::uint32_t ConditionGraph::add_vertex(GraphVertex v) {
  Impl& m = *impl_;
  auto index = static_cast<std::uint32_t>(m.vertices.size());
  auto& by_id = m.by_kind[static_cast<std::size_t>(v.kind)];
  if (by_id.size() <= v.id) by_id.resize(v.id + 1, kNone);
  by_id[v.id] = index;
  if (v.kind == GraphVertexKind::policy) m.policy_by_name.emplace(v.name, index);
  if (v.kind == GraphVertexKind::rule) m.rule_by_name.emplace(v.name, index);
  m.vertices.push_back(std::move(v));
  m.users.emplace_back();
  m.dependencies.emplace_back();
  m.overrides.emplace_back();
  m.overridden_by.emplace_back();
  return index;
}

void ConditionGraph::reserve(std::size_t vertices) {
  Impl& m = *impl_;
  m.vertices.reserve(vertices);
  m.users.reserve(vertices);
  m.dependencies.reserve(vertices);
  m.overrides.reserve(vertices);
  m.overridden_by.reserve(vertices);
}

bool ConditionGraph::Impl::add_edge(compiler::internal::Adjacency& out, std::unordered_set<std::uint64_t>& many,
                                    std::uint32_t from, std::uint32_t to) {
  // Most vertices use a handful of others: a scan beats hashing every edge.
  constexpr std::size_t kScan = 16;
  std::vector<std::uint32_t>& list = out.at(from);
  const std::uint64_t key = (std::uint64_t{from} << 32) | to;
  if (list.size() < kScan) {
    if (std::find(list.begin(), list.end(), to) != list.end()) return false;
    list.push_back(to);
    if (list.size() == kScan) {
      for (std::uint32_t w : list) many.insert((std::uint64_t{from} << 32) | w);
    }
    return true;
  }
  if (!many.insert(key).second) return false;
  list.push_back(to);
  return true;
}

void ConditionGraph::add_dependency(std::uint32_t user, std::uint32_t dependency) {
  Impl& m = *impl_;
  (void)m.users.at(dependency);
  if (!Impl::add_edge(m.dependencies, m.many_dependencies, user, dependency)) return;
  m.users[dependency].push_back(user);
}

void ConditionGraph::add_override(std::uint32_t winner, std::uint32_t beaten) {
  Impl& m = *impl_;
  (void)m.overridden_by.at(beaten);
  if (!Impl::add_edge(m.overrides, m.many_overrides, winner, beaten)) return;
  m.overridden_by[beaten].push_back(winner);
}

void ConditionGraph::finish(std::uint64_t max_closure_steps) {
  Impl& m = *impl_;
  const std::size_t n = m.vertices.size();
  m.dependency_cycles = compiler::internal::find_cycles(m.dependencies);
  m.override_cycles = compiler::internal::find_cycles(m.overrides);

  m.condition_order.clear();
  if (m.dependency_cycles.empty()) {
    // Edges point from a user to what it uses, so the depth-first finishing order is
    // the evaluation order: dependencies first.
    for (std::uint32_t v : compiler::internal::finish_order(m.dependencies)) {
      if (m.vertices[v].kind == GraphVertexKind::condition) m.condition_order.push_back(m.vertices[v].id);
    }
  }

  // One stamp array for every walk: a walk per rule costs only what it reaches.
  std::vector<std::uint32_t> stamp(n, kNone);
  std::vector<std::uint32_t> stack;
  std::uint64_t steps = 0;
  auto walk = [&](std::uint32_t root, const std::vector<std::vector<std::uint32_t>>& next, auto&& visit) {
    stack.assign(1, root);
    stamp[root] = root;
    while (!stack.empty()) {
      std::uint32_t u = stack.back();
      stack.pop_back();
      steps += next[u].size();
      for (std::uint32_t w : next[u]) {
        if (stamp[w] == root) continue;
        stamp[w] = root;
        visit(w);
        stack.push_back(w);
      }
    }
  };
  m.rule_facts.assign(n, {});
  m.closure_overflow = kNone;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (m.vertices[v].kind != GraphVertexKind::rule) continue;
    auto& facts = m.rule_facts[v];
    walk(v, m.dependencies, [&](std::uint32_t w) {
      if (m.vertices[w].kind == GraphVertexKind::fact) facts.push_back(m.vertices[w].id);
    });
    std::sort(facts.begin(), facts.end());
    // Many rules over one deep chain of conditions would make this quadratic in time
    // and in the size of the program: stop, and let sema report a limit.
    if (steps > max_closure_steps) {
      m.closure_overflow = v;
      m.rule_facts.assign(n, {});
      break;
    }
  }
  std::fill(stamp.begin(), stamp.end(), kNone);
  m.beaten_by.assign(n, {});
  if (m.override_cycles.empty() && m.closure_overflow == kNone) {
    for (std::uint32_t v = 0; v < n; ++v) {
      if (m.vertices[v].kind != GraphVertexKind::rule) continue;
      auto& winners = m.beaten_by[v];
      walk(v, m.overridden_by, [&](std::uint32_t w) { winners.push_back(m.vertices[w].id); });
      std::sort(winners.begin(), winners.end());
      // A long chain of overrides makes beaten_by quadratic in the same way.
      if (steps > max_closure_steps) {
        m.closure_overflow = v;
        m.beaten_by.assign(n, {});
        break;
      }
    }
  }
  m.finished = true;
}

std::uint32_t ConditionGraph::closure_overflow() const {
  impl_->require_finished();
  return impl_->closure_overflow;
}

std::size_t ConditionGraph::vertex_count() const { return impl_->vertices.size(); }
const GraphVertex& ConditionGraph::vertex(std::uint32_t v) const { return impl_->vertices.at(v); }

std::uint32_t ConditionGraph::find(GraphVertexKind kind, std::uint32_t id) const {
  const auto& by_id = impl_->by_kind[static_cast<std::size_t>(kind)];
  return id < by_id.size() ? by_id[id] : kNone;
}

std::uint32_t ConditionGraph::find_policy(std::string_view name) const {
  auto it = impl_->policy_by_name.find(std::string(name));
  return it == impl_->policy_by_name.end() ? kNone : it->second;
}

std::uint32_t ConditionGraph::find_rule(std::string_view qualified) const {
  auto it = impl_->rule_by_name.find(std::string(qualified));
  return it == impl_->rule_by_name.end() ? kNone : it->second;
}

const std::vector<std::uint32_t>& ConditionGraph::users(std::uint32_t v) const { return impl_->users.at(v); }
const std::vector<std::uint32_t>& ConditionGraph::dependencies(std::uint32_t v) const {
  return impl_->dependencies.at(v);
}
const std::vector<std::uint32_t>& ConditionGraph::overrides(std::uint32_t rule_vertex) const {
  return impl_->overrides.at(rule_vertex);
}

const std::vector<std::vector<std::uint32_t>>& ConditionGraph::dependency_cycles() const {
  impl_->require_finished();
  return impl_->dependency_cycles;
}
const std::vector<std::vector<std::uint32_t>>& ConditionGraph::override_cycles() const {
  impl_->require_finished();
  return impl_->override_cycles;
}
const std::vector<std::uint32_t>& ConditionGraph::condition_order() const {
  impl_->require_finished();
  return impl_->condition_order;
}
const std::vector<std::uint32_t>& ConditionGraph::rule_facts(std::uint32_t rule_vertex) const {
  impl_->require_finished();
  return rule_vertex < impl_->rule_facts.size() ? impl_->rule_facts[rule_vertex] : Impl::empty;
}
const std::vector<std::uint32_t>& ConditionGraph::beaten_by(std::uint32_t rule_vertex) const {
  impl_->require_finished();
  return rule_vertex < impl_->beaten_by.size() ? impl_->beaten_by[rule_vertex] : Impl::empty;
}

std::vector<std::string> ConditionGraph::condition_order_names() const {
  std::vector<std::string> names;
  for (std::uint32_t id : condition_order()) {
    names.push_back(impl_->vertices[find(GraphVertexKind::condition, id)].name);
  }
  return names;
}

std::vector<std::string> ConditionGraph::rule_fact_names(std::string_view qualified_rule) const {
  std::vector<std::string> names;
  std::uint32_t v = find_rule(qualified_rule);
  if (v == kNone) return names;
  for (std::uint32_t fact : rule_facts(v)) names.push_back(impl_->vertices[find(GraphVertexKind::fact, fact)].name);
  return names;
}

void ConditionGraph::Impl::require_finished() const {
  // A query before finish() would silently answer "no cycles": make it loud instead.
  if (!finished) throw std::logic_error("ConditionGraph queried before finish()");
}

}  // namespace proviso
