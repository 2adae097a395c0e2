// The reference decision (bundle_reference.hpp), straight from the sentences of
// language.md: section 6.1 for Kleene logic and unknown arithmetic, 5.3-5.5 for
// overrides, policy and bundle decisions, 5.7 for defers, 6.2-6.4 for assignments,
// pivotal rules, relevant facts and possible obligations. Assignments are enumerated
// over every undetermined rule of every covering policy at once, exactly as 6.2 defines
// them; nothing is decomposed or pruned.
#include "reference/bundle_reference.hpp"

#include <algorithm>
#include <bitset>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

namespace proviso::model {
namespace {

using Value = std::optional<std::int64_t>;  // nullopt: unknown
constexpr std::size_t kMaxRules = 128;
using RuleSet = std::bitset<kMaxRules>;

class Reference {
 public:
  Reference(const Bundle& b, const Facts& f) : b_(b), f_(f) {
    for (const Policy& p : b.policies) {
      if (p.rules.size() > kMaxRules) throw std::logic_error("the reference takes at most 128 rules a policy");
      beaten_by_.push_back(closure(p));
    }
  }

  Value value(const Expr& e) const {
    using Op = Expr::Op;
    switch (e.op) {
      case Op::literal_true: return 1;
      case Op::literal_false: return 0;
      case Op::number: return e.number;
      case Op::fact: return f_[e.index];
      case Op::condition: return value(b_.conditions[e.index].body);
      case Op::enum_value: return static_cast<std::int64_t>(e.index);
      case Op::and_: {
        bool unknown = false;
        for (const Expr& k : e.kids) {
          Value v = value(k);
          if (v && *v == 0) return 0;  // false and anything is false
          unknown |= !v;
        }
        return unknown ? Value{} : Value{1};
      }
      case Op::or_: {
        bool unknown = false;
        for (const Expr& k : e.kids) {
          Value v = value(k);
          if (v && *v != 0) return 1;  // true or anything is true
          unknown |= !v;
        }
        return unknown ? Value{} : Value{0};
      }
      case Op::not_: {
        Value v = value(e.kids[0]);
        return v ? Value{*v == 0 ? 1 : 0} : Value{};
      }
      default: break;
    }
    // Every other operator is unknown as soon as one operand is (`0 * n` too).
    Value l = value(e.kids[0]);
    if (!l) return {};
    if (e.op == Op::in_list) {
      return std::find(e.list.begin(), e.list.end(), static_cast<std::uint32_t>(*l)) != e.list.end() ? 1 : 0;
    }
    Value r = value(e.kids[1]);
    if (!r) return {};
    std::int64_t out = 0;
    switch (e.op) {
      case Op::eq: return *l == *r ? 1 : 0;
      case Op::ne: return *l != *r ? 1 : 0;
      case Op::lt: return *l < *r ? 1 : 0;
      case Op::le: return *l <= *r ? 1 : 0;
      case Op::gt: return *l > *r ? 1 : 0;
      case Op::ge: return *l >= *r ? 1 : 0;
      // Arithmetic that leaves 64 bits is unknown, never wrapped (language.md 4.4).
      case Op::add: return __builtin_add_overflow(*l, *r, &out) ? Value{} : Value{out};
      case Op::sub: return __builtin_sub_overflow(*l, *r, &out) ? Value{} : Value{out};
      case Op::mul: return __builtin_mul_overflow(*l, *r, &out) ? Value{} : Value{out};
      case Op::in_set: return (static_cast<std::uint64_t>(*r) >> *l) & 1u ? 1 : 0;
      default: break;
    }
    throw std::logic_error("unknown operator");
  }

  // A rule's condition: `when` and not `unless`.
  Value condition(const Rule& r) const {
    Value w = value(r.when);
    if (!r.unless) return w;
    Value u = value(*r.unless);
    Value not_u = u ? Value{*u == 0 ? 1 : 0} : Value{};
    if ((w && *w == 0) || (not_u && *not_u == 0)) return 0;
    if (!w || !not_u) return {};
    return 1;
  }

  // Relevant unknown facts (language.md 6.3): descend only into unknown sub-expressions.
  void relevant(const Expr& e, std::set<std::uint32_t>& out) const {
    if (value(e)) return;
    if (e.op == Expr::Op::fact) {
      out.insert(e.index);
    } else if (e.op == Expr::Op::condition) {
      relevant(b_.conditions[e.index].body, out);
    } else {
      for (const Expr& k : e.kids) relevant(k, out);
    }
  }

