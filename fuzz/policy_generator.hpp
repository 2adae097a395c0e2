#pragma once
// A generator of random, valid Proviso policy text and of scenarios for the program it
// compiles to. It is shared by the eval_fuzz target (choices drawn from the fuzzer's
// bytes) and the differential test (choices drawn from a seeded PRNG), so both explore
// the same language: facts of every type, conditions over earlier conditions, rules with
// when/unless/require/overrides/defers, policies with and without sectors, both combine modes
// and every default.
//
// Expressions are printed with the fewest parentheses the precedence of language.md §4
// allows (sometimes a few more), so the parser's precedence handling is exercised too.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::gen {

// The source of every decision the generator makes.
class Choices {
 public:
  virtual ~Choices() = default;
  // A number in [0, n); 0 when n <= 1.
  virtual std::uint32_t below(std::uint32_t n) = 0;
  virtual std::int64_t any_int() = 0;
  bool percent(std::uint32_t p) { return below(100) < p; }
};

class PrngChoices final : public Choices {
 public:
  explicit PrngChoices(std::uint64_t seed) : rng_(seed) {}
  std::uint32_t below(std::uint32_t n) override {
    if (n <= 1) return 0;
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_);
  }
  std::int64_t any_int() override { return static_cast<std::int64_t>(rng_()); }

 private:
  std::mt19937_64 rng_;
};

struct GeneratorOptions {
  std::uint32_t max_facts_per_kind = 3;
  std::uint32_t max_conditions = 4;
  std::uint32_t max_policies = 3;
  std::uint32_t max_rules = 6;
  std::uint32_t max_depth = 3;
};

class PolicyGenerator {
 public:
  PolicyGenerator(Choices& c, GeneratorOptions o = {}) : c_(c), o_(o) {}

  std::string generate() {
    out_.clear();
    amendments_.clear();
    declare_sectors();
    declare_types();
    declare_obligations();
    declare_facts();
    declare_conditions();
    declare_constraints();
    declare_policies();
    out_ += amendments_;
    return out_;
  }

 private:
  enum Prec { kOr = 1, kAnd = 2, kNot = 3, kCmp = 4, kSum = 5, kTerm = 6, kAtom = 7 };
  struct Text {
    std::string s;
    int prec;
  };
  enum class Kind { boolean, integer, enumeration, set };
  struct EnumType {
    std::string name;  // empty: declared inline on its fact
    std::vector<std::string> values;
  };
  struct FactModel {
    std::string name;
    Kind kind;
    std::uint32_t enum_type = 0;  // enumeration and set
  };

  static std::string wrap(const Text& t, int need) { return t.prec >= need ? t.s : "(" + t.s + ")"; }
  std::string pick(const std::vector<std::string>& v) { return v[c_.below(static_cast<std::uint32_t>(v.size()))]; }

  void declare_sectors() {
    static const std::vector<std::string> all{"health", "housing", "education", "welfare", "police"};
    sectors_.assign(all.begin(), all.begin() + 2 + c_.below(4));
    out_ += "sectors { ";
    for (std::size_t i = 0; i < sectors_.size(); ++i) out_ += (i ? ", " : "") + sectors_[i];
    out_ += " }\n";
  }

  void declare_types() {
    std::uint32_t n = 1 + c_.below(3);
    for (std::uint32_t t = 0; t < n; ++t) {
      EnumType e{"kind" + std::to_string(t), {}};
      std::uint32_t values = 2 + c_.below(4);
      for (std::uint32_t v = 0; v < values; ++v) e.values.push_back("k" + std::to_string(t) + "_" + std::to_string(v));
      out_ += "type " + e.name + " = enum { ";
      for (std::size_t v = 0; v < e.values.size(); ++v) out_ += (v ? ", " : "") + e.values[v];
      out_ += " }\n";
      enums_.push_back(std::move(e));
    }
    if (c_.percent(15)) {
      // Past 64 values an enum no longer fits the bitmask of `in { ... }`, so lowering
      // takes another road; sets may not use it (they are 64-bit masks).
      EnumType big{"wide", {}};
      for (std::uint32_t v = 0; v < 70; ++v) big.values.push_back("w" + std::to_string(v));
      out_ += "type wide = enum { ";
      for (std::size_t v = 0; v < big.values.size(); ++v) out_ += (v ? ", " : "") + big.values[v];
      out_ += " }\n";
      enums_.push_back(std::move(big));
    }
    if (c_.percent(50)) {
      out_ += "type score = int (1 .. 5)\n";
      has_score_ = true;
    }
  }

