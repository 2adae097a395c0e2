// proviso explain: the smallest fact changes that give another decision (see
// proviso/analysis/explain.hpp for what an alternative is and why the search is exact).
#include "proviso/analysis/explain.hpp"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include "encoder.hpp"
#include "explain_route.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "watchdog.hpp"
#include "witness.hpp"

namespace proviso {

namespace {

using analysis::internal::effect_code;
using analysis::internal::Encoder;
using analysis::internal::FactVar;
using analysis::internal::SortCache;

z3::expr changed_literal(z3::context& ctx, const Program& p, std::uint32_t f) {
  return ctx.bool_const(("changed!" + std::to_string(f) + "!" + p.facts[f].name).c_str());
}

std::vector<std::uint8_t> kept_facts(const Program& p, const ExplainOptions& o) {
  std::vector<std::uint8_t> kept(p.facts.size(), 0);
  for (std::uint32_t f : o.keep) kept.at(f) = 1;
  if (!o.allow_flow) kept[kFactFrom] = kept[kFactTo] = 1;
  return kept;
}

// The fact variables, three-valued where the scenario leaves a fact unknown: it becomes
// known exactly when the alternative sets it (never, when it is kept).
std::vector<FactVar> fact_vars(z3::context& ctx, SortCache& sorts, const Program& p, const Scenario& s,
                               const std::vector<std::uint8_t>& kept) {
  std::vector<FactVar> vars = analysis::internal::make_fact_vars(ctx, sorts, p);
  for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
    if (s.known[f]) continue;
    vars[f].known = kept[f] ? ctx.bool_val(false) : changed_literal(ctx, p, f);
  }
  return vars;
}

// The solver's side: fact variables over complete scenarios, one "changed" literal per
// fact that may change, and the blocking clauses the search adds.
class Search {
 public:
  Search(const Program& p, const Scenario& s, Day on, const ExplainOptions& o, Effect target)
      : p_(p),
        s_(s),
        kept_(kept_facts(p, o)),
        sorts_(ctx_),
        enc_(ctx_, sorts_, p, fact_vars(ctx_, sorts_, p, s, kept_), on),
        solver_(ctx_),
        changed_(ctx_) {
    z3::params params(ctx_);
    if (o.timeout_ms > 0) params.set("timeout", o.timeout_ms);
    solver_.set(params);
    timeout_ = std::chrono::milliseconds(o.timeout_ms);
    solver_.add(analysis::internal::fact_domain(ctx_, p, enc_.facts()));
    // No constraint known to be false: what the runtime refuses (facts left unknown
    // leave a constraint unknown, which the runtime accepts).
    solver_.add(enc_.constraints_hold());
    for (std::uint32_t f = 0; f < p.facts.size(); ++f) {
      if (kept_[f]) {
        if (s.known[f]) solver_.add(equals(f, s.values[f]));
        continue;
      }
      z3::expr c = changed_literal(ctx_, p, f);
      if (s.known[f]) solver_.add(c == !equals(f, s.values[f]));
      changeable_.push_back(f);
      changed_.push_back(c);
    }
    decides_ = decides(target);
  }

  const Encoder& encoder() const { return enc_; }
  z3::context& ctx() { return ctx_; }
  std::size_t changeable() const { return changeable_.size(); }

  // sat / unsat / unknown of: the target with exactly `k` changes (or at least `k`).
  z3::check_result check(std::size_t k, bool exactly) {
    z3::expr_vector assumptions(ctx_);
    const std::string name = "size!" + std::to_string(k) + (exactly ? "=" : ">=");
    z3::expr size = ctx_.bool_const(name.c_str());
    if (defined_.insert(name).second) {
      const unsigned n = static_cast<unsigned>(k);
      z3::expr bound = ctx_.bool_val(k == 0);
      if (!changed_.empty()) {
        bound = z3::atleast(changed_, n);
        if (exactly) bound = bound && z3::atmost(changed_, n);
      }
      solver_.add(z3::implies(size, bound && decides_));
    }
    assumptions.push_back(size);
    return timed_check(assumptions);
  }

  // The candidate of the last sat check: the scenario with the changed facts set.
  std::vector<std::uint32_t> candidate(Scenario& out) {
    z3::model m = solver_.get_model();
    std::vector<std::uint32_t> set;
    for (unsigned i = 0; i < changed_.size(); ++i) {
      if (m.eval(changed_[i], true).is_true()) set.push_back(changeable_[i]);
    }
    out = s_;
    analysis::internal::read_model(enc_, m, set, out);
    return set;
  }

