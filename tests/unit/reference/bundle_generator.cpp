// Random bundles as trees (bundle_model.hpp): facts of every type including `from`,
// `to`, sector-typed facts and sets of sectors, enum values shared between enums,
// conditions over earlier conditions, arithmetic at the edges of 64 bits, and policies
// of up to a hundred rules with acyclic overrides.
#include <algorithm>
#include <limits>
#include <optional>

#include "reference/bundle_model.hpp"

namespace proviso::model {

int strictness(Effect e) {
  switch (e) {
    case Effect::share: return 1;
    case Effect::refer: return 2;
    case Effect::deny: return 3;
  }
  return 0;
}

const char* name_of(Effect e) {
  switch (e) {
    case Effect::share: return "share";
    case Effect::refer: return "refer";
    case Effect::deny: return "deny";
  }
  return "?";
}

std::uint32_t Generator::below(std::uint32_t n) {
  if (n <= 1) return 0;
  return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_);
}

namespace {

std::string numbered(const char* stem, std::uint32_t i) { return stem + std::to_string(i); }

}  // namespace

Bundle Generator::bundle() {
  Bundle b;
  static const char* sector_names[] = {"health", "housing", "education", "welfare", "police"};
  EnumType sectors{"sector", {}};
  for (std::uint32_t i = 0, n = 2 + below(4); i < n; ++i) sectors.values.push_back(sector_names[i]);
  b.enums.push_back(sectors);
  b.facts.push_back({"from", Kind::enumeration, 0, INT64_MIN, INT64_MAX, "sector", ""});
  b.facts.push_back({"to", Kind::enumeration, 0, INT64_MIN, INT64_MAX, "sector", ""});

  for (std::uint32_t t = 0, n = 1 + below(3); t < n; ++t) {
    EnumType e{numbered("kind", t), {}};
    for (std::uint32_t v = 0, k = 2 + below(4); v < k; ++v) {
      e.values.push_back("k" + std::to_string(t) + "_" + std::to_string(v));
    }
    // A value named like a sector: beside an operand of this enum it means this enum's
    // value (language.md 4.3), elsewhere the sector.
    if (percent(40)) e.values[below(static_cast<std::uint32_t>(e.values.size()))] = sectors.values[below(2)];
    b.enums.push_back(std::move(e));
  }
  if (percent(15)) {
    // 64 values: the widest enum a set may use, so the 64th member is the top bit.
    EnumType w{"wide64", {}};
    for (std::uint32_t v = 0; v < 64; ++v) w.values.push_back("x" + std::to_string(v));
    b.enums.push_back(std::move(w));
  }
  if (percent(15)) {
    // Past 64 values `in { ... }` cannot use one bitmask.
    EnumType w{"wide70", {}};
    for (std::uint32_t v = 0; v < 70; ++v) w.values.push_back("w" + std::to_string(v));
    b.enums.push_back(std::move(w));
  }
  const bool score = percent(50);
  if (score) b.extra_declarations = "type score = int (1 .. 5)\n";

  for (std::uint32_t i = 0, n = below(o_.max_obligations + 1); i < n; ++i) {
    // Out of alphabetical order, so that sorting by name shows.
    b.obligations.push_back(std::string(1, static_cast<char>('z' - below(26))) + "_ob" + std::to_string(i));
  }

  auto name = [&](const char* stem, std::uint32_t i) {
    std::string s = numbered(stem, i);
    return percent(20) ? "grp" + std::to_string(below(2)) + "." + s : s;
  };
  const std::uint32_t m = o_.max_facts_per_kind;
  for (std::uint32_t i = 0, n = 1 + below(m); i < n; ++i) {
    b.facts.push_back({name("b", i), Kind::boolean, 0, 0, 1, "bool", percent(50) ? "Is b" + std::to_string(i) + " so?" : ""});
  }
  for (std::uint32_t i = 0, n = below(m + 1); i < n; ++i) {
    FactDecl f{name("n", i), Kind::integer, 0, INT64_MIN, INT64_MAX, "int", ""};
    switch (below(4)) {
      case 0: break;
      case 1: f.lo = 0, f.hi = 100, f.type_text = "int (0 .. 100)"; break;
      case 2: f.lo = -50, f.hi = 1000, f.type_text = "int (-50 .. 1_000)"; break;
      default: f.lo = 1, f.hi = 5, f.type_text = score ? "score" : "int (1 .. 5)"; break;
    }
    b.facts.push_back(std::move(f));
  }
  for (std::uint32_t i = 0, n = below(m + 1); i < n; ++i) {
    FactDecl f{name("e", i), Kind::enumeration, 0, 0, 0, "", ""};
    if (percent(20)) {
      EnumType inline_enum{"", {}};
      for (std::uint32_t v = 0, k = 2 + below(3); v < k; ++v) {
        inline_enum.values.push_back("v" + std::to_string(i) + "_" + std::to_string(v));
      }
      f.type_text = "enum { ";
      for (std::size_t v = 0; v < inline_enum.values.size(); ++v) f.type_text += (v ? ", " : "") + inline_enum.values[v];
      f.type_text += " }";
      f.enum_type = static_cast<std::uint32_t>(b.enums.size());
      b.enums.push_back(std::move(inline_enum));
    } else {
      // Named enums, the sector enum included (a fact such as `partner: sector`).
      std::vector<std::uint32_t> named;
      for (std::uint32_t t = 0; t < b.enums.size(); ++t) {
        if (!b.enums[t].name.empty()) named.push_back(t);
      }
      f.enum_type = named[below(static_cast<std::uint32_t>(named.size()))];
      f.type_text = b.enums[f.enum_type].name;
    }
    b.facts.push_back(std::move(f));
  }
  for (std::uint32_t i = 0, n = below(m); i < n; ++i) {
    std::vector<std::uint32_t> fit;
    for (std::uint32_t t = 0; t < b.enums.size(); ++t) {
      if (!b.enums[t].name.empty() && b.enums[t].values.size() <= 64) fit.push_back(t);
    }
    FactDecl f{name("s", i), Kind::set, fit[below(static_cast<std::uint32_t>(fit.size()))], 0, 0, "", ""};
    f.type_text = "set of " + b.enums[f.enum_type].name;
    b.facts.push_back(std::move(f));
  }

  for (std::uint32_t i = 0, n = below(o_.max_conditions + 1); i < n; ++i) {
    Expr body = bool_expr(b, o_.max_depth);
    b.conditions.push_back({numbered("cond", i), std::move(body)});  // later ones may use it
  }

  static const Effect effects[] = {Effect::share, Effect::refer, Effect::deny};
  for (std::uint32_t p = 0, n = 1 + below(o_.max_policies); p < n; ++p) {
    Policy pol;
    pol.name = numbered("pol", p);
    if (percent(60)) pol.sector = below(static_cast<std::uint32_t>(sectors.values.size()));
    pol.write_default = percent(60);
    if (pol.write_default) pol.default_effect = effects[below(3)];
    pol.write_combine = percent(60);
    if (pol.write_combine) pol.first = percent(50);
    pol.defers = percent(10);
    const std::uint32_t rules = o_.min_rules + below(o_.max_rules - o_.min_rules + 1);
    std::optional<std::uint32_t> gate;
    if (percent(o_.gate_percent)) {
      auto bools = facts_of(b, Kind::boolean);
      gate = bools[below(static_cast<std::uint32_t>(bools.size()))];
    }
    // A rule overrides only rules of lower rank: acyclic whatever the source order.
    std::vector<std::uint32_t> rank(rules);
    for (std::uint32_t& r : rank) r = below(rules * 2);
    for (std::uint32_t r = 0; r < rules; ++r) {
      Rule rule;
      rule.name = numbered("r", r);
      // share most often: deny wins every strictest combination.
      const std::uint32_t draw = below(100);
      const std::uint32_t refer_until = o_.share_percent + (100 - o_.share_percent) * 2 / 5;
      rule.effect = draw < o_.share_percent ? Effect::share : draw < refer_until ? Effect::refer : Effect::deny;
      rule.when = bool_expr(b, o_.max_depth);
      if (gate) {
        Expr guarded;
        guarded.op = Expr::Op::and_;
        Expr g;
        g.op = Expr::Op::fact;
        g.index = *gate;
        guarded.kids.push_back(std::move(g));
        guarded.kids.push_back(std::move(rule.when));
        rule.when = std::move(guarded);
      }
      if (percent(30)) rule.unless = bool_expr(b, o_.max_depth > 0 ? o_.max_depth - 1 : 0);
      if (rule.effect == Effect::share && !b.obligations.empty() && percent(o_.require_percent)) {
        const auto k = static_cast<std::uint32_t>(b.obligations.size());
        for (std::uint32_t j = 0, c = 1 + below(k); j < c; ++j) {
          std::uint32_t o = (p + r + j) % k;
          if (std::find(rule.requires_.begin(), rule.requires_.end(), o) == rule.requires_.end()) rule.requires_.push_back(o);
        }
      }
      rule.defers = rule.effect == Effect::share && percent(15);
      for (std::uint32_t s = 0; s < rules && rule.overrides.size() < o_.max_overrides; ++s) {
        if (rank[s] < rank[r] && percent(o_.override_percent)) rule.overrides.push_back(s);
      }
      pol.rules.push_back(std::move(rule));
    }
    b.policies.push_back(std::move(pol));
  }
  return b;
}

