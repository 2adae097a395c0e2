#include "analysis/random_program.hpp"

#include <limits>
#include <random>
#include <vector>

#include "support/program_builder.hpp"

namespace proviso::test {

namespace {

class Generator {
 public:
  Generator(std::uint32_t seed, const RandomShape& shape)
      : rng_(seed), shape_(shape), b_({"health", "housing", "education"}) {}

  Program run() {
    int facts = pick(shape_.min_facts, shape_.max_facts);
    for (int i = 0; i < facts; ++i) add_fact(i);
    b_.obligation("audit");
    b_.obligation("pseudonymise");
    int policies = pick(1, shape_.max_policies);
    for (int p = 0; p < policies; ++p) add_policy(p);
    Program out = b_.build();
    if (shape_.defers > 0) add_defers(out);  // draws nothing otherwise: older seeds keep their programs
    return out;
  }

 private:
  int pick(int lo, int hi) { return lo + static_cast<int>(rng_() % static_cast<std::uint32_t>(hi - lo + 1)); }
  bool chance(int percent) { return pick(1, 100) <= percent; }

  void add_fact(int i) {
    std::string name = "f" + std::to_string(i);
    switch (pick(0, 3)) {
      case 0:
        bools_.push_back(b_.fact(name, b_.bool_type()));
        break;
      case 1: {
        int n = pick(2, 3);
        std::vector<std::string> values{"red", "green", "blue"};
        values.resize(static_cast<std::size_t>(n));
        std::uint32_t t = b_.enum_type("colour" + std::to_string(i), values);
        enums_.push_back({b_.fact(name, t), t, n});
        break;
      }
      case 2: {
        if (shape_.unbounded_ints) {
          ints_.push_back({b_.fact(name, b_.int_type()), 0, 0});
          break;
        }
        std::int64_t lo = pick(-2, 0);
        std::int64_t hi = lo + pick(2, 3);
        ints_.push_back({b_.fact(name, b_.int_type(lo, hi)), lo, hi});
        break;
      }
      default: {
        if (tags_ == kNone) tags_ = b_.enum_type("tag", {"a", "b"});
        sets_.push_back(b_.fact(name, b_.set_type(tags_)));
        break;
      }
    }
  }

  std::uint32_t atom() {
    for (;;) {
      switch (pick(0, 9)) {
        case 0:
          if (bools_.empty()) break;
          return b_.f(bools_[static_cast<std::size_t>(pick(0, static_cast<int>(bools_.size()) - 1))]);
        case 1:
        case 2: {
          if (enums_.empty()) break;
          const auto& e = enums_[static_cast<std::size_t>(pick(0, static_cast<int>(enums_.size()) - 1))];
          std::uint32_t x = b_.f(e.fact);
          if (chance(50)) {
            return b_.in_values(x, static_cast<std::uint64_t>(pick(1, (1 << e.size) - 1)));
          }
          return b_.cmp(chance(70) ? Op::eq : Op::ne, x, b_.constant(e.type, pick(0, e.size - 1)));
        }
        case 3:
        case 4: {
          if (ints_.empty()) break;
          const auto& v = ints_[static_cast<std::size_t>(pick(0, static_cast<int>(ints_.size()) - 1))];
          std::uint32_t x = b_.f(v.fact);
          std::int64_t lo = v.lo, hi = v.hi;
          if (chance(30) && ints_.size() > 1) {
            const auto& w = ints_[static_cast<std::size_t>(pick(0, static_cast<int>(ints_.size()) - 1))];
            x = b_.arith(chance(50) ? Op::add : Op::sub, x, b_.f(w.fact));
            lo -= 3;
            hi += 3;
          } else if (chance(shape_.unbounded_ints ? 50 : 20)) {
            x = b_.arith(Op::mul, b_.constant(b_.int_type(), pick(-2, 3)), x);
          }
          static const Op ops[] = {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge};
          std::int64_t value = pick(static_cast<int>(lo) - 1, static_cast<int>(hi) + 1);
          if (shape_.unbounded_ints) {
            // Near zero and near the edges, where the runtime's overflow rule bites.
            static const std::int64_t edges[] = {0, 1, -1, 5, std::numeric_limits<std::int64_t>::max(),
                                                 std::numeric_limits<std::int64_t>::min(),
                                                 std::numeric_limits<std::int64_t>::max() / 2,
                                                 std::numeric_limits<std::int64_t>::min() / 2};
            value = edges[pick(0, 7)];
          }
          std::uint32_t c = b_.constant(b_.int_type(), value);
          return chance(20) ? b_.cmp(ops[pick(0, 5)], c, x) : b_.cmp(ops[pick(0, 5)], x, c);
        }
        case 5: {
          if (sets_.empty()) break;
          std::uint32_t s = b_.f(sets_[static_cast<std::size_t>(pick(0, static_cast<int>(sets_.size()) - 1))]);
          return b_.has(s, b_.constant(tags_, pick(0, 1)));
        }
        case 6:
        case 7: {
          std::uint32_t flow = b_.f(chance(50) ? kFactFrom : kFactTo);
          if (chance(50)) return b_.cmp(Op::eq, flow, b_.constant(b_.sector_type(), pick(0, 2)));
          return b_.in_values(flow, static_cast<std::uint64_t>(pick(1, 6)));
        }
        case 8:
          if (!conditions_.empty() && chance(70)) {
            return conditions_[static_cast<std::size_t>(pick(0, static_cast<int>(conditions_.size()) - 1))];
          }
          break;
        default:
          if (chance(25)) return b_.lit(chance(50));
          break;
      }
    }
  }