  void declare_obligations() {
    std::uint32_t n = c_.below(4);
    for (std::uint32_t i = 0; i < n; ++i) {
      // Names out of alphabetical order, so sorting by name is visible.
      obligations_.push_back(std::string(1, static_cast<char>('z' - c_.below(26))) + "_ob" + std::to_string(i));
      out_ += "obligation " + obligations_.back() + " \"Obligation " + std::to_string(i) + "\"\n";
    }
  }

  std::string fact_name(const char* stem, std::uint32_t i) {
    std::string n = std::string(stem) + std::to_string(i);
    return c_.percent(20) ? "grp" + std::to_string(c_.below(2)) + "." + n : n;
  }

  void declare_facts() {
    const std::uint32_t m = o_.max_facts_per_kind;
    for (std::uint32_t i = 0, n = 1 + c_.below(m); i < n; ++i) {
      facts_.push_back({fact_name("b", i), Kind::boolean});
      out_ += "fact " + facts_.back().name + ": bool";
      if (c_.percent(50)) out_ += " \"Is b" + std::to_string(i) + " so?\"";
      out_ += "\n";
    }
    for (std::uint32_t i = 0, n = c_.below(m + 1); i < n; ++i) {
      facts_.push_back({fact_name("n", i), Kind::integer});
      out_ += "fact " + facts_.back().name + ": ";
      switch (c_.below(4)) {
        case 0: out_ += "int"; break;
        case 1: out_ += "int (0 .. 100)"; break;
        case 2: out_ += "int (-50 .. 1_000)"; break;
        default: out_ += has_score_ ? "score" : "int (1 .. 5)"; break;
      }
      out_ += "\n";
    }
    for (std::uint32_t i = 0, n = c_.below(m + 1); i < n; ++i) {
      FactModel f{fact_name("e", i), Kind::enumeration, 0};
      if (c_.percent(25)) {
        EnumType inline_enum{"", {}};
        for (std::uint32_t v = 0, k = 2 + c_.below(3); v < k; ++v) {
          inline_enum.values.push_back("v" + std::to_string(i) + "_" + std::to_string(v));
        }
        out_ += "fact " + f.name + ": enum { ";
        for (std::size_t v = 0; v < inline_enum.values.size(); ++v) out_ += (v ? ", " : "") + inline_enum.values[v];
        out_ += " }\n";
        f.enum_type = static_cast<std::uint32_t>(enums_.size());
        enums_.push_back(std::move(inline_enum));
      } else {
        f.enum_type = named_enum();
        out_ += "fact " + f.name + ": " + enums_[f.enum_type].name + "\n";
      }
      facts_.push_back(std::move(f));
    }
    for (std::uint32_t i = 0, n = c_.below(m); i < n; ++i) {
      FactModel f{fact_name("s", i), Kind::set, named_enum(true)};
      out_ += "fact " + f.name + ": set of " + enums_[f.enum_type].name + "\n";
      facts_.push_back(std::move(f));
    }
  }

  std::uint32_t named_enum(bool for_set = false) {
    std::vector<std::uint32_t> named;
    for (std::uint32_t i = 0; i < enums_.size(); ++i) {
      if (!enums_[i].name.empty() && !(for_set && enums_[i].values.size() > 64)) named.push_back(i);
    }
    return named[c_.below(static_cast<std::uint32_t>(named.size()))];
  }

  void declare_conditions() {
    for (std::uint32_t i = 0, n = c_.below(o_.max_conditions + 1); i < n; ++i) {
      std::string name = "cond" + std::to_string(i);
      out_ += "condition " + name + " = " + bool_expr(o_.max_depth).s;
      if (c_.percent(40)) out_ += "\n  \"Condition " + std::to_string(i) + "\"";
      if (c_.percent(20)) out_ += " cite \"Guidance " + std::to_string(i) + "\"";
      out_ += "\n";
      conditions_.push_back(std::move(name));  // only later declarations may use it: no cycles
    }
  }