std::vector<std::uint32_t> Generator::facts_of(const Bundle& b, Kind k) const {
  std::vector<std::uint32_t> r;
  for (std::uint32_t i = 0; i < b.facts.size(); ++i) {
    if (b.facts[i].kind == k) r.push_back(i);
  }
  return r;
}

std::int64_t Generator::literal() {
  if (percent(o_.extreme_percent)) {
    switch (below(4)) {
      case 0: return std::numeric_limits<std::int64_t>::max();
      case 1: return std::numeric_limits<std::int64_t>::min();
      case 2: return std::int64_t{1} << 62;
      default: return 1000;
    }
  }
  return static_cast<std::int64_t>(below(130)) - 10;
}

namespace {

Expr leaf(Expr::Op op, std::uint32_t index = 0) {
  Expr e;
  e.op = op;
  e.index = index;
  return e;
}

Expr node(Expr::Op op, std::vector<Expr> kids) {
  Expr e;
  e.op = op;
  e.kids = std::move(kids);
  return e;
}

Expr number(std::int64_t v) {
  Expr e;
  e.op = Expr::Op::number;
  e.number = v;
  return e;
}

}  // namespace

Expr Generator::int_expr(const Bundle& b, std::uint32_t depth) {
  auto ints = facts_of(b, Kind::integer);
  std::uint32_t choice = depth == 0 ? below(2) : below(5);
  if (ints.empty() && choice == 0) choice = 1;
  switch (choice) {
    case 0: return leaf(Expr::Op::fact, ints[below(static_cast<std::uint32_t>(ints.size()))]);
    case 1: return number(literal());
    case 2:
    case 3: {
      Expr e = node(choice == 2 ? Expr::Op::add : Expr::Op::sub, {int_expr(b, depth - 1), int_expr(b, depth - 1)});
      e.parenthesise = percent(10);
      return e;
    }
    default: {
      // Linear: one side of `*` is a literal written right there (language.md 4.4).
      Expr lit = number(literal());
      Expr other = int_expr(b, depth - 1);
      return percent(50) ? node(Expr::Op::mul, {std::move(lit), std::move(other)})
                         : node(Expr::Op::mul, {std::move(other), std::move(lit)});
    }
  }
}