  std::uint32_t expr(int depth) {
    if (depth == 0 || chance(35)) return atom();
    switch (pick(0, 4)) {
      case 0:
        return b_.neg(expr(depth - 1));
      case 1: {
        std::uint32_t c = b_.condition("c" + std::to_string(conditions_.size()), expr(depth - 1));
        conditions_.push_back(c);
        return c;
      }
      default: {
        std::vector<std::uint32_t> xs;
        int n = pick(2, 3);
        for (int i = 0; i < n; ++i) xs.push_back(expr(depth - 1));
        return chance(50) ? b_.all(xs) : b_.any(xs);
      }
    }
  }

  // As lowering does: a deferring policy's share rules all defer; a refer or deny never does.
  void add_defers(Program& p) {
    for (Policy& pol : p.policies) {
      pol.defers = chance(shape_.defers / 2);
      for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
        Rule& rule = p.rules[r];
        rule.defers = rule.effect == Effect::share && (pol.defers || chance(shape_.defers));
      }
    }
  }

  void add_policy(int index) {
    std::int32_t sector = chance(40) ? -1 : pick(0, 2);
    auto effect = static_cast<Effect>(pick(0, 2));
    const bool strictest = chance(50) || !shape_.combine_first;  // draws the same either way
    b_.policy("p" + std::to_string(index), sector, effect, strictest ? Combine::strictest : Combine::first);
    int rules = pick(shape_.min_rules, shape_.max_rules);
    std::vector<int> rank;
    for (int i = 0; i < rules; ++i) rank.push_back(pick(0, 1000));
    for (int i = 0; i < rules; ++i) {
      auto e = static_cast<Effect>(pick(0, 2));
      std::uint32_t when = expr(shape_.depth);
      std::uint32_t unless = chance(25) ? expr(1) : kNone;
      // Overrides follow a random rank, so the relation is acyclic.
      std::vector<std::string> overrides;
      for (int j = 0; j < rules; ++j) {
        if (j != i && rank[static_cast<std::size_t>(j)] < rank[static_cast<std::size_t>(i)] && chance(30)) {
          overrides.push_back("r" + std::to_string(j));
        }
      }
      std::vector<std::string> requires_;
      if (e == Effect::share && chance(40)) requires_.push_back(chance(50) ? "audit" : "pseudonymise");
      b_.rule("r" + std::to_string(i), e, when).unless(unless).beats(overrides).require(requires_);
    }
  }

  struct EnumFact { std::uint32_t fact, type; int size; };
  struct IntFact { std::uint32_t fact; std::int64_t lo, hi; };

  std::mt19937 rng_;
  RandomShape shape_;
  ProgramBuilder b_;
  std::vector<std::uint32_t> bools_, sets_, conditions_;
  std::vector<EnumFact> enums_;
  std::vector<IntFact> ints_;
  std::uint32_t tags_ = kNone;
};

std::string expr_text(const Program& p, std::uint32_t id) {
  const Node& n = p.nodes[id];
  auto bin = [&](std::string_view op) { return "(" + expr_text(p, n.a) + " " + std::string(op) + " " + expr_text(p, n.b) + ")"; };
  switch (n.op) {
    case Op::const_bool: return n.imm ? "true" : "false";
    case Op::const_int: return format_value(p, n.type, n.imm);
    case Op::fact: return p.facts[n.a].name;
    case Op::and_:
    case Op::or_: {
      std::string out = "(";
      for (std::uint32_t i = 0; i < n.b; ++i) {
        if (i > 0) out += n.op == Op::and_ ? " and " : " or ";
        out += expr_text(p, p.operands[n.a + i]);
      }
      return out + ")";
    }
    case Op::not_: return "not " + expr_text(p, n.a);
    case Op::in_values: {
      const Type& t = p.types[p.nodes[n.a].type];
      std::string out = expr_text(p, n.a) + " in {";
      for (std::size_t i = 0; i < t.values.size(); ++i) {
        if ((static_cast<std::uint64_t>(n.imm) >> i) & 1u) out += t.values[i] + " ";
      }
      return out + "}";
    }
    case Op::has: return "(" + expr_text(p, n.b) + " in " + expr_text(p, n.a) + ")";
    case Op::condition: return p.conditions[n.label].name + "=" + expr_text(p, n.a);
    default: return bin(to_string(n.op));
  }
}

}  // namespace

Program random_program(std::uint32_t seed, const RandomShape& shape) { return Generator(seed, shape).run(); }

std::string describe(const Program& p) {
  std::string out;
  for (std::size_t f = 2; f < p.facts.size(); ++f) out += "fact " + p.facts[f].name + ": " + p.types[p.facts[f].type].name + "\n";
  for (const Policy& pol : p.policies) {
    out += "policy " + pol.name + " sector " + (pol.sector < 0 ? "-" : p.types[p.sector_type].values[static_cast<std::size_t>(pol.sector)]) +
           " default " + std::string(to_string(pol.default_effect)) + " combine " + std::string(to_string(pol.combine)) +
           (pol.defers ? " defers" : "") + "\n";
    for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
      const Rule& r = p.rules[pol.first_rule + i];
      out += "  rule " + r.name + ": " + std::string(to_string(r.effect)) + " when " + expr_text(p, r.when);
      if (r.unless != kNone) out += " unless " + expr_text(p, r.unless);
      if (!r.overrides.empty()) {
        out += " overrides";
        for (std::uint32_t o : r.overrides) out += " " + p.rules[o].name;
      }
      if (r.defers) out += " defers";
      out += "\n";
    }
  }
  return out;
}

}  // namespace proviso::test