  std::set<std::uint32_t> relevant(const Rule& r) const {
    std::set<std::uint32_t> out;
    relevant(r.when, out);
    if (r.unless) relevant(*r.unless, out);
    return out;
  }

  bool covers(const Policy& p) const {
    if (!p.sector) return true;
    const Value& from = f_[0];
    const Value& to = f_[1];
    return (from && *from == *p.sector) || (to && *to == *p.sector);
  }

  struct PolicyDecision {
    Effect effect = Effect::deny;
    bool by_default = false;
    bool conflict = false;
    RuleSet winners;
  };

  // A policy's decision when exactly the rules of `applying` apply (language.md 5.4).
  PolicyDecision decide(std::size_t pi, const RuleSet& applying) const {
    const Policy& p = b_.policies[pi];
    PolicyDecision d;
    std::optional<Effect> first, strictest;
    for (std::size_t r = 0; r < p.rules.size(); ++r) {
      if (!applying[r] || (beaten_by_[pi][r] & applying).any()) continue;
      d.winners.set(r);
      const Effect e = p.rules[r].effect;
      if (!first) first = e;
      if (!strictest || strictness(e) > strictness(*strictest)) strictest = e;
      if (e != *first) d.conflict = true;
    }
    if (!first) {
      d.effect = p.default_effect;
      d.by_default = true;
    } else {
      d.effect = p.first ? *first : *strictest;
    }
    return d;
  }

  const RuleSet& beaten_by(std::size_t pi, std::size_t r) const { return beaten_by_[pi][r]; }

 private:
  // beaten_by[r]: every rule from which a chain of `overrides` leads to r.
  static std::vector<RuleSet> closure(const Policy& p) {
    const std::size_t n = p.rules.size();
    std::vector<RuleSet> beats(n);  // beats[r]: rules r overrides, transitively
    for (std::size_t r = 0; r < n; ++r) {
      for (std::uint32_t s : p.rules[r].overrides) beats[r].set(s);
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t r = 0; r < n; ++r) {
        RuleSet next = beats[r];
        for (std::size_t s = 0; s < n; ++s) {
          if (beats[r][s]) next |= beats[s];
        }
        if (next != beats[r]) {
          beats[r] = next;
          changed = true;
        }
      }
    }
    std::vector<RuleSet> beaten_by(n);
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t s = 0; s < n; ++s) {
        if (beats[r][s]) beaten_by[s].set(r);
      }
    }
    return beaten_by;
  }

  const Bundle& b_;
  const Facts& f_;
  std::vector<std::vector<RuleSet>> beaten_by_;
};

const char* status_name(const Value& c, bool beaten) {
  if (!c) return "undetermined";
  if (*c == 0) return "not_applicable";
  return beaten ? "overridden" : "applied";
}

}  // namespace

std::vector<std::string> qualified_rule_names(const Bundle& b) {
  std::vector<std::string> out;
  for (const Policy& p : b.policies) {
    for (const Rule& r : p.rules) out.push_back(p.name + "." + r.name);
  }
  return out;
}

std::uint32_t open_rules(const Bundle& b, const Facts& f) {
  Reference ref(b, f);
  std::uint32_t n = 0;
  for (const Policy& p : b.policies) {
    if (!ref.covers(p)) continue;
    for (const Rule& r : p.rules) n += !ref.condition(r);
  }
  return n;
}