Expr Generator::bool_atom(const Bundle& b, std::uint32_t depth) {
  auto bools = facts_of(b, Kind::boolean);
  auto any_bool = [&] { return leaf(Expr::Op::fact, bools[below(static_cast<std::uint32_t>(bools.size()))]); };
  switch (below(depth == 0 ? 3 : 4)) {
    case 0: return any_bool();
    case 1:
      if (!b.conditions.empty()) return leaf(Expr::Op::condition, below(static_cast<std::uint32_t>(b.conditions.size())));
      return any_bool();
    case 2:
      // Constants are rare: they make whole rules trivially true or false.
      if (percent(30)) return leaf(percent(50) ? Expr::Op::literal_true : Expr::Op::literal_false);
      return any_bool();
    default: {
      Expr e = bool_expr(b, depth - 1);
      e.parenthesise = true;
      return e;
    }
  }
}

Expr Generator::bool_expr(const Bundle& b, std::uint32_t depth) {
  if (depth == 0) return percent(70) ? bool_atom(b, 0) : comparison(b, 0);
  switch (below(8)) {
    case 0:
    case 1:
    case 2: {
      std::vector<Expr> kids;
      for (std::uint32_t i = 0, n = 2 + below(2); i < n; ++i) kids.push_back(bool_expr(b, depth - 1));
      return node(below(3) == 0 ? Expr::Op::or_ : Expr::Op::and_, std::move(kids));
    }
    case 3: return node(Expr::Op::not_, {bool_expr(b, depth - 1)});
    case 4:
    case 5: return comparison(b, depth - 1);
    default: return bool_atom(b, depth - 1);
  }
}

