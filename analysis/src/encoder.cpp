#include "encoder.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace proviso::analysis::internal {

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// SMT-LIB simple symbols allow letters, digits and a few punctuation marks; a sort
// name outside that set (an inline "enum {a, b}") would need quoting everywhere.
std::string symbol_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (ok) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? std::string("enum") : out;
}

z3::expr conj(z3::context& ctx, const std::vector<z3::expr>& xs) {
  if (xs.empty()) return ctx.bool_val(true);
  if (xs.size() == 1) return xs[0];
  z3::expr_vector v(ctx);
  for (const auto& x : xs) v.push_back(x);
  return z3::mk_and(v);
}

z3::expr disj(z3::context& ctx, const std::vector<z3::expr>& xs) {
  if (xs.empty()) return ctx.bool_val(false);
  if (xs.size() == 1) return xs[0];
  z3::expr_vector v(ctx);
  for (const auto& x : xs) v.push_back(x);
  return z3::mk_or(v);
}

}  // namespace

const SortCache::EnumSort& SortCache::enum_sort(const Type& t) {
  std::string signature = t.name + "{";
  for (const auto& v : t.values) signature += v + ",";
  signature += "}";
  auto found = by_signature_.find(signature);
  if (found != by_signature_.end()) return *found->second;

  std::string base = symbol_name(t.name);
  int& uses = name_uses_[base];
  std::string name = uses == 0 ? base : base + "!" + std::to_string(uses);
  ++uses;
  // Z3 cannot build an empty enumeration; an enum without values has no valid
  // scenario, which fact_domain states, so one default-constructed value is harmless.
  std::vector<std::string> names;
  for (const auto& v : t.values) names.push_back(name + "." + v);
  if (names.empty()) names.push_back(name + ".none");
  std::vector<const char*> ptrs;
  for (const auto& n : names) ptrs.push_back(n.c_str());
  z3::func_decl_vector cs(ctx_), ts(ctx_);
  z3::sort s = ctx_.enumeration_sort(name.c_str(), static_cast<unsigned>(ptrs.size()), ptrs.data(), cs, ts);
  auto entry = std::make_unique<EnumSort>(EnumSort{s, cs});
  return *by_signature_.emplace(signature, std::move(entry)).first->second;
}

std::uint32_t SortCache::value_of(const EnumSort& s, const z3::expr& value) {
  if (!value.is_app()) return kNone;
  unsigned id = value.decl().id();
  for (unsigned i = 0; i < s.values.size(); ++i) {
    if (s.values[i].id() == id) return i;
  }
  return kNone;
}

FactVar make_fact_var(z3::context& ctx, SortCache& sorts, const Program& p, std::uint32_t id, std::string_view suffix) {
  const Type& t = p.types[p.facts[id].type];
  std::string name = p.facts[id].name + std::string(suffix);
  switch (t.kind) {
    case TypeKind::boolean:
      return FactVar{t.kind, ctx.bool_const(name.c_str()), {}, nullptr, std::nullopt};
    case TypeKind::integer:
      return FactVar{t.kind, ctx.int_const(name.c_str()), {}, nullptr, std::nullopt};
    case TypeKind::enumeration: {
      const auto& s = sorts.enum_sort(t);
      return FactVar{t.kind, ctx.constant(name.c_str(), s.sort), {}, &s, std::nullopt};
    }
    case TypeKind::set: {
      FactVar v{t.kind, ctx.bool_val(true), {}, nullptr, std::nullopt};
      for (const auto& value : p.types[t.element].values) {
        v.members.push_back(ctx.bool_const((name + "[" + value + "]").c_str()));
      }
      return v;
    }
  }
  throw std::logic_error("fact of unknown type kind");
}

std::vector<FactVar> make_fact_vars(z3::context& ctx, SortCache& sorts, const Program& p, std::string_view suffix) {
  std::vector<FactVar> out;
  out.reserve(p.facts.size());
  for (std::uint32_t i = 0; i < p.facts.size(); ++i) out.push_back(make_fact_var(ctx, sorts, p, i, suffix));
  return out;
}

z3::expr fact_domain(z3::context& ctx, const Program& p, const std::vector<FactVar>& vars, std::uint32_t fact) {
  const Type& t = p.types[p.facts[fact].type];
  if (t.kind == TypeKind::integer) return vars[fact].value >= ctx.int_val(t.lo) && vars[fact].value <= ctx.int_val(t.hi);
  if (t.kind == TypeKind::enumeration && t.values.empty()) return ctx.bool_val(false);
  return ctx.bool_val(true);
}

