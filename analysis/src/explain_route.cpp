#include "explain_route.hpp"

#include <algorithm>

namespace proviso::analysis::internal {

namespace {

// The conjuncts of `node` (through nested `and`s, stopping at named conditions) that
// are not true.
void failed_conjuncts(const Program& p, const Result& r, std::uint32_t node, std::vector<RouteStep>& out) {
  const Node& n = p.nodes[node];
  const Tri v = node < r.values.nodes.size() ? r.values.nodes[node] : Tri::unknown;
  if (v == Tri::true_) return;
  if (n.op == Op::and_) {
    for (std::uint32_t j = n.a; j < n.a + n.b; ++j) failed_conjuncts(p, r, p.operands[j], out);
    return;
  }
  out.push_back(RouteStep{node, v, false});
}

RouteRule route_of(const Program& p, const Result& r, std::uint32_t rule) {
  RouteRule out{rule, {}};
  const Rule& rl = p.rules[rule];
  failed_conjuncts(p, r, rl.when, out.failed);
  if (rl.unless != kNone) {
    const Tri v = rl.unless < r.values.nodes.size() ? r.values.nodes[rl.unless] : Tri::unknown;
    if (v != Tri::false_) out.failed.push_back(RouteStep{rl.unless, v, true});
  }
  return out;
}

bool missed(const Result& r, std::uint32_t rule) {
  const RuleStatus s = r.rule_status[rule];
  return s == RuleStatus::not_applicable || s == RuleStatus::undetermined;
}

}  // namespace

std::vector<RouteRule> closest_route(const Program& p, const Result& original, const std::vector<std::uint32_t>& preferred) {
  std::vector<RouteRule> out;
  if (original.rule_status.size() != p.rules.size()) return out;
  std::vector<std::uint8_t> seen(p.rules.size(), 0);
  for (std::uint32_t r : preferred) {
    if (r >= p.rules.size() || seen[r] || p.rules[r].effect != Effect::share || !missed(original, r)) continue;
    seen[r] = 1;
    out.push_back(route_of(p, original, r));
  }
  if (!out.empty()) return out;
  for (const PolicyResult& pr : original.policies) {
    const Policy& pol = p.policies[pr.policy];
    for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
      if (p.rules[r].effect == Effect::share && missed(original, r)) out.push_back(route_of(p, original, r));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RouteRule& a, const RouteRule& b) { return a.failed.size() < b.failed.size(); });
  if (out.size() > kCheapRouteRules) out.resize(kCheapRouteRules);
  return out;
}

}  // namespace proviso::analysis::internal