  // Constraints over the facts and conditions: scenarios that make one false are refused
  // (Result::violated), which the reference computes on its own.
  void declare_constraints() {
    for (std::uint32_t i = 0, n = c_.percent(30) ? 1 + c_.below(2) : 0; i < n; ++i) {
      out_ += "constraint k" + std::to_string(i) + " = " + bool_expr(2).s + "\n";
    }
  }

  // `effective from D`, `until D` or both, `until` never before `from`.
  std::string effective() {
    const Day a = day_from_civil(2024, 1, 1) + static_cast<Day>(c_.below(3 * 365));
    const Day b = a + static_cast<Day>(c_.below(400));
    switch (c_.below(3)) {
      case 0: return "effective from " + format_date(a);
      case 1: return "effective until " + format_date(b);
      default: return "effective from " + format_date(a) + " until " + format_date(b);
    }
  }

  void declare_policies() {
    static const char* effects[] = {"share", "refer", "deny"};
    for (std::uint32_t p = 0, n = 1 + c_.below(o_.max_policies); p < n; ++p) {
      out_ += "policy pol" + std::to_string(p) + " {\n";
      if (c_.percent(60)) out_ += "  sector " + pick(sectors_) + "\n";
      if (c_.percent(60)) out_ += std::string("  default ") + effects[c_.below(3)] + "\n";
      if (c_.percent(60)) out_ += std::string("  combine ") + (c_.percent(50) ? "strictest" : "first") + "\n";
      if (c_.percent(10)) out_ += "  defers\n";
      if (c_.percent(15)) out_ += "  " + effective() + "\n";
      // Some of the last rules go into an `amend policy` block after every policy.
      std::string own, amended;
      std::uint32_t rules = 1 + c_.below(o_.max_rules);
      // A random rank per rule; a rule only overrides rules of lower rank, so the
      // relation is acyclic whatever the source order.
      std::vector<std::uint32_t> rank(rules);
      for (std::uint32_t r = 0; r < rules; ++r) rank[r] = c_.below(rules * 2);
      for (std::uint32_t r = 0; r < rules; ++r) {
        // share is drawn most often: deny wins every strictest combination, so an even
        // draw would make most bundles deny.
        const std::uint32_t draw = c_.below(10);
        const char* effect = effects[draw < 5 ? 0 : draw < 7 ? 1 : 2];
        std::string& rule = rules > 1 && r == rules - 1 && c_.percent(25) ? amended : own;
        std::string saved;
        saved.swap(out_);
        out_ += "  rule r" + std::to_string(r) + ": " + effect + "\n    when " + bool_expr(o_.max_depth).s + "\n";
        if (c_.percent(30)) out_ += "    unless " + bool_expr(o_.max_depth - 1).s + "\n";
        if (c_.percent(15)) out_ += "    " + effective() + "\n";
        if (std::string(effect) == "share" && !obligations_.empty() && c_.percent(60)) {
          out_ += "    require ";
          std::uint32_t k = 1 + c_.below(static_cast<std::uint32_t>(obligations_.size()));
          for (std::uint32_t j = 0; j < k; ++j) out_ += (j ? ", " : "") + obligations_[(p + r + j) % obligations_.size()];
          out_ += "\n";
        }
        if (c_.percent(20)) out_ += "    because \"Reason " + std::to_string(r) + "\"\n";
        if (std::string(effect) == "share" && c_.percent(15)) out_ += "    defers\n";
        std::vector<std::string> beaten;
        for (std::uint32_t s = 0; s < rules; ++s) {
          if (rank[s] < rank[r] && c_.percent(35)) beaten.push_back("r" + std::to_string(s));
        }
        if (!beaten.empty()) {
          out_ += "    overrides ";
          for (std::size_t j = 0; j < beaten.size(); ++j) out_ += (j ? ", " : "") + beaten[j];
          out_ += "\n";
        }
        rule += out_;
        out_.swap(saved);
      }
      out_ += own + "}\n";
      if (!amended.empty()) amendments_ += "amend policy pol" + std::to_string(p) + " {\n" + amended + "}\n";
    }
  }

