#include "shrink.hpp"

namespace proviso::analysis::internal {

Pin pin_of(const Encoder& enc, const Scenario& s, std::uint32_t f) {
  z3::context& ctx = enc.ctx();
  const FactVar& v = enc.fact(f);
  const std::int64_t value = s.values[f];
  Pin pin{enc.program().facts[f].name, ctx.bool_val(true)};
  switch (v.kind) {
    case TypeKind::boolean: pin.eq = v.value == ctx.bool_val(value != 0); break;
    case TypeKind::integer: pin.eq = v.value == ctx.int_val(value); break;
    case TypeKind::enumeration: pin.eq = v.value == v.sort->values[static_cast<unsigned>(value)](); break;
    case TypeKind::set: {
      z3::expr_vector members(ctx);
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        const bool in = ((static_cast<std::uint64_t>(value) >> i) & 1u) != 0;
        members.push_back(in ? v.members[i] : !v.members[i]);
      }
      if (!members.empty()) pin.eq = z3::mk_and(members);
      break;
    }
  }
  return pin;
}

std::optional<std::vector<bool>> needed_pins(QueryRunner& q, const std::vector<Pin>& pins, const z3::expr& holds,
                                             const std::vector<z3::expr>& background, const std::string& subject,
                                             const std::vector<Pin>& kept) {
  // Literal names must be unique: in the shared mode every definition stays asserted.
  static thread_local std::size_t serial = 0;
  const std::string tag = "#" + std::to_string(++serial);
  std::vector<bool> needed(pins.size(), true);
  if (pins.empty()) return needed;
  const z3::expr fails = q.guard("fails " + subject + tag, !holds);
  std::vector<z3::expr> fixed, always{fails};
  for (const Pin& pin : pins) fixed.push_back(q.guard("pin " + subject + " " + pin.name + tag, pin.eq));
  for (const Pin& pin : kept) always.push_back(q.guard("keep " + subject + " " + pin.name + tag, pin.eq));
  for (std::size_t i = 0; i < pins.size(); ++i) {
    if (q.exhausted()) return std::nullopt;
    std::vector<z3::expr> asms = always;
    for (std::size_t j = 0; j < pins.size(); ++j) {
      if (j != i && needed[j]) asms.push_back(fixed[j]);
    }
    const Verdict v = q.check(asms, background, "shrink", {subject, "without", pins[i].name});
    if (v == Verdict::unsat) needed[i] = false;
    if (v == Verdict::unknown && q.reason_unknown() == "not reached") return std::nullopt;
  }
  return needed;
}

Scenario keep_facts(const Scenario& full, const std::vector<std::uint32_t>& facts, const std::vector<bool>& needed) {
  Scenario out = full;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (!needed[i]) {
      out.known[facts[i]] = 0;
      out.values[facts[i]] = 0;
    }
  }
  return out;
}

}  // namespace proviso::analysis::internal