  // No alternative may contain these facts all changed (it or a superset was found).
  void block_set(const std::vector<std::uint32_t>& facts) {
    z3::expr_vector none(ctx_);
    for (std::uint32_t f : facts) none.push_back(!changed_of(f));
    solver_.add(none.empty() ? ctx_.bool_val(false) : z3::mk_or(none));
  }
  // These facts with these values failed replay: never propose them again.
  void block_values(const std::vector<std::uint32_t>& facts, const Scenario& values) {
    z3::expr_vector differ(ctx_);
    for (std::uint32_t f : changeable_) {
      const bool in = std::find(facts.begin(), facts.end(), f) != facts.end();
      differ.push_back(in ? !changed_of(f) || !equals(f, values.values[f]) : changed_of(f));
    }
    solver_.add(differ.empty() ? ctx_.bool_val(false) : z3::mk_or(differ));
  }

  // Whether some admissible scenario (the kept facts as they are) lets `rule` not be applied.
  z3::check_result can_avoid(std::uint32_t rule) {
    z3::expr lit = ctx_.bool_const(("avoid!" + std::to_string(rule)).c_str());
    solver_.add(z3::implies(lit, !enc_.applied(rule)));
    return timed_check(lit);
  }
  // Whether some admissible scenario has `policy` not covering the flow or deciding `e`.
  z3::check_result policy_can_give(std::uint32_t policy, Effect e) {
    z3::expr lit = ctx_.bool_const(("gives!" + std::to_string(policy)).c_str());
    solver_.add(z3::implies(lit, !enc_.covers(policy) || enc_.decision(policy) == ctx_.int_val(effect_code(e))));
    return timed_check(lit);
  }

  std::size_t queries() const { return queries_; }
  double ms() const { return ms_; }

 private:
  z3::check_result timed_check(const z3::expr& lit) {
    z3::expr_vector assumptions(ctx_);
    assumptions.push_back(lit);
    return timed_check(assumptions);
  }

  // Every query counts and is timed, and runs under the watchdog (Z3's own timer can
  // miss a short limit).
  z3::check_result timed_check(const z3::expr_vector& assumptions) {
    const auto start = std::chrono::steady_clock::now();
    z3::check_result r = z3::unknown;
    {
      analysis::internal::Watchdog::Guard guard(watchdog_, timeout_);
      r = solver_.check(assumptions);
    }
    ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ++queries_;
    return r;
  }

  // The runtime decides `target` (not undetermined) only if every assignment of the
  // undetermined rules does. Necessary, and what the solver asks: the baseline (no
  // undetermined rule applies), every one applying, and each one applying alone give
  // `target`. Candidates that pass and still fail replay are blocked one by one.
  z3::expr decides(Effect target) {
    const z3::expr want = ctx_.int_val(effect_code(target));
    auto base = [&](std::uint32_t q) { return enc_.applies(q).t; };
    auto all = [&](std::uint32_t q) { return !enc_.applies(q).f; };
    std::vector<z3::expr> baseline, most;
    for (std::uint32_t pol = 0; pol < p_.policies.size(); ++pol) {
      baseline.push_back(policy_decision(pol, base));
      most.push_back(policy_decision(pol, all));
    }
    z3::expr_vector parts(ctx_);
    parts.push_back(bundle(baseline) == want);
    parts.push_back(bundle(most) == want);
    for (std::uint32_t r = 0; r < p_.rules.size(); ++r) {
      if (enc_.applies(r).total) continue;
      const std::uint32_t pol = p_.rules[r].policy;
      std::vector<z3::expr> alone = baseline;
      alone[pol] = policy_decision(pol, [&](std::uint32_t q) { return q == r ? !enc_.applies(q).f : enc_.applies(q).t; });
      parts.push_back(bundle(alone) == want);
    }
    return z3::mk_and(parts);
  }

  // As Encoder::encode_decisions, with the rules' application given.
  template <typename Applies>
  z3::expr policy_decision(std::uint32_t policy, const Applies& applies) {
    const Policy& pol = p_.policies[policy];
    auto applied = [&](std::uint32_t r) {
      z3::expr out = applies(r);
      for (std::uint32_t b : p_.rules[r].beaten_by) out = out && !applies(b);
      return out;
    };
    z3::expr dec = ctx_.int_val(effect_code(pol.default_effect));
    if (pol.combine == Combine::first) {
      for (std::uint32_t i = pol.rule_count; i-- > 0;) {
        const std::uint32_t r = pol.first_rule + i;
        dec = z3::ite(applied(r), ctx_.int_val(effect_code(p_.rules[r].effect)), dec);
      }
      return dec;
    }
    std::vector<z3::expr> any[3];
    for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
      const std::uint32_t r = pol.first_rule + i;
      any[effect_code(p_.rules[r].effect)].push_back(applied(r));
    }
    for (int e = 0; e <= 2; ++e) {
      if (any[e].empty()) continue;
      z3::expr_vector v(ctx_);
      for (const auto& x : any[e]) v.push_back(x);
      dec = z3::ite(z3::mk_or(v), ctx_.int_val(e), dec);
    }
    return dec;
  }