  std::vector<const FactModel*> facts_of(Kind k) const {
    std::vector<const FactModel*> r;
    for (const FactModel& f : facts_) {
      if (f.kind == k) r.push_back(&f);
    }
    return r;
  }

  std::string literal() {
    switch (c_.below(12)) {
      case 0: return "9_223_372_036_854_775_807";
      case 1: return "-9223372036854775808";
      case 2: return "4_611_686_018_427_387_904";
      case 3: return "1_000";
      default: return std::to_string(static_cast<std::int64_t>(c_.below(130)) - 10);
    }
  }

  Text int_expr(std::uint32_t depth) {
    auto ints = facts_of(Kind::integer);
    std::uint32_t choice = depth == 0 ? c_.below(2) : c_.below(5);
    if (ints.empty() && choice == 0) choice = 1;
    switch (choice) {
      case 0: return {ints[c_.below(static_cast<std::uint32_t>(ints.size()))]->name, kAtom};
      case 1: {
        std::string lit = literal();
        return {lit, lit[0] == '-' ? kSum : kAtom};  // "-5" after an operator reads badly: parenthesise
      }
      case 2:
      case 3: {
        Text l = int_expr(depth - 1), r = int_expr(depth - 1);
        return {wrap(l, kSum) + (choice == 2 ? " + " : " - ") + wrap(r, kTerm), kSum};
      }
      default: {
        Text lit{literal(), kAtom};
        if (lit.s[0] == '-') lit.prec = kSum;
        Text other = int_expr(depth - 1);
        if (c_.percent(50)) return {wrap(lit, kAtom) + " * " + wrap(other, kAtom), kTerm};
        return {wrap(other, kTerm) + " * " + wrap(lit, kAtom), kTerm};
      }
    }
  }

  Text bool_atom(std::uint32_t depth) {
    auto bools = facts_of(Kind::boolean);
    switch (c_.below(depth == 0 ? 3 : 4)) {
      case 0: return {bools[c_.below(static_cast<std::uint32_t>(bools.size()))]->name, kAtom};
      case 1:
        if (!conditions_.empty()) return {pick(conditions_), kAtom};
        return {bools[0]->name, kAtom};
      case 2:
        // Constants are kept rare: they make whole rules trivially true or false.
        if (c_.percent(30)) return {c_.percent(50) ? "true" : "false", kAtom};
        return {bools[c_.below(static_cast<std::uint32_t>(bools.size()))]->name, kAtom};
      default: return {"(" + bool_expr(depth - 1).s + ")", kAtom};
    }
  }

  Text bool_expr(std::uint32_t depth) {
    if (depth == 0) return c_.percent(70) ? bool_atom(0) : comparison(0);
    switch (c_.below(8)) {
      case 0:
      case 1: {
        std::string s;
        for (std::uint32_t i = 0, n = 2 + c_.below(2); i < n; ++i) s += (i ? " and " : "") + wrap(bool_expr(depth - 1), kAnd);
        return {s, kAnd};
      }
      case 2: {
        std::string s;
        for (std::uint32_t i = 0, n = 2 + c_.below(2); i < n; ++i) s += (i ? " or " : "") + wrap(bool_expr(depth - 1), kOr);
        return {s, kOr};
      }
      case 3: return {"not " + wrap(bool_expr(depth - 1), kNot), kNot};
      case 4:
      case 5: return comparison(depth - 1);
      default: return bool_atom(depth - 1);
    }
  }

