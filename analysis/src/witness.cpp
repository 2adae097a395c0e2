#include "witness.hpp"

#include <algorithm>
#include <stdexcept>

namespace proviso::analysis::internal {

std::vector<std::uint32_t> witness_facts(const Program& p, const std::vector<std::uint32_t>& rules) {
  std::vector<std::uint32_t> out{kFactFrom, kFactTo};
  for (std::uint32_t r : rules) out.insert(out.end(), p.rules[r].facts.begin(), p.rules[r].facts.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint32_t> policy_facts(const Program& p, const std::vector<std::uint32_t>& policies) {
  std::vector<std::uint32_t> rules;
  for (std::uint32_t pol : policies) {
    for (std::uint32_t i = 0; i < p.policies[pol].rule_count; ++i) rules.push_back(p.policies[pol].first_rule + i);
  }
  return witness_facts(p, rules);
}

void read_model(const Encoder& enc, const z3::model& m, const std::vector<std::uint32_t>& facts, Scenario& out) {
  for (std::uint32_t f : facts) {
    const FactVar& v = enc.fact(f);
    switch (v.kind) {
      case TypeKind::boolean:
        out.set(f, m.eval(v.value, true).is_true() ? 1 : 0);
        break;
      case TypeKind::integer:
        out.set(f, m.eval(v.value, true).get_numeral_int64());
        break;
      case TypeKind::enumeration: {
        std::uint32_t index = SortCache::value_of(*v.sort, m.eval(v.value, true));
        if (index == kNone) throw std::logic_error("model gave an enum fact no value of its type");
        out.set(f, index);
        break;
      }
      case TypeKind::set: {
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < v.members.size(); ++i) {
          if (m.eval(v.members[i], true).is_true()) bits |= 1ull << i;
        }
        out.set(f, static_cast<std::int64_t>(bits));
        break;
      }
    }
  }
}

Scenario scenario_from_model(const Encoder& enc, const z3::model& m, const std::vector<std::uint32_t>& facts) {
  Scenario s;
  s.reset(enc.program().facts.size());
  if (enc.program().has_dates()) s.on = enc.on();  // the witness holds on the analysis date
  read_model(enc, m, facts, s);
  return s;
}

z3::model model_of(const Encoder& enc, const Scenario& s) {
  z3::context& ctx = enc.ctx();
  z3::model m(ctx);
  for (std::uint32_t f = 0; f < enc.program().facts.size(); ++f) {
    if (!s.known[f]) continue;
    const FactVar& v = enc.fact(f);
    auto bind = [&](const z3::expr& var, z3::expr value) {
      z3::func_decl decl = var.decl();
      m.add_const_interp(decl, value);
    };
    switch (v.kind) {
      case TypeKind::boolean: bind(v.value, ctx.bool_val(s.values[f] != 0)); break;
      case TypeKind::integer: bind(v.value, ctx.int_val(s.values[f])); break;
      case TypeKind::enumeration: bind(v.value, v.sort->values[static_cast<unsigned>(s.values[f])]()); break;
      case TypeKind::set:
        for (std::size_t i = 0; i < v.members.size(); ++i) {
          bind(v.members[i], ctx.bool_val(((static_cast<std::uint64_t>(s.values[f]) >> i) & 1u) != 0));
        }
        break;
    }
  }
  return m;
}

}  // namespace proviso::analysis::internal