Verdict evaluate(const Bundle& b, const Facts& f) {
  const Reference ref(b, f);
  Verdict v;

  // Conditions and statuses of every rule; the rules of covering policies only count.
  struct Open {
    std::size_t policy, rule;
  };
  std::vector<std::size_t> covering;
  std::vector<std::vector<Value>> cond(b.policies.size());
  std::vector<RuleSet> holds(b.policies.size());  // condition true
  std::vector<Open> open;                         // undetermined rules, source order
  for (std::size_t pi = 0; pi < b.policies.size(); ++pi) {
    const Policy& p = b.policies[pi];
    const bool covers = ref.covers(p);
    if (covers) covering.push_back(pi);
    for (std::size_t r = 0; r < p.rules.size(); ++r) {
      cond[pi].push_back(covers ? ref.condition(p.rules[r]) : Value{0});
      if (cond[pi][r] && *cond[pi][r]) holds[pi].set(r);
      if (!cond[pi][r]) open.push_back({pi, r});
    }
  }
  for (std::size_t pi = 0; pi < b.policies.size(); ++pi) {
    for (std::size_t r = 0; r < b.policies[pi].rules.size(); ++r) {
      v.rule_status.push_back(status_name(cond[pi][r], (ref.beaten_by(pi, r) & holds[pi]).any()));
    }
  }
  if (covering.empty()) {
    v.decision = "deny";
    v.no_covering_policy = true;
    return v;
  }
  if (open.size() > kMaxOpenRules) throw std::logic_error("too many undetermined rules to enumerate");

  // Every assignment: bit i of `a` says whether open[i] applies.
  const std::uint32_t k = static_cast<std::uint32_t>(open.size());
  const std::uint32_t assignments = 1u << k;
  std::vector<int> bundle(assignments);  // strictness of the bundle decision
  std::vector<std::set<int>> policy_outcomes(b.policies.size());
  for (std::uint32_t a = 0; a < assignments; ++a) {
    std::vector<RuleSet> applying = holds;
    for (std::uint32_t i = 0; i < k; ++i) {
      if ((a >> i) & 1u) applying[open[i].policy].set(open[i].rule);
    }
    int top = 0;
    for (std::size_t pi : covering) {
      const int s = strictness(ref.decide(pi, applying[pi]).effect);
      policy_outcomes[pi].insert(s);
      top = std::max(top, s);
    }
    bundle[a] = top;
  }
  static const char* by_strictness[] = {"", "share", "refer", "deny"};
  const std::set<int> outcomes(bundle.begin(), bundle.end());
  v.decision = outcomes.size() > 1 ? "undetermined" : by_strictness[*outcomes.begin()];

  // Policy entries: undetermined by their own assignments; flags from the baseline.
  std::set<std::string> carried;
  for (std::size_t pi : covering) {
    const Policy& p = b.policies[pi];
    const auto base = ref.decide(pi, holds[pi]);
    PolicyVerdict pv;
    pv.name = p.name;
    pv.decision = policy_outcomes[pi].size() > 1 ? "undetermined" : by_strictness[*policy_outcomes[pi].begin()];
    pv.by_default = base.by_default;
    pv.conflict = base.conflict;
    if (pv.decision == "share") {
      std::set<std::string> obligations;
      bool all_defer = true;
      for (std::size_t r = 0; r < p.rules.size(); ++r) {
        if (!base.winners[r] || p.rules[r].effect != Effect::share) continue;
        for (std::uint32_t o : p.rules[r].requires_) obligations.insert(b.obligations[o]);
        all_defer &= p.rules[r].defers;
      }
      pv.obligations.assign(obligations.begin(), obligations.end());
      pv.defers = p.defers || (!base.by_default && all_defer);
      if (v.decision == "share") carried.insert(obligations.begin(), obligations.end());
    }
    v.policies.push_back(std::move(pv));
  }
  v.obligations.assign(carried.begin(), carried.end());

  if (v.decision == "undetermined") {
    // Pivotal: some assignment of the others where this rule applying changes the bundle.
    std::map<std::uint32_t, int> relevant_to;  // fact -> pivotal rules it is relevant to
    for (std::uint32_t i = 0; i < k; ++i) {
      bool pivotal = false;
      for (std::uint32_t a = 0; a < assignments && !pivotal; ++a) {
        if (!((a >> i) & 1u)) pivotal = bundle[a] != bundle[a | (1u << i)];
      }
      if (!pivotal) continue;
      for (std::uint32_t fact : ref.relevant(b.policies[open[i].policy].rules[open[i].rule])) ++relevant_to[fact];
    }
    int best = 0;
    for (const auto& [fact, n] : relevant_to) {  // declaration order
      v.missing.push_back(b.facts[fact].name);
      if (n > best) {
        best = n;
        v.next_question = b.facts[fact].name;
      }
    }
  } else if (v.decision == "share") {
    // Undetermined share rules that no rule with a true condition beats (6.4).
    std::set<std::string> possible;
    std::set<std::uint32_t> questions;
    for (const Open& o : open) {
      const Rule& r = b.policies[o.policy].rules[o.rule];
      if (r.effect != Effect::share || (ref.beaten_by(o.policy, o.rule) & holds[o.policy]).any()) continue;
      bool adds = false;
      for (std::uint32_t ob : r.requires_) {
        if (carried.count(b.obligations[ob])) continue;
        possible.insert(b.obligations[ob]);
        adds = true;
      }
      if (adds) {
        for (std::uint32_t fact : ref.relevant(r)) questions.insert(fact);
      }
    }
    v.possible_obligations.assign(possible.begin(), possible.end());
    for (std::uint32_t fact : questions) v.obligation_questions.push_back(b.facts[fact].name);
  }
  return v;
}

}  // namespace proviso::model
