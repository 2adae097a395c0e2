// Pieces of a result's JSON that depend only on the program, made once per program.
#include "proviso/runtime/json_fragments.hpp"

#include "proviso/base/diagnostic_render.hpp"
#include "render/json_out.hpp"

namespace proviso {

JsonFragments::JsonFragments(const Program& p) : program_(&p) {
  rules_.reserve(p.rules.size());
  for (const Policy& pol : p.policies) {
    for (std::uint32_t id = pol.first_rule; id < pol.first_rule + pol.rule_count && id < p.rules.size(); ++id) {
      if (rules_.size() <= id) rules_.resize(id + 1);
      const Rule& rule = p.rules[id];
      RuleEntry& e = rules_[id];
      e.head = "{\"rule\":";
      runtime::internal::append_name(e.head, rule.name);
      e.head += ",\"status\":\"";
      e.tail = "\",\"effect\":\"";
      e.tail += to_string(rule.effect);
      e.tail += '"';
      if (rule.defers) e.tail += ",\"defers\":true";
      // An amendment's rule: the file it came from, so local rules stand apart.
      if (rule.place.file != pol.place.file) {
        e.tail += ",\"amended_in\":";
        append_json_string(e.tail, rule.place.file);
      }
    }
  }
  leaves_.resize(p.nodes.size());
  for (std::uint32_t n = 0; n < p.nodes.size(); ++n) {
    const Node& node = p.nodes[n];
    if (node.op == Op::and_ || node.op == Op::or_ || node.op == Op::not_ || node.op == Op::condition) continue;
    Leaf& leaf = leaves_[n];
    leaf.made = true;
    leaf.text = runtime::internal::leaf_text(p, n);
    std::string raw;
    for (Tri v : {Tri::true_, Tri::false_, Tri::unknown}) {
      raw.clear();
      runtime::internal::append_literal(raw, node, leaf.text, v);
      runtime::internal::append_json_body(leaf.literals[static_cast<int>(v)], raw);
    }
  }
}

const JsonFragments::RuleEntry* JsonFragments::rule(std::uint32_t id) const {
  return id < rules_.size() ? &rules_[id] : nullptr;
}

const JsonFragments::Leaf* JsonFragments::leaf(std::uint32_t node) const {
  return node < leaves_.size() && leaves_[node].made ? &leaves_[node] : nullptr;
}

}  // namespace proviso