// A value of enum `type` or a fact of it (from and to are facts of the sector enum).
Expr Generator::enum_operand(const Bundle& b, std::uint32_t type) {
  Expr v = leaf(Expr::Op::enum_value, below(static_cast<std::uint32_t>(b.enums[type].values.size())));
  v.enum_type = type;
  return v;
}

Expr Generator::comparison(const Bundle& b, std::uint32_t depth) {
  static const Expr::Op int_ops[] = {Expr::Op::eq, Expr::Op::ne, Expr::Op::lt, Expr::Op::le, Expr::Op::gt, Expr::Op::ge};
  auto enums = facts_of(b, Kind::enumeration);  // from and to included
  auto sets = facts_of(b, Kind::set);
  auto same_type = [&](std::uint32_t f) {
    std::vector<std::uint32_t> r;
    for (std::uint32_t g : enums) {
      if (g != f && b.facts[g].enum_type == b.facts[f].enum_type) r.push_back(g);
    }
    return r;
  };
  switch (below(7)) {
    case 0:
    case 1: return node(int_ops[below(6)], {int_expr(b, depth), int_expr(b, depth)});
    case 2: {
      // `e == v`, `v != e`, `e == g`, `from == to`, `partner != from`.
      const std::uint32_t f = enums[below(static_cast<std::uint32_t>(enums.size()))];
      Expr lhs = leaf(Expr::Op::fact, f);
      Expr rhs = enum_operand(b, b.facts[f].enum_type);
      auto others = same_type(f);
      if (!others.empty() && percent(40)) rhs = leaf(Expr::Op::fact, others[below(static_cast<std::uint32_t>(others.size()))]);
      const Expr::Op op = percent(50) ? Expr::Op::eq : Expr::Op::ne;
      if (percent(25)) return node(op, {std::move(rhs), std::move(lhs)});
      return node(op, {std::move(lhs), std::move(rhs)});
    }
    case 3: {
      const std::uint32_t f = enums[below(static_cast<std::uint32_t>(enums.size()))];
      const auto n = static_cast<std::uint32_t>(b.enums[b.facts[f].enum_type].values.size());
      Expr e = node(Expr::Op::in_list, {leaf(Expr::Op::fact, f)});
      for (std::uint32_t i = 0, k = 1 + below(std::min<std::uint32_t>(6, n)); i < k; ++i) {
        // The last value of a wide enum now and then: the far end of the encoding.
        const std::uint32_t v = percent(15) ? n - 1 : below(n);
        if (std::find(e.list.begin(), e.list.end(), v) == e.list.end()) e.list.push_back(v);
      }
      return e;
    }
    case 4:
      if (!sets.empty()) {
        const std::uint32_t s = sets[below(static_cast<std::uint32_t>(sets.size()))];
        const std::uint32_t t = b.facts[s].enum_type;
        Expr member = enum_operand(b, t);
        if (percent(15)) member.index = static_cast<std::uint32_t>(b.enums[t].values.size()) - 1;  // the top bit
        for (std::uint32_t g : enums) {
          if (b.facts[g].enum_type == t && percent(30)) member = leaf(Expr::Op::fact, g);  // `to in partners`
        }
        return node(Expr::Op::in_set, {std::move(member), leaf(Expr::Op::fact, s)});
      }
      break;
    case 5:
      if (sets.size() >= 2) {
        const std::uint32_t s = sets[below(static_cast<std::uint32_t>(sets.size()))];
        for (std::uint32_t g : sets) {
          if (g != s && b.facts[g].enum_type == b.facts[s].enum_type) {
            return node(percent(50) ? Expr::Op::eq : Expr::Op::ne, {leaf(Expr::Op::fact, s), leaf(Expr::Op::fact, g)});
          }
        }
      }
      break;
    default: break;
  }
  // Two truth values compared.
  return node(percent(50) ? Expr::Op::eq : Expr::Op::ne, {bool_atom(b, depth), bool_atom(b, depth)});
}