z3::expr fact_domain(z3::context& ctx, const Program& p, const std::vector<FactVar>& vars) {
  std::vector<z3::expr> parts;
  for (std::uint32_t i = 0; i < p.facts.size(); ++i) {
    z3::expr d = fact_domain(ctx, p, vars, i);
    if (!d.is_true()) parts.push_back(d);
  }
  return conj(ctx, parts);
}

Encoder::Encoder(z3::context& ctx, SortCache& sorts, const Program& p, std::vector<FactVar> facts, Day on)
    : ctx_(ctx), sorts_(sorts), p_(p), on_(on), facts_(std::move(facts)) {
  terms_.reserve(p.nodes.size());
  for (const Node& n : p.nodes) terms_.push_back(encode(n));
  encode_rules();
  encode_decisions();
}

std::vector<std::uint32_t> Encoder::facts_of(std::uint32_t node) const {
  std::vector<std::uint32_t> out, stack{node};
  std::vector<std::uint8_t> seen(p_.nodes.size(), 0);
  while (!stack.empty()) {
    const std::uint32_t n = stack.back();
    stack.pop_back();
    if (n >= p_.nodes.size() || seen[n]) continue;
    seen[n] = 1;
    const Node& x = p_.nodes[n];
    switch (x.op) {
      case Op::const_bool:
      case Op::const_int: break;
      case Op::fact: out.push_back(x.a); break;
      case Op::and_:
      case Op::or_:
        for (std::uint32_t j = x.a; j < x.a + x.b; ++j) stack.push_back(p_.operands[j]);
        break;
      case Op::not_:
      case Op::condition:
      case Op::in_values: stack.push_back(x.a); break;
      default:
        stack.push_back(x.a);
        stack.push_back(x.b);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

z3::expr Encoder::constraint_false(std::uint32_t c) const { return node_bool(p_.constraints[c].node).f; }

z3::expr Encoder::constraints_hold() const {
  std::vector<z3::expr> parts;
  std::vector<std::uint32_t> facts;
  for (std::uint32_t c = 0; c < p_.constraints.size(); ++c) {
    parts.push_back(!constraint_false(c));
    for (std::uint32_t f : facts_of(p_.constraints[c].node)) facts.push_back(f);
  }
  std::sort(facts.begin(), facts.end());
  facts.erase(std::unique(facts.begin(), facts.end()), facts.end());
  for (std::uint32_t f : facts) {
    z3::expr d = fact_domain(ctx_, p_, facts_, f);
    if (!d.is_true()) parts.push_back(d);
  }
  return conj(ctx_, parts);
}

BoolTerm Encoder::node_bool(std::uint32_t node) const {
  const Term& t = terms_[node];
  return BoolTerm{t.a, t.b, t.total};
}

Encoder::Term Encoder::bool_term(z3::expr t, z3::expr f, bool total) const {
  return Term{std::move(t), std::move(f), total, 0, 0, {}};
}

z3::expr Encoder::enum_value(std::uint32_t type, std::int64_t index) const {
  const auto& s = sorts_.enum_sort(p_.types[type]);
  if (index < 0 || static_cast<std::uint64_t>(index) >= s.values.size()) {
    throw std::logic_error("enum constant out of range in the compiled program");
  }
  return s.values[static_cast<unsigned>(index)]();
}

Encoder::Term Encoder::constant(const Node& n) const {
  const Type& t = p_.types[n.type];
  switch (t.kind) {
    case TypeKind::boolean:
      return bool_term(ctx_.bool_val(n.imm != 0), ctx_.bool_val(n.imm == 0), true);
    case TypeKind::integer:
      return Term{ctx_.int_val(n.imm), ctx_.bool_val(true), true, n.imm, n.imm, {}};
    case TypeKind::enumeration:
      return Term{enum_value(n.type, n.imm), ctx_.bool_val(true), true, 0, 0, {}};
    case TypeKind::set: {
      Term out{ctx_.bool_val(true), ctx_.bool_val(true), true, 0, 0, {}};
      const auto bits = static_cast<std::uint64_t>(n.imm);
      for (std::size_t i = 0; i < p_.types[t.element].values.size(); ++i) {
        out.members.push_back(ctx_.bool_val(((bits >> i) & 1u) != 0));
      }
      return out;
    }
  }
  throw std::logic_error("constant of unknown type kind");
}

Encoder::Term Encoder::encode(const Node& n) {
  switch (n.op) {
    case Op::const_bool:
      return bool_term(ctx_.bool_val(n.imm != 0), ctx_.bool_val(n.imm == 0), true);
    case Op::const_int:
      return constant(n);
    case Op::fact: {
      const FactVar& v = facts_[n.a];
      const Type& t = p_.types[p_.facts[n.a].type];
      if (v.known) {
        const z3::expr& k = *v.known;
        switch (v.kind) {
          case TypeKind::boolean: return bool_term(k && v.value, k && !v.value, false);
          case TypeKind::integer: return Term{v.value, k, false, t.lo, t.hi, {}};
          case TypeKind::enumeration: return Term{v.value, k, false, 0, 0, {}};
          case TypeKind::set: return Term{v.value, k, false, 0, 0, v.members};
        }
      }
      switch (v.kind) {
        case TypeKind::boolean: return bool_term(v.value, !v.value, true);
        case TypeKind::integer: return Term{v.value, ctx_.bool_val(true), true, t.lo, t.hi, {}};
        case TypeKind::enumeration: return Term{v.value, ctx_.bool_val(true), true, 0, 0, {}};
        case TypeKind::set: return Term{v.value, ctx_.bool_val(true), true, 0, 0, v.members};
      }
      break;
    }
    case Op::and_:
    case Op::or_: {
      std::vector<z3::expr> ts, fs;
      bool total = true;
      for (std::uint32_t i = 0; i < n.b; ++i) {
        const Term& x = terms_[p_.operands[n.a + i]];
        ts.push_back(x.a);
        fs.push_back(x.b);
        total = total && x.total;
      }
      bool is_and = n.op == Op::and_;
      z3::expr t = is_and ? conj(ctx_, ts) : disj(ctx_, ts);
      // Kleene: an `and` is false as soon as one operand is false, even when another
      // is unknown; when nothing can be unknown that is plain negation.
      z3::expr f = total ? !t : (is_and ? disj(ctx_, fs) : conj(ctx_, fs));
      return bool_term(t, f, total);
    }
    case Op::not_: {
      const Term& x = terms_[n.a];
      return bool_term(x.b, x.a, x.total);
    }
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      return compare(n, terms_[n.a], terms_[n.b]);
    case Op::add:
    case Op::sub:
    case Op::mul:
      return arithmetic(n, terms_[n.a], terms_[n.b]);
    case Op::in_values: {
      const Node& operand = p_.nodes[n.a];
      const Type& t = p_.types[operand.type];
      std::vector<z3::expr> options;
      const auto mask = static_cast<std::uint64_t>(n.imm);
      for (std::size_t i = 0; i < t.values.size() && i < kSetMaskBits; ++i) {
        if ((mask >> i) & 1u) options.push_back(terms_[n.a].a == enum_value(operand.type, static_cast<std::int64_t>(i)));
      }
      z3::expr t_in = disj(ctx_, options);
      if (!terms_[n.a].total) return bool_term(terms_[n.a].b && t_in, terms_[n.a].b && !t_in, false);
      return bool_term(t_in, !t_in, true);
    }
    case Op::has: {
      const Term& set = terms_[n.a];
      const Node& element = p_.nodes[n.b];
      z3::expr t_has = ctx_.bool_val(false);
      if (element.op == Op::const_int) {
        if (element.imm >= 0 && static_cast<std::uint64_t>(element.imm) < set.members.size()) {
          t_has = set.members[static_cast<std::size_t>(element.imm)];
        }
      } else {
        std::vector<z3::expr> options;
        for (std::size_t i = 0; i < set.members.size(); ++i) {
          options.push_back(terms_[n.b].a == enum_value(element.type, static_cast<std::int64_t>(i)) && set.members[i]);
        }
        t_has = disj(ctx_, options);
      }
      if (!set.total || !terms_[n.b].total) {
        z3::expr defined = set.b && terms_[n.b].b;
        return bool_term(defined && t_has, defined && !t_has, false);
      }
      return bool_term(t_has, !t_has, true);
    }
    case Op::condition:
      return terms_[n.a];
  }
  throw std::logic_error("unknown node kind in the compiled program");
}

Encoder::Term Encoder::compare(const Node& n, const Term& x, const Term& y) {
  const Type& t = p_.types[p_.nodes[n.a].type];
  bool negate = n.op == Op::ne;
  if (t.kind == TypeKind::boolean) {
    if (n.op != Op::eq && n.op != Op::ne) throw std::logic_error("ordering on booleans");
    z3::expr same = (x.a && y.a) || (x.b && y.b);
    z3::expr differ = (x.a && y.b) || (x.b && y.a);
    bool total = x.total && y.total;
    if (total) {
      same = x.a == y.a;
      differ = !same;
    }
    return negate ? bool_term(differ, same, total) : bool_term(same, differ, total);
  }
  if (t.kind == TypeKind::integer) {
    z3::expr c = ctx_.bool_val(true);
    switch (n.op) {
      case Op::eq: c = x.a == y.a; break;
      case Op::ne: c = x.a != y.a; break;
      case Op::lt: c = x.a < y.a; break;
      case Op::le: c = x.a <= y.a; break;
      case Op::gt: c = x.a > y.a; break;
      default: c = x.a >= y.a; break;
    }
    if (x.total && y.total) return bool_term(c, !c, true);
    z3::expr defined = x.b && y.b;
    return bool_term(defined && c, defined && !c, false);
  }
  if (n.op != Op::eq && n.op != Op::ne) throw std::logic_error("ordering on enums or sets");
  z3::expr same = ctx_.bool_val(true);
  if (t.kind == TypeKind::enumeration) {
    same = x.a == y.a;
  } else {
    std::vector<z3::expr> eqs;
    for (std::size_t i = 0; i < x.members.size() && i < y.members.size(); ++i) eqs.push_back(x.members[i] == y.members[i]);
    same = conj(ctx_, eqs);
  }
  if (!x.total || !y.total) {
    z3::expr defined = x.b && y.b;
    return negate ? bool_term(defined && !same, defined && same, false) : bool_term(defined && same, defined && !same, false);
  }
  return negate ? bool_term(!same, same, true) : bool_term(same, !same, true);
}

Encoder::Term Encoder::arithmetic(const Node& n, const Term& x, const Term& y) {
  // Interval arithmetic decides statically whether the runtime's checked operation can
  // overflow; only then does the term carry a real definedness condition.
  bool overflow = false;
  std::int64_t lo = 0, hi = 0;
  z3::expr value = x.a;
  switch (n.op) {
    case Op::add:
      overflow = __builtin_add_overflow(x.lo, y.lo, &lo) || __builtin_add_overflow(x.hi, y.hi, &hi);
      value = x.a + y.a;
      break;
    case Op::sub:
      overflow = __builtin_sub_overflow(x.lo, y.hi, &lo) || __builtin_sub_overflow(x.hi, y.lo, &hi);
      value = x.a - y.a;
      break;
    default: {
      std::int64_t corners[4];
      overflow = __builtin_mul_overflow(x.lo, y.lo, &corners[0]) || __builtin_mul_overflow(x.lo, y.hi, &corners[1]) ||
                 __builtin_mul_overflow(x.hi, y.lo, &corners[2]) || __builtin_mul_overflow(x.hi, y.hi, &corners[3]);
      if (!overflow) {
        lo = *std::min_element(corners, corners + 4);
        hi = *std::max_element(corners, corners + 4);
      }
      value = x.a * y.a;
      break;
    }
  }
  bool total = x.total && y.total && !overflow;
  if (total) return Term{value, ctx_.bool_val(true), true, lo, hi, {}};
  z3::expr defined = x.b && y.b;
  if (overflow) {
    defined = defined && value >= ctx_.int_val(kMin) && value <= ctx_.int_val(kMax);
    lo = kMin;
    hi = kMax;
  }
  return Term{value, defined, false, lo, hi, {}};
}

void Encoder::encode_rules() {
  const FactVar& from = facts_[kFactFrom];
  const FactVar& to = facts_[kFactTo];
  for (const Policy& pol : p_.policies) {
    if (on_ != kNoDate && !pol.effective.in_force(on_)) {
      covers_.push_back(ctx_.bool_val(false));  // not in force: it covers no flow
    } else if (pol.sector < 0) {
      covers_.push_back(ctx_.bool_val(true));
    } else {
      z3::expr s = enum_value(p_.sector_type, pol.sector);
      covers_.push_back(from.value == s || to.value == s);
    }
  }
  for (const Rule& r : p_.rules) {
    if (on_ != kNoDate && !r.effective.in_force(on_)) {
      applies_.push_back(BoolTerm{ctx_.bool_val(false), ctx_.bool_val(true), true});  // as the runtime: not applying
      continue;
    }
    BoolTerm when = node_bool(r.when);
    z3::expr t = when.t, f = when.f;
    bool total = when.total;
    if (r.unless != kNone) {
      BoolTerm unless = node_bool(r.unless);
      t = t && unless.f;
      f = f || unless.t;
      total = total && unless.total;
    }
    const z3::expr& cov = covers_[r.policy];
    applies_.push_back(BoolTerm{cov && t, !cov || f, total});
  }
  for (const Rule& r : p_.rules) {
    std::vector<z3::expr> parts{applies_[&r - p_.rules.data()].t};
    // As the runtime's baseline: a beater whose condition is unknown does not override.
    for (std::uint32_t b : r.beaten_by) parts.push_back(!applies_[b].t);
    applied_.push_back(conj(ctx_, parts));
  }
}

void Encoder::encode_decisions() {
  for (const Policy& pol : p_.policies) {
    z3::expr dec = ctx_.int_val(effect_code(pol.default_effect));
    if (pol.combine == Combine::first) {
      for (std::uint32_t i = pol.rule_count; i-- > 0;) {
        std::uint32_t r = pol.first_rule + i;
        dec = z3::ite(applied_[r], ctx_.int_val(effect_code(p_.rules[r].effect)), dec);
      }
    } else {
      std::vector<z3::expr> any[3];
      for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
        std::uint32_t r = pol.first_rule + i;
        any[effect_code(p_.rules[r].effect)].push_back(applied_[r]);
      }
      for (int e = 0; e <= 2; ++e) {
        if (!any[e].empty()) dec = z3::ite(disj(ctx_, any[e]), ctx_.int_val(e), dec);
      }
    }
    decision_.push_back(dec);
  }
}

z3::expr Encoder::determinate(std::uint32_t policy) const {
  const Policy& pol = p_.policies[policy];
  std::vector<z3::expr> parts;
  for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
    const BoolTerm& a = applies_[pol.first_rule + i];
    if (!a.total) parts.push_back(a.t || a.f);
  }
  return conj(ctx_, parts);
}

z3::expr Encoder::share_contests(std::uint32_t policy) const {
  const Policy& pol = p_.policies[policy];
  if (pol.defers) return ctx_.bool_val(false);
  // Without deferring rules every share stands on its own; adding nothing keeps the
  // queries (and so the witnesses) of such policies exactly as they were.
  bool any_defers = false;
  for (std::uint32_t i = 0; i < pol.rule_count; ++i) any_defers = any_defers || p_.rules[pol.first_rule + i].defers;
  if (!any_defers) return ctx_.bool_val(true);
  std::vector<z3::expr> none_applied, standing;
  for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
    const std::uint32_t r = pol.first_rule + i;
    none_applied.push_back(!applied_[r]);
    if (p_.rules[r].effect == Effect::share && !p_.rules[r].defers) standing.push_back(applied_[r]);
  }
  standing.push_back(conj(ctx_, none_applied));
  return disj(ctx_, standing);
}