  // As Encoder::bundle_decision, with the policies' decisions given.
  z3::expr bundle(const std::vector<z3::expr>& decisions) {
    z3::expr_vector deny(ctx_), refer(ctx_), uncovered(ctx_);
    for (std::uint32_t i = 0; i < p_.policies.size(); ++i) {
      deny.push_back(enc_.covers(i) && decisions[i] == ctx_.int_val(2));
      refer.push_back(enc_.covers(i) && decisions[i] == ctx_.int_val(1));
      uncovered.push_back(!enc_.covers(i));
    }
    if (p_.policies.empty()) return ctx_.int_val(2);
    deny.push_back(z3::mk_and(uncovered));
    return z3::ite(z3::mk_or(deny), ctx_.int_val(2), z3::ite(z3::mk_or(refer), ctx_.int_val(1), ctx_.int_val(0)));
  }

  z3::expr changed_of(std::uint32_t f) const {
    const auto at = std::find(changeable_.begin(), changeable_.end(), f) - changeable_.begin();
    return changed_[static_cast<unsigned>(at)];
  }

  // The fact's variable equals `v` (the runtime's int64 encoding of a value).
  z3::expr equals(std::uint32_t f, std::int64_t v) {
    const FactVar& x = enc_.fact(f);
    switch (x.kind) {
      case TypeKind::boolean: return v != 0 ? x.value : !x.value;
      case TypeKind::integer: return x.value == ctx_.int_val(v);
      case TypeKind::enumeration:
        if (v < 0 || static_cast<std::size_t>(v) >= x.sort->values.size()) return ctx_.bool_val(false);
        return x.value == x.sort->values[static_cast<unsigned>(v)]();
      case TypeKind::set: {
        z3::expr_vector same(ctx_);
        for (std::size_t i = 0; i < x.members.size(); ++i) {
          const bool member = ((static_cast<std::uint64_t>(v) >> i) & 1u) != 0;
          same.push_back(member ? x.members[i] : !x.members[i]);
        }
        return same.empty() ? ctx_.bool_val(true) : z3::mk_and(same);
      }
    }
    throw std::logic_error("fact of unknown type kind");
  }

  const Program& p_;
  const Scenario& s_;
  std::vector<std::uint8_t> kept_;
  z3::context ctx_;
  SortCache sorts_;
  Encoder enc_;
  z3::solver solver_;
  analysis::internal::Watchdog watchdog_{ctx_};  // interrupts a query that outlives its limit
  std::chrono::milliseconds timeout_{0};
  std::vector<std::uint32_t> changeable_;
  z3::expr_vector changed_;
  z3::expr decides_{ctx_};
  std::set<std::string> defined_;  // the size literals already defined
  std::size_t queries_ = 0;
  double ms_ = 0;
};

std::vector<FactChange> changes_of(const Scenario& before, const Scenario& after, const std::vector<std::uint32_t>& facts) {
  std::vector<FactChange> out;
  for (std::uint32_t f : facts) {
    out.push_back(FactChange{f, before.known[f] != 0, before.values[f], after.values[f]});
  }
  return out;
}

std::vector<std::uint32_t> rules_with(const Program& p, const Result& r, Effect e) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < p.rules.size(); ++i) {
    if (r.rule_status[i] == RuleStatus::applied && p.rules[i].effect == e) out.push_back(i);
  }
  return out;
}

void add_cites(std::set<std::string>& out, const std::vector<Citation>& cites) {
  for (const Citation& c : cites) {
    if (!c.ref.empty()) out.insert(c.ref);
  }
}

// Why nothing can give the target: the stricter rules that apply whatever may change,
// and (for share) the covering policies that can never share.
void find_blockers(Search& search, const Program& p, const Result& original, Effect target, Explanation& e) {
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    if (p.rules[r].effect <= target) continue;
    if (original.rule_status[r] == RuleStatus::not_in_force) continue;
    if (search.can_avoid(r) == z3::unsat) e.blocking_rules.push_back(r);
  }
  if (target != Effect::share) return;
  for (std::uint32_t pol = 0; pol < p.policies.size(); ++pol) {
    if (search.policy_can_give(pol, target) == z3::unsat) e.blocking_policies.push_back(pol);
  }
}