  Text comparison(std::uint32_t depth) {
    static const char* ops[] = {"==", "!=", "<", "<=", ">", ">="};
    auto enums = facts_of(Kind::enumeration);
    auto sets = facts_of(Kind::set);
    switch (c_.below(6)) {
      case 0:
      case 1:
        return {wrap(int_expr(depth), kSum) + " " + ops[c_.below(6)] + " " + wrap(int_expr(depth), kSum), kCmp};
      case 2:
        if (!enums.empty()) {
          const FactModel& f = *enums[c_.below(static_cast<std::uint32_t>(enums.size()))];
          std::string rhs = pick(enums_[f.enum_type].values);
          for (const FactModel* g : enums) {
            if (g != &f && g->enum_type == f.enum_type && c_.percent(40)) rhs = g->name;
          }
          bool flip = c_.percent(25);
          std::string op = c_.percent(50) ? " == " : " != ";
          return {flip ? rhs + op + f.name : f.name + op + rhs, kCmp};
        }
        break;
      case 3:
        if (!enums.empty()) {
          const FactModel& f = *enums[c_.below(static_cast<std::uint32_t>(enums.size()))];
          const auto& values = enums_[f.enum_type].values;
          std::string s = f.name + " in { ";
          std::vector<std::string> listed;
          for (std::uint32_t i = 0, n = 1 + c_.below(std::min<std::uint32_t>(6, static_cast<std::uint32_t>(values.size()))); i < n; ++i) {
            std::string v = pick(values);
            if (std::find(listed.begin(), listed.end(), v) == listed.end()) listed.push_back(std::move(v));
          }
          for (std::size_t i = 0; i < listed.size(); ++i) s += (i ? ", " : "") + listed[i];
          return {s + " }", kCmp};
        }
        break;
      case 4:
        if (!sets.empty()) {
          const FactModel& f = *sets[c_.below(static_cast<std::uint32_t>(sets.size()))];
          return {pick(enums_[f.enum_type].values) + " in " + f.name, kCmp};
        }
        break;
      default:
        break;
    }
    Text l = bool_atom(depth), r = bool_atom(depth);
    return {l.s + (c_.percent(50) ? " == " : " != ") + r.s, kCmp};
  }

  Choices& c_;
  GeneratorOptions o_;
  std::string out_;
  std::vector<std::string> sectors_;
  std::vector<EnumType> enums_;
  bool has_score_ = false;
  std::vector<std::string> obligations_;
  std::vector<FactModel> facts_;
  std::vector<std::string> conditions_;
  std::string amendments_;
};

// A scenario for `p`: each fact known with probability `known_percent`, values drawn
// within the fact's type, with the bounds and the extremes of 64 bits favoured so that
// arithmetic overflows now and then.
inline void generate_scenario(Choices& c, const Program& p, Scenario& s, std::uint32_t known_percent = 75) {
  s.reset(p.facts.size());
  // Half the scenarios name their date, around the generated effective periods.
  if (c.percent(50)) s.on = day_from_civil(2023, 6, 1) + static_cast<Day>(c.below(4 * 365));
  for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
    // `from` and `to` are nearly always given: flows are named before questions asked.
    if (!c.percent(f < 2 ? 97 : known_percent)) continue;
    const Type& t = p.types[p.facts[f].type];
    std::int64_t v = 0;
    switch (t.kind) {
      case TypeKind::boolean: v = c.below(2); break;
      case TypeKind::enumeration: v = c.below(static_cast<std::uint32_t>(t.values.size())); break;
      case TypeKind::set: {
        std::size_t n = p.types[t.element].values.size();
        std::uint64_t mask = n >= 64 ? ~0ull : (1ull << n) - 1;
        v = static_cast<std::int64_t>((static_cast<std::uint64_t>(c.any_int())) & mask);
        break;
      }
      case TypeKind::integer:
        switch (c.below(8)) {
          case 0: v = t.lo; break;
          case 1: v = t.hi; break;
          case 2: v = 0; break;
          case 3: v = c.any_int(); break;
          default: {
            std::int64_t lo = std::max<std::int64_t>(t.lo, -20), hi = std::min<std::int64_t>(t.hi, 120);
            v = lo >= hi ? lo : lo + static_cast<std::int64_t>(c.below(static_cast<std::uint32_t>(hi - lo + 1)));
          }
        }
        v = std::clamp(v, t.lo, t.hi);
        break;
    }
    s.set(f, v);
  }
}

}  // namespace proviso::gen