z3::expr Encoder::bundle_decision() const {
  std::vector<z3::expr> deny, refer, uncovered;
  for (std::size_t i = 0; i < p_.policies.size(); ++i) {
    deny.push_back(covers_[i] && decision_[i] == ctx_.int_val(2));
    refer.push_back(covers_[i] && decision_[i] == ctx_.int_val(1));
    uncovered.push_back(!covers_[i]);
  }
  // No covering policy: deny.
  deny.push_back(conj(ctx_, uncovered));
  return z3::ite(disj(ctx_, deny), ctx_.int_val(2), z3::ite(disj(ctx_, refer), ctx_.int_val(1), ctx_.int_val(0)));
}

z3::expr Encoder::bundle_determinate() const {
  std::vector<z3::expr> parts;
  for (std::size_t i = 0; i < p_.policies.size(); ++i) {
    z3::expr d = determinate(static_cast<std::uint32_t>(i));
    if (!d.is_true()) parts.push_back(!covers_[i] || d);
  }
  return conj(ctx_, parts);
}

z3::expr Encoder::bundle_obligation(std::uint32_t obligation) const {
  std::vector<z3::expr> carriers;
  for (std::size_t r = 0; r < p_.rules.size(); ++r) {
    const Rule& rule = p_.rules[r];
    if (rule.effect != Effect::share) continue;
    if (std::find(rule.requires_.begin(), rule.requires_.end(), obligation) == rule.requires_.end()) continue;
    carriers.push_back(applied_[r]);
  }
  return bundle_decision() == ctx_.int_val(0) && disj(ctx_, carriers);
}

}  // namespace proviso::analysis::internal
