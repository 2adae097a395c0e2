// Graphviz DOT for the condition graph. The only file that includes
// boost/graph/graphviz.hpp, which is heavy (it pulls in Spirit and Xpressive).
#include <sstream>

#include <boost/graph/graphviz.hpp>

#include "graph/graph_impl.hpp"

namespace proviso {

namespace compiler::internal {

std::string dot_escape(std::string_view text) {
  // Boost 1.74 escapes only quotes, so names ending in '\' or holding a line break
  // would produce DOT that Graphviz rejects; escape everything ourselves.
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default:
        out += static_cast<unsigned char>(ch) < 0x20 ? ' ' : ch;
    }
  }
  return out;
}

namespace {

struct DotVertex {
  std::uint32_t original = 0;
};
struct DotEdge {
  bool is_override = false;
};
using DotGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, DotVertex, DotEdge>;

std::string_view effect_color(std::string_view effect) {
  if (effect == "share") return "darkgreen";
  if (effect == "refer") return "darkorange";
  return "red3";
}

void write_vertex(std::ostream& out, const GraphVertex& v) {
  out << "[label=\"" << dot_escape(v.name);
  if (!v.detail.empty()) out << "\\n" << dot_escape(v.detail);
  out << '"';
  switch (v.kind) {
    case GraphVertexKind::fact: out << ",shape=ellipse"; break;
    case GraphVertexKind::condition: out << ",shape=box"; break;
    case GraphVertexKind::rule: out << ",shape=box,style=rounded,color=" << effect_color(v.detail); break;
    case GraphVertexKind::policy: out << ",shape=folder"; break;
    case GraphVertexKind::constraint: out << ",shape=octagon"; break;
  }
  if (!v.tooltip.empty()) out << ",tooltip=\"" << dot_escape(v.tooltip) << '"';
  out << ']';
}

}  // namespace
}  // namespace compiler::internal

std::string ConditionGraph::to_dot(std::string_view policy, std::string_view rule) const {
  const Impl& m = *impl_;
  const std::size_t n = m.vertices.size();

  // Roots of the closure to draw; none when a name is unknown.
  std::vector<std::uint32_t> roots;
  bool everything = policy.empty() && rule.empty();
  if (!rule.empty()) {
    std::string qualified = policy.empty() ? std::string(rule) : std::string(policy) + "." + std::string(rule);
    if (std::uint32_t v = find_rule(qualified); v != kNone) roots.push_back(v);
  } else if (!policy.empty()) {
    if (std::uint32_t v = find_policy(policy); v != kNone) roots.push_back(v);
  }
  std::vector<bool> keep(n, everything);
  std::vector<std::uint32_t> stack(roots);
  for (std::uint32_t r : roots) keep[r] = true;
  while (!stack.empty()) {
    std::uint32_t u = stack.back();
    stack.pop_back();
    for (std::uint32_t w : m.dependencies[u]) {
      if (!keep[w]) {
        keep[w] = true;
        stack.push_back(w);
      }
    }
  }

  compiler::internal::DotGraph g;
  std::vector<std::uint32_t> local(n, kNone);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (keep[v]) local[v] = static_cast<std::uint32_t>(boost::add_vertex(compiler::internal::DotVertex{v}, g));
  }
  for (std::uint32_t v = 0; v < n; ++v) {
    if (!keep[v]) continue;
    for (std::uint32_t w : m.dependencies[v]) boost::add_edge(local[v], local[w], compiler::internal::DotEdge{false}, g);
    for (std::uint32_t w : m.overrides[v]) {
      if (keep[w]) boost::add_edge(local[v], local[w], compiler::internal::DotEdge{true}, g);
    }
  }

  std::ostringstream out;
  boost::write_graphviz(
      out, g,
      [&](std::ostream& o, compiler::internal::DotGraph::vertex_descriptor v) { compiler::internal::write_vertex(o, m.vertices[g[v].original]); },
      [&](std::ostream& o, compiler::internal::DotGraph::edge_descriptor e) {
        if (g[e].is_override) o << "[style=dashed,color=red3,label=\"overrides\"]";
      },
      [](std::ostream& o) { o << "rankdir=LR;\n"; });
  return out.str();
}

}  // namespace proviso
