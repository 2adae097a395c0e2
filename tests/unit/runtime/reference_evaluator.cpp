#include "runtime/reference_evaluator.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

namespace proviso::reference {
namespace {

Effect strictest(Effect a, Effect b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

// Kleene's tables, written out as the spec states them.
std::optional<bool> kleene_and(std::optional<bool> a, std::optional<bool> b) {
  if ((a && !*a) || (b && !*b)) return false;
  if (a && b) return true;
  return std::nullopt;
}
std::optional<bool> kleene_not(std::optional<bool> a) {
  if (!a) return std::nullopt;
  return !*a;
}

}  // namespace

ReferenceEvaluator::ReferenceEvaluator(const std::vector<ast::File>& files) {
  fact_order_ = {"from", "to"};
  for (const ast::File& f : files) {
    for (const ast::FactDecl& d : f.facts) {
      fact_order_.push_back(d.name.text);
      facts_[d.name.text] = &d;
    }
    for (const ast::ConditionDecl& d : f.conditions) conditions_[d.name.text] = &d;
    for (const ast::PolicyDecl& d : f.policies) policies_.push_back(&d);
    for (const ast::ConstraintDecl& d : f.constraints) constraints_.push_back(&d);
  }
  // A policy's own rules, then the rules of every `amend policy` of it, files in order.
  for (std::size_t p = 0; p < policies_.size(); ++p) {
    for (const ast::RuleDecl& r : policies_[p]->rules) {
      rules_.push_back({policies_[p]->name.text + "." + r.name.text, &r, p, {}});
    }
    for (const ast::File& f : files) {
      for (const ast::Amendment& a : f.amendments) {
        if (a.policy.text != policies_[p]->name.text) continue;
        for (const ast::RuleDecl& r : a.rules) rules_.push_back({policies_[p]->name.text + "." + r.name.text, &r, p, {}});
      }
    }
  }
  // R beats S when a chain of `overrides` leads from R to S: search from every rule.
  for (RuleInfo& winner : rules_) {
    std::vector<const ast::RuleDecl*> stack{winner.decl};
    std::set<std::string> seen;
    while (!stack.empty()) {
      const ast::RuleDecl* r = stack.back();
      stack.pop_back();
      for (const ast::Ident& beaten : r->overrides) {
        std::string q = policies_[winner.policy]->name.text + "." + beaten.text;
        if (!seen.insert(q).second) continue;
        for (RuleInfo& s : rules_) {
          if (s.qualified == q) {  // same name, same policy: amendments' rules included
            s.beaten_by.insert(winner.qualified);
            stack.push_back(s.decl);
          }
        }
      }
    }
  }
}

ReferenceEvaluator::Tri3 ReferenceEvaluator::eval(const ast::Expr& e, const Facts& facts) const {
  Tri3 r;
  auto boolean = [](std::optional<bool> b) {
    Tri3 t;
    t.known = b.has_value();
    t.value.kind = Value::Kind::boolean;
    t.value.number = b.value_or(false);
    return t;
  };
  auto as_bool = [](const Tri3& t) -> std::optional<bool> {
    if (!t.known) return std::nullopt;
    return t.value.number != 0;
  };
  switch (e.kind) {
    case ast::ExprKind::boolean:
      return boolean(e.bool_value);
    case ast::ExprKind::integer:
      r.known = true;
      r.value.kind = Value::Kind::integer;
      r.value.number = e.int_value;
      return r;
    case ast::ExprKind::name: {
      if (auto c = conditions_.find(e.name); c != conditions_.end()) return eval(*c->second->expr, facts);
      if (facts_.count(e.name) || e.name == "from" || e.name == "to") {
        auto f = facts.find(e.name);
        if (f == facts.end()) return r;  // unknown
        r.known = true;
        r.value = f->second;
        return r;
      }
      // Neither a fact nor a condition: sema accepted it, so it is an enum value.
      r.known = true;
      r.value.kind = Value::Kind::enumeration;
      r.value.name = e.name;
      return r;
    }
    case ast::ExprKind::and_: {
      std::optional<bool> acc = true;
      for (const ast::ExprPtr& k : e.kids) acc = kleene_and(acc, as_bool(eval(*k, facts)));
      return boolean(acc);
    }
    case ast::ExprKind::or_: {
      // a or b = not (not a and not b)
      std::optional<bool> acc = true;
      for (const ast::ExprPtr& k : e.kids) acc = kleene_and(acc, kleene_not(as_bool(eval(*k, facts))));
      return boolean(kleene_not(acc));
    }
    case ast::ExprKind::not_:
      return boolean(kleene_not(as_bool(eval(*e.kids[0], facts))));
    case ast::ExprKind::compare: {
      Tri3 a = eval(*e.kids[0], facts), b = eval(*e.kids[1], facts);
      if (!a.known || !b.known) return boolean(std::nullopt);
      const Value& x = a.value;
      const Value& y = b.value;
      bool equal = x.kind == Value::Kind::enumeration ? x.name == y.name
                   : x.kind == Value::Kind::set       ? x.members == y.members
                                                      : x.number == y.number;
      switch (e.cmp) {
        case ast::CmpOp::eq: return boolean(equal);
        case ast::CmpOp::ne: return boolean(!equal);
        case ast::CmpOp::lt: return boolean(x.number < y.number);
        case ast::CmpOp::le: return boolean(x.number <= y.number);
        case ast::CmpOp::gt: return boolean(x.number > y.number);
        case ast::CmpOp::ge: return boolean(x.number >= y.number);
      }
      return boolean(std::nullopt);
    }
    case ast::ExprKind::add:
    case ast::ExprKind::sub:
    case ast::ExprKind::mul: {
      Tri3 a = eval(*e.kids[0], facts), b = eval(*e.kids[1], facts);
      r.value.kind = Value::Kind::integer;
      if (!a.known || !b.known) return r;
      std::int64_t out = 0;
      bool overflow = e.kind == ast::ExprKind::add   ? __builtin_add_overflow(a.value.number, b.value.number, &out)
                      : e.kind == ast::ExprKind::sub ? __builtin_sub_overflow(a.value.number, b.value.number, &out)
                                                     : __builtin_mul_overflow(a.value.number, b.value.number, &out);
      r.known = !overflow;
      r.value.number = out;
      return r;
    }
    case ast::ExprKind::in_values: {
      Tri3 a = eval(*e.kids[0], facts);
      if (!a.known) return boolean(std::nullopt);
      bool found = false;
      for (const ast::Ident& v : e.values) found |= v.text == a.value.name;
      return boolean(found);
    }
    case ast::ExprKind::in_set: {
      Tri3 a = eval(*e.kids[0], facts), b = eval(*e.kids[1], facts);
      if (!a.known || !b.known) return boolean(std::nullopt);
      return boolean(b.value.members.count(a.value.name) > 0);
    }
  }
  throw std::logic_error("reference evaluator: unknown expression kind");
}

std::optional<bool> ReferenceEvaluator::condition_of(const RuleInfo& r, const Facts& facts) const {
  auto value = [&](const ast::Expr& e) -> std::optional<bool> {
    Tri3 t = eval(e, facts);
    if (!t.known) return std::nullopt;
    return t.value.number != 0;
  };
  std::optional<bool> c = value(*r.decl->when);
  // `unless E` is `when ... and not E`.
  if (r.decl->unless) c = kleene_and(c, kleene_not(value(*r.decl->unless)));
  return c;
}

void ReferenceEvaluator::collect_facts(const ast::Expr& e, const Facts& facts, std::set<std::string>& out) const {
  if (eval(e, facts).known) return;  // a settled sub-expression: nothing below it matters
  if (e.kind == ast::ExprKind::name) {
    if (auto c = conditions_.find(e.name); c != conditions_.end()) {
      collect_facts(*c->second->expr, facts, out);
    } else if ((facts_.count(e.name) || e.name == "from" || e.name == "to") && !facts.count(e.name)) {
      out.insert(e.name);
    }
  }
  for (const ast::ExprPtr& k : e.kids) collect_facts(*k, facts, out);
}

bool ReferenceEvaluator::in_force(const std::optional<ast::EffectiveClause>& e, Day on) {
  if (on == kNoDate || !e) return true;
  if (e->from && on < e->from->day) return false;
  if (e->until && on > e->until->day) return false;
  return true;
}

bool ReferenceEvaluator::covers(std::size_t policy, const Facts& facts, Day on) const {
  const ast::PolicyDecl& p = *policies_[policy];
  if (!in_force(p.effective, on)) return false;
  if (!p.sector) return true;
  for (const char* end : {"from", "to"}) {
    auto f = facts.find(end);
    if (f != facts.end() && f->second.name == p.sector->text) return true;
  }
  return false;
}

Effect ReferenceEvaluator::decide_policy(std::size_t policy, const std::set<std::string>& applying,
                                         bool* by_default, bool* conflict,
                                         std::vector<std::string>* obligations) const {
  const ast::PolicyDecl& p = *policies_[policy];
  std::vector<const RuleInfo*> winners;
  for (const RuleInfo& r : rules_) {
    if (r.policy != policy || !applying.count(r.qualified)) continue;
    bool beaten = false;
    for (const std::string& w : r.beaten_by) beaten |= applying.count(w) > 0;
    if (!beaten) winners.push_back(&r);
  }
  if (by_default) *by_default = winners.empty();
  if (conflict) *conflict = false;
  if (winners.empty()) return p.default_effect.value_or(Effect::deny);
  Effect top = winners[0]->decl->effect;
  for (const RuleInfo* w : winners) {
    if (w->decl->effect != winners[0]->decl->effect && conflict) *conflict = true;
    top = strictest(top, w->decl->effect);
  }
  Effect decided = p.combine.value_or(Combine::strictest) == Combine::first ? winners[0]->decl->effect : top;
  if (obligations && decided == Effect::share) {
    std::set<std::string> names;
    for (const RuleInfo* w : winners) {
      if (w->decl->effect != Effect::share) continue;
      for (const ast::Ident& o : w->decl->requires_) names.insert(o.text);
    }
    obligations->assign(names.begin(), names.end());
  }
  return decided;
}

Verdict ReferenceEvaluator::evaluate(const Facts& facts, Day on) const {
  Verdict v;
  for (const ast::ConstraintDecl* c : constraints_) {
    const Tri3 t = eval(*c->expr, facts);
    if (t.known && t.value.number == 0) v.violated.push_back(c->name.text);
  }
  std::vector<std::size_t> covering;
  for (std::size_t p = 0; p < policies_.size(); ++p) {
    if (covers(p, facts, on)) covering.push_back(p);
  }
  for (const RuleInfo& r : rules_) v.rules[r.qualified] = RuleStatus::not_applicable;
  // A covered policy's rule that is not in force (by its own dates) is marked so and
  // never applies.
  std::set<std::string> out_of_force;
  for (const RuleInfo& r : rules_) {
    if (std::find(covering.begin(), covering.end(), r.policy) == covering.end()) continue;
    if (!in_force(r.decl->effective, on)) {
      out_of_force.insert(r.qualified);
      v.rules[r.qualified] = RuleStatus::not_in_force;
    }
  }
  if (covering.empty()) {
    v.decision = Outcome::deny;
    v.no_covering_policy = true;
    return v;
  }

  std::set<std::string> applying, undetermined;
  for (const RuleInfo& r : rules_) {
    if (std::find(covering.begin(), covering.end(), r.policy) == covering.end()) continue;
    if (out_of_force.count(r.qualified)) continue;
    std::optional<bool> c = condition_of(r, facts);
    if (!c) undetermined.insert(r.qualified);
    else if (*c) applying.insert(r.qualified);
  }
  // Each covering policy's decision under every assignment of its undetermined rules
  // (bit j of the index: its j-th undetermined rule applies).
  std::vector<std::vector<std::string>> open(covering.size());
  std::vector<std::vector<Effect>> by_assignment(covering.size());
  for (std::size_t i = 0; i < covering.size(); ++i) {
    for (const RuleInfo& r : rules_) {
      if (r.policy == covering[i] && undetermined.count(r.qualified)) open[i].push_back(r.qualified);
    }
    if (open[i].size() > 16) throw std::logic_error("reference evaluator: too many undetermined rules to enumerate");
    for (std::size_t asg = 0; asg < (std::size_t{1} << open[i].size()); ++asg) {
      std::set<std::string> app = applying;
      for (std::size_t j = 0; j < open[i].size(); ++j) {
        if ((asg >> j) & 1u) app.insert(open[i][j]);
      }
      by_assignment[i].push_back(decide_policy(covering[i], app, nullptr, nullptr, nullptr));
    }
  }
  // The decisions the policies other than `skip` can give the bundle together.
  auto others = [&](std::size_t skip) {
    std::set<Effect> reach{Effect::share};
    for (std::size_t i = 0; i < covering.size(); ++i) {
      if (i == skip) continue;
      std::set<Effect> next;
      for (Effect b : reach) {
        for (Effect e : by_assignment[i]) next.insert(strictest(b, e));
      }
      reach = next;
    }
    return reach;
  };
  const std::set<Effect> decisions = others(covering.size());
  v.decision = decisions.size() > 1 ? Outcome::undetermined : static_cast<Outcome>(*decisions.begin());

  // Pivotal rules: some assignment of the others where applying changes the bundle.
  std::map<std::string, int> relevant_to;
  if (v.decision == Outcome::undetermined) {
    for (std::size_t i = 0; i < covering.size(); ++i) {
      const std::set<Effect> rest = others(i);
      for (std::size_t j = 0; j < open[i].size(); ++j) {
        bool pivotal = false;
        for (std::size_t asg = 0; asg < by_assignment[i].size() && !pivotal; ++asg) {
          if ((asg >> j) & 1u) continue;
          for (Effect o : rest) {
            const Effect without = by_assignment[i][asg], with = by_assignment[i][asg | (std::size_t{1} << j)];
            pivotal |= strictest(without, o) != strictest(with, o);
          }
        }
        if (!pivotal) continue;
        for (const RuleInfo& r : rules_) {
          if (r.qualified != open[i][j]) continue;
          std::set<std::string> relevant;
          collect_facts(*r.decl->when, facts, relevant);
          if (r.decl->unless) collect_facts(*r.decl->unless, facts, relevant);
          for (const std::string& f : relevant) ++relevant_to[f];
        }
      }
    }
  }

  std::set<std::string> obligations;
  for (std::size_t p : covering) {
    PolicyOutcome po;
    po.policy = policies_[p]->name.text;
    Effect own = decide_policy(p, applying, &po.by_default, &po.conflict, &po.obligations);
    const std::size_t i = static_cast<std::size_t>(std::find(covering.begin(), covering.end(), p) - covering.begin());
    const std::set<Effect> reach(by_assignment[i].begin(), by_assignment[i].end());
    po.decision = reach.size() > 1 ? Outcome::undetermined : static_cast<Outcome>(own);
    if (po.decision != Outcome::share) po.obligations.clear();
    obligations.insert(po.obligations.begin(), po.obligations.end());
    v.policies.push_back(std::move(po));
  }
  if (v.decision == Outcome::share) v.obligations.assign(obligations.begin(), obligations.end());

  for (const RuleInfo& r : rules_) {
    if (undetermined.count(r.qualified)) {
      v.rules[r.qualified] = RuleStatus::undetermined;
    } else if (applying.count(r.qualified)) {
      bool beaten = false;
      for (const std::string& w : r.beaten_by) beaten |= applying.count(w) > 0;
      v.rules[r.qualified] = beaten ? RuleStatus::overridden : RuleStatus::applied;
    }
  }

  int best = 0;
  for (const std::string& f : fact_order_) {
    auto it = relevant_to.find(f);
    if (it == relevant_to.end()) continue;
    v.missing.push_back(f);
    if (it->second > best) {
      best = it->second;
      v.next_question = f;
    }
  }
  return v;
}

Facts facts_of(const Program& p, const Scenario& s) {
  Facts out;
  for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
    if (!s.known[f]) continue;
    const Type& t = p.types[p.facts[f].type];
    Value v;
    switch (t.kind) {
      case TypeKind::boolean:
        v.kind = Value::Kind::boolean;
        v.number = s.values[f] != 0;
        break;
      case TypeKind::integer:
        v.kind = Value::Kind::integer;
        v.number = s.values[f];
        break;
      case TypeKind::enumeration:
        v.kind = Value::Kind::enumeration;
        v.name = t.values.at(static_cast<std::size_t>(s.values[f]));
        break;
      case TypeKind::set: {
        v.kind = Value::Kind::set;
        const Type& element = p.types[t.element];
        for (std::size_t i = 0; i < element.values.size() && i < 64; ++i) {
          if ((static_cast<std::uint64_t>(s.values[f]) >> i) & 1u) v.members.insert(element.values[i]);
        }
        break;
      }
    }
    out[p.facts[f].name] = std::move(v);
  }
  return out;
}

std::string compare(const Program& p, const Result& runtime, const Verdict& expected) {
  std::string diff;
  auto names = [](const std::vector<std::string>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
    return s + "]";
  };
  auto differ = [&](const std::string& what, const std::string& got, const std::string& want) {
    if (got != want) diff += what + ": runtime " + got + ", reference " + want + "\n";
  };
  differ("decision", std::string(to_string(runtime.decision)), std::string(to_string(expected.decision)));
  differ("no covering policy", runtime.no_covering_policy ? "yes" : "no", expected.no_covering_policy ? "yes" : "no");
  std::vector<std::string> obligations, missing;
  for (std::uint32_t o : runtime.obligations) obligations.push_back(p.obligations.at(o).name);
  for (std::uint32_t f : runtime.missing) missing.push_back(p.facts.at(f).name);
  differ("obligations", names(obligations), names(expected.obligations));
  differ("missing", names(missing), names(expected.missing));
  differ("next_question", runtime.next_question == kNone ? "null" : p.facts.at(runtime.next_question).name,
         expected.next_question.empty() ? "null" : expected.next_question);

  std::vector<std::string> got_policies, want_policies;
  for (const PolicyResult& pr : runtime.policies) {
    std::vector<std::string> ob;
    for (std::uint32_t o : pr.obligations) ob.push_back(p.obligations.at(o).name);
    got_policies.push_back(p.policies.at(pr.policy).name + "=" + std::string(to_string(pr.decision)) +
                           (pr.by_default ? " default" : "") + (pr.conflict ? " conflict" : "") + " " + names(ob));
  }
  for (const PolicyOutcome& po : expected.policies) {
    want_policies.push_back(po.policy + "=" + std::string(to_string(po.decision)) + (po.by_default ? " default" : "") +
                            (po.conflict ? " conflict" : "") + " " + names(po.obligations));
  }
  differ("policies", names(got_policies), names(want_policies));
  std::vector<std::string> violated;
  for (std::uint32_t c : runtime.violated) violated.push_back(p.constraints.at(c).name);
  differ("violated constraints", names(violated), names(expected.violated));

  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    std::string q = p.rule_qualified_name(r);
    auto it = expected.rules.find(q);
    std::string want = it == expected.rules.end() ? "(no such rule)" : std::string(to_string(it->second));
    std::string got = r < runtime.rule_status.size() ? std::string(to_string(runtime.rule_status[r])) : "(missing)";
    differ("rule " + q, got, want);
  }
  if (expected.rules.size() != p.rules.size()) {
    diff += "rule count: runtime " + std::to_string(p.rules.size()) + ", reference " +
            std::to_string(expected.rules.size()) + "\n";
  }
  return diff;
}

}  // namespace proviso::reference
