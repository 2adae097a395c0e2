// proviso graph: the condition graph as Graphviz DOT, optionally narrowed to a policy
// or to one rule's dependencies.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/compiler/graph.hpp"

namespace proviso::cli {

int run_graph(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("graph", "no PATH given");

  Compilation c = compile_bundle(a);
  if (c.diagnostics.has_errors() || !c.program || !c.graph) {
    print_diagnostics(c.diagnostics);
    return exit_status(c.diagnostics) == 0 ? 1 : exit_status(c.diagnostics);
  }
  const Program& p = *c.program;
  std::string policy = a.get("--policy");
  std::string rule = a.get("--rule");
  // A rule may be named "policy.rule", or by its own name within --policy, or by its
  // own name alone when only one policy has a rule of that name.
  if (!rule.empty() && rule.find('.') != std::string::npos) {
    std::string qualified_policy = rule.substr(0, rule.find('.'));
    if (!policy.empty() && policy != qualified_policy) {
      return usage_error("graph", fmt::format("rule '{}' is not in policy '{}'", rule, policy));
    }
    policy = qualified_policy;
    rule = rule.substr(rule.find('.') + 1);
  }
  if (!policy.empty() && p.find_policy(policy) == kNone) {
    return usage_error("graph", fmt::format("no policy named '{}'", policy));
  }
  if (!rule.empty()) {
    std::vector<std::string> owners;
    for (const Rule& r : p.rules) {
      if (r.name == rule && (policy.empty() || p.policies[r.policy].name == policy)) {
        owners.push_back(p.policies[r.policy].name);
      }
    }
    if (owners.empty()) return usage_error("graph", fmt::format("no rule named '{}'", a.get("--rule")));
    if (owners.size() > 1) {
      return usage_error("graph", fmt::format("rule '{}' is in several policies; write it as policy.rule", rule));
    }
    policy = owners.front();
  }
  std::cout << c.graph->to_dot(policy, rule);
  return 0;
}

}  // namespace proviso::cli