std::int64_t Generator::value_of(const Bundle& b, const FactDecl& f) {
  switch (f.kind) {
    case Kind::boolean: return below(2);
    case Kind::enumeration: return below(static_cast<std::uint32_t>(b.enums[f.enum_type].values.size()));
    case Kind::set: {
      const std::size_t n = b.enums[f.enum_type].values.size();
      const std::uint64_t mask = n >= 64 ? ~0ull : (1ull << n) - 1;
      return static_cast<std::int64_t>(rng_() & mask);
    }
    case Kind::integer: {
      std::int64_t v = 0;
      switch (below(8)) {
        case 0: v = f.lo; break;
        case 1: v = f.hi; break;
        case 2: v = 0; break;
        case 3: v = static_cast<std::int64_t>(rng_()); break;
        default: {
          const std::int64_t lo = std::max<std::int64_t>(f.lo, -20), hi = std::min<std::int64_t>(f.hi, 120);
          v = lo >= hi ? lo : lo + static_cast<std::int64_t>(below(static_cast<std::uint32_t>(hi - lo + 1)));
        }
      }
      return std::clamp(v, f.lo, f.hi);
    }
  }
  return 0;
}

Facts Generator::scenario(const Bundle& b, std::uint32_t known_percent) {
  Facts f(b.facts.size());
  for (std::uint32_t i = 0; i < b.facts.size(); ++i) {
    // `from` and `to` are nearly always given: flows are named before questions asked.
    if (percent(i < 2 ? 97 : known_percent)) f[i] = value_of(b, b.facts[i]);
  }
  return f;
}

bool Generator::reveal_one(const Bundle& b, Facts& f) {
  std::vector<std::uint32_t> unknown;
  for (std::uint32_t i = 0; i < f.size(); ++i) {
    if (!f[i]) unknown.push_back(i);
  }
  if (unknown.empty()) return false;
  const std::uint32_t i = unknown[below(static_cast<std::uint32_t>(unknown.size()))];
  f[i] = value_of(b, b.facts[i]);
  return true;
}

}  // namespace proviso::model