void search_alternatives(Search& search, const std::shared_ptr<const Plan>& plan, const Scenario& s, Day on,
                         const ExplainOptions& o, Explanation& e) {
  const Program& p = plan->program();
  Evaluation replay(plan);
  replay.set_default_date(on);
  const Outcome want = static_cast<Outcome>(e.target);
  std::size_t failures = 0;
  bool any_possible = false;
  auto give_up = [&](std::string why) {
    e.complete = false;
    e.incomplete = std::move(why);
  };
  for (std::size_t k = 0; k <= search.changeable() && e.alternatives.size() < o.max_alternatives; ++k) {
    // Anything left of this size or larger, after the blocks so far?
    const z3::check_result left = search.check(k, false);
    if (left == z3::unknown) return give_up("the solver could not decide (time limit) whether more alternatives exist");
    if (left == z3::unsat) break;
    any_possible = true;
    while (e.alternatives.size() < o.max_alternatives) {
      const z3::check_result r = search.check(k, true);
      if (r == z3::unknown) return give_up("the solver could not decide (time limit) whether more alternatives exist");
      if (r == z3::unsat) break;
      Scenario changed;
      const std::vector<std::uint32_t> facts = search.candidate(changed);
      const Result result = replay.evaluate(changed);
      if (result.decision != want || !result.violated.empty()) {
        search.block_values(facts, changed);
        if (++failures > o.max_replay_failures) {
          return give_up("more candidates than the replay budget left facts unknown that the decision needs");
        }
        continue;
      }
      Alternative alt;
      alt.changes = changes_of(s, changed, facts);
      alt.decision = result.decision;
      alt.rules = rules_with(p, result, e.target);
      for (const PolicyResult& pr : result.policies) {
        if (pr.by_default && pr.decision == want) alt.defaults.push_back(pr.policy);
      }
      e.alternatives.push_back(std::move(alt));
      search.block_set(facts);
    }
  }
  if (!any_possible && e.alternatives.empty()) find_blockers(search, p, replay.evaluate(s), e.target, e);
}

}  // namespace

Explanation explain(const std::shared_ptr<const Plan>& plan, const Scenario& scenario, const ExplainOptions& options) {
  if (!plan) throw std::invalid_argument("explain: no plan");
  const Program& p = plan->program();
  if (scenario.values.size() != p.facts.size() || scenario.known.size() != p.facts.size()) {
    throw std::invalid_argument("explain: the scenario is not sized to the program");
  }
  if (!options.no_solver && (!scenario.known[kFactFrom] || !scenario.known[kFactTo])) {
    throw std::invalid_argument("the scenario does not name the flow: give `from` and `to`");
  }
  for (std::uint32_t f : options.keep) {
    if (f >= p.facts.size()) throw std::invalid_argument("explain: a kept fact is not in the program");
  }
  Evaluation evaluation(plan);
  evaluation.set_default_date(options.on);
  const Result original = evaluation.evaluate(scenario, EvaluateOptions{.keep_values = true});
  if (!original.violated.empty()) throw std::invalid_argument("the scenario makes a constraint false");
  const Day on = original.on;

  Explanation e;
  e.decision = original.decision;
  e.target = options.target ? *options.target : original.decision == Outcome::share ? Effect::deny : Effect::share;

  if (!options.no_solver) {
    try {
      Search search(p, scenario, p.has_dates() ? on : kNoDate, options, e.target);
      search_alternatives(search, plan, scenario, on, options, e);
      e.queries = search.queries();
      e.solver_ms = search.ms();
    } catch (const z3::exception& ex) {
      throw std::runtime_error(std::string("the solver failed: ") + ex.msg());
    }
  }

  std::set<std::string> cites;
  // No route when the solver proved that nothing gives share: the blockers say why.
  const bool no_route = !options.no_solver && e.complete && e.target == Effect::share && e.alternatives.empty();
  if (e.decision != Outcome::share && !no_route) {
    std::vector<std::uint32_t> route;
    if (e.target == Effect::share) {
      for (const Alternative& a : e.alternatives) {
        if (a.changes.empty()) continue;
        for (std::uint32_t r : a.rules) route.push_back(r);
      }
    }
    e.closest = analysis::internal::closest_route(p, original, route);
  }
  for (const Alternative& a : e.alternatives) {
    for (const FactChange& c : a.changes) add_cites(cites, p.facts[c.fact].cites);
    for (std::uint32_t r : a.rules) add_cites(cites, p.rules[r].cites);
  }
  if (original.decision != Outcome::undetermined) {
    for (std::uint32_t r : rules_with(p, original, static_cast<Effect>(original.decision))) add_cites(cites, p.rules[r].cites);
  }
  for (std::uint32_t r : e.blocking_rules) add_cites(cites, p.rules[r].cites);
  for (const RouteRule& rr : e.closest) {
    add_cites(cites, p.rules[rr.rule].cites);
    for (const RouteStep& step : rr.failed) {
      const Node& n = p.nodes[step.node];
      if (n.op == Op::condition) add_cites(cites, p.conditions[n.label].cites);
      if (n.op == Op::fact) add_cites(cites, p.facts[n.a].cites);
    }
  }
  e.cites.assign(cites.begin(), cites.end());
  return e;
}

}  // namespace proviso
