// Rule statuses, policy and bundle decisions, and undetermined decisions
// (language.md sections 5 and 6).
#include <algorithm>
#include <cstring>

#include "decide/eval_state.hpp"
#include "decide/undetermined.hpp"
#include "plan/truth.hpp"

namespace proviso {

namespace runtime::internal {

namespace {

// One bit per byte of p[0 .. n) (n <= 64) that equals `value`, eight bytes at a time.
std::uint64_t byte_mask(const std::uint8_t* p, std::uint32_t n, std::uint8_t value) {
  constexpr std::uint64_t kLow = 0x7f7f7f7f7f7f7f7full, kHigh = 0x8080808080808080ull;
  std::uint64_t mask = 0;
  std::uint32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, p + i, 8);
    x ^= 0x0101010101010101ull * value;                   // equal bytes become zero
    const std::uint64_t zero = ~(((x & kLow) + kLow) | x) & kHigh;  // their high bits
    mask |= (((zero >> 7) * 0x0102040810204080ull) >> 56) << i;    // gathered in order
  }
  for (; i < n; ++i) mask |= static_cast<std::uint64_t>(p[i] == value) << i;
  return mask;
}

}  // namespace

EvalState::PolicyDecision EvalState::decide_policy(std::uint32_t policy) const {
  const Policy& pol = program_.policies[policy];
  bool any = false, conflict = false;
  Effect first = Effect::share, strictest = Effect::share;
  const std::uint32_t end = pol.first_rule + pol.rule_count;
  for (std::uint32_t r = pol.first_rule; r < end; ++r) {
    if (!applies_[r]) continue;
    // beaten_by is transitive, so a rule in the middle of a chain need not apply.
    bool beaten = false;
    for (std::uint32_t j = plan_.beaten_begin[r], e = plan_.beaten_begin[r + 1]; j < e; ++j) {
      if (applies_[plan_.beaten[j]]) {
        beaten = true;
        break;
      }
    }
    if (beaten) continue;
    const Effect e = plan_.effect[r];
    if (!any) {
      any = true;
      first = strictest = e;
    } else {
      conflict |= e != first;
      strictest = std::max(strictest, e);
    }
  }
  if (!any) return {pol.default_effect, true, false};
  return {pol.combine == Combine::strictest ? strictest : first, false, conflict};
}

EvalState::PolicyDecision EvalState::decide_mask(std::uint32_t policy, std::uint64_t applies) const {
  const Policy& pol = program_.policies[policy];
  const PolicyMasks& m = plan_.masks[policy];
  std::uint64_t winners = 0;
  for (std::uint64_t rest = applies; rest != 0; rest &= rest - 1) {
    const int i = __builtin_ctzll(rest);
    if ((plan_.beaten_mask[pol.first_rule + i] & applies) == 0) winners |= std::uint64_t{1} << i;
  }
  if (winners == 0) return {pol.default_effect, true, false};
  const bool share = (winners & m.share) != 0, refer = (winners & m.refer) != 0, deny = (winners & m.deny) != 0;
  const bool conflict = share + refer + deny > 1;
  if (pol.combine == Combine::first) return {plan_.effect[pol.first_rule + __builtin_ctzll(winners)], false, conflict};
  return {deny ? Effect::deny : refer ? Effect::refer : Effect::share, false, conflict};
}

bool EvalState::rule_beaten(std::uint32_t rule) const {
  for (std::uint32_t j = plan_.beaten_begin[rule]; j < plan_.beaten_begin[rule + 1]; ++j) {
    if (rule_truth()[plan_.beaten[j]] == kTrue) return true;
  }
  return false;
}

// Undetermined decisions (language.md section 6): the baseline treats every
// undetermined rule (condition unknown) as not applying, and is the decision when no rule
// is undetermined. Otherwise the decision is undetermined exactly when two assignments
// of the undetermined rules give different bundle decisions: decide/undetermined.hpp
// computes, per covering policy, the least and the most strict decision assignments can
// give it, and the bundle's are the strictest of those. A policy's own decision is
// undetermined when its two differ. Only effects are compared: an assignment that would
// merely add an obligation to a `share` does not make the decision undetermined; the
// result lists such obligations apart (possible_obligations).
Outcome EvalState::run(const Scenario& s, bool per_policy) {
  sweep(s);
  apply_dates(s);
  const Program& p = program_;

  covering_.clear();
  const bool from_known = s.known[kFactFrom] != 0, to_known = s.known[kFactTo] != 0;
  const std::int64_t from = s.values[kFactFrom], to = s.values[kFactTo];
  for (std::uint32_t i = 0; i < p.policies.size(); ++i) {
    const std::int32_t sector = p.policies[i].sector;
    const bool covers = sector < 0 || (from_known && sector == from) || (to_known && sector == to);
    if (covers && policy_in_force(i)) covering_.push_back(i);
  }
  no_cover_ = covering_.empty();
  if (no_cover_) return Outcome::deny;

  // Baseline: undetermined rules do not apply.
  Effect top = Effect::share;
  bool any_open_rule = false;
  for (std::uint32_t pi : covering_) {
    const Policy& pol = p.policies[pi];
    bool open_rule = false;
    if (plan_.masks[pi].small) {
      const std::uint8_t* const truth = rule_truth() + pol.first_rule;
      const std::uint64_t applies = byte_mask(truth, pol.rule_count, kTrue);
      const std::uint64_t unknown = byte_mask(truth, pol.rule_count, kUnknown);
      applies_mask_[pi] = applies;
      unknown_mask_[pi] = unknown;
      open_rule = unknown != 0;
      decision_[pi] = decide_mask(pi, applies);
    } else {
      for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
        const std::uint8_t t = rule_truth()[r];
        applies_[r] = t == kTrue;
        open_rule |= t == kUnknown;
      }
      decision_[pi] = decide_policy(pi);
    }
    undetermined_rules_[pi] = open_rule;
    policy_open_[pi] = 0;
    any_open_rule |= open_rule;
    top = std::max(top, decision_[pi].effect);
  }
  if (!any_open_rule) return static_cast<Outcome>(top);

  runtime::internal::ExactState& exact = *exact_;
  runtime::internal::OthersLowest lowest;
  Effect highest = Effect::share;
  for (std::uint32_t pi : covering_) {
    runtime::internal::Reach r{decision_[pi].effect, decision_[pi].effect};
    if (undetermined_rules_[pi]) {
      r = exact.with_policy(pi, rule_truth() + p.policies[pi].first_rule, applies_mask_[pi], unknown_mask_[pi],
                            [](const auto& input, const auto&) { return runtime::internal::reach(input); });
    }
    exact.reach[pi] = r;
    policy_open_[pi] = !r.determined();
    lowest.add(r.lowest);
    highest = std::max(highest, r.highest);
    // A policy that cannot decide less than deny settles the bundle.
    if (!per_policy && r.lowest == Effect::deny) return Outcome::deny;
  }
  // The baseline is one assignment, so it lies between the two.
  return lowest.all() == highest ? static_cast<Outcome>(top) : Outcome::undetermined;
}

void EvalState::evaluate(const Scenario& s, Result& out, bool keep_values) {
  const Program& p = program_;
  const Outcome decision = run(s, true);
  out.decision = decision;
  out.on = has_dates_ ? date_ : date_of(s);  // run() already took it when dates matter
  violated_constraints(out);
  out.no_covering_policy = no_cover_;
  out.obligations.clear();
  out.missing.clear();
  out.overflow.clear();
  out.next_question = kNone;
  out.possible_obligations.clear();
  out.obligation_questions.clear();
  if (keep_values) {
    store_values(out.values);
  } else {
    out.values.nodes.clear();  // never the values of an earlier evaluation
    out.values.rules.clear();
  }
  out.rule_status.assign(p.rules.size(), RuleStatus::not_applicable);
  out.policies.resize(covering_.size());

  for (std::size_t i = 0; i < covering_.size(); ++i) {
    const std::uint32_t pi = covering_[i];
    const Policy& pol = p.policies[pi];
    const PolicyDecision& d = decision_[pi];
    PolicyResult& pr = out.policies[i];
    pr.policy = pi;
    pr.decision = policy_open_[pi] ? Outcome::undetermined : static_cast<Outcome>(d.effect);
    pr.by_default = d.by_default;
    pr.conflict = d.conflict;
    pr.obligations.clear();
    for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
      const Tri t = to_tri(rule_truth()[r]);
      RuleStatus status = RuleStatus::not_applicable;
      if (has_dates_ && !p.rules[r].effective.in_force(date_)) {
        status = RuleStatus::not_in_force;
      } else if (t == Tri::unknown) {
        status = RuleStatus::undetermined;
        // Every fact it reads is known, yet it is unknown: only an overflow does that.
        const auto& facts = p.rules[r].facts;
        if (std::all_of(facts.begin(), facts.end(), [&](std::uint32_t f) { return f < s.known.size() && s.known[f]; })) {
          out.overflow.push_back(r);
        }
      } else if (t == Tri::true_) {
        status = rule_beaten(r) ? RuleStatus::overridden : RuleStatus::applied;
      }
      out.rule_status[r] = status;
      if (status == RuleStatus::applied && plan_.effect[r] == Effect::share && pr.decision == Outcome::share) {
        for (std::uint32_t o : p.rules[r].requires_) {
          if (!obligation_mark_[o]) {
            obligation_mark_[o] = 1;
            pr.obligations.push_back(o);
          }
        }
      }
    }
    for (std::uint32_t o : pr.obligations) obligation_mark_[o] = 0;
    std::sort(pr.obligations.begin(), pr.obligations.end());
  }

  if (decision == Outcome::share) {
    for (const PolicyResult& pr : out.policies) {
      for (std::uint32_t o : pr.obligations) {
        if (!obligation_mark_[o]) {
          obligation_mark_[o] = 1;
          out.obligations.push_back(o);
        }
      }
    }
    for (std::uint32_t o : out.obligations) obligation_mark_[o] = 0;
    std::sort(out.obligations.begin(), out.obligations.end());
    possible_obligations(out);
  } else if (decision == Outcome::undetermined) {
    missing_facts(out);
  }
}

void EvalState::violated_constraints(Result& out) const {
  out.violated.clear();
  for (std::uint32_t c = 0; c < constraint_slots_.size(); ++c) {
    if (truth_[constraint_slots_[c]] == kFalse) out.violated.push_back(c);
  }
}

// What evaluate() gives for the decision, its obligations and its missing facts, by the
// shortest road. run() without per_policy stops early only on deny, which needs neither
// obligations nor missing facts. A bundle that decides share has every covering policy
// decide share (the bundle's is the strictest), so the obligations are those of the share
// rules that applied: true, in force (apply_dates made the others false) and not beaten.
void EvalState::evaluate_decision(const Scenario& s, Result& out) {
  const Program& p = program_;
  const Outcome decision = run(s, false);
  out.decision = decision;
  out.on = has_dates_ ? date_ : date_of(s);
  violated_constraints(out);
  out.no_covering_policy = no_cover_;
  out.obligations.clear();
  out.missing.clear();
  out.next_question = kNone;
  out.possible_obligations.clear();
  out.obligation_questions.clear();
  out.overflow.clear();
  out.policies.clear();
  out.rule_status.clear();
  out.values.nodes.clear();
  out.values.rules.clear();

  if (decision == Outcome::share) {
    auto add = [&](std::uint32_t r) {
      if (plan_.effect[r] != Effect::share) return;
      for (std::uint32_t o : p.rules[r].requires_) {
        if (!obligation_mark_[o]) {
          obligation_mark_[o] = 1;
          out.obligations.push_back(o);
        }
      }
    };
    for (std::uint32_t pi : covering_) {
      const Policy& pol = p.policies[pi];
      if (plan_.masks[pi].small) {
        const std::uint64_t applies = applies_mask_[pi];
        for (std::uint64_t rest = applies; rest != 0; rest &= rest - 1) {
          const std::uint32_t r = pol.first_rule + static_cast<std::uint32_t>(__builtin_ctzll(rest));
          if ((plan_.beaten_mask[r] & applies) == 0) add(r);
        }
      } else {
        for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
          if (rule_truth()[r] == kTrue && !rule_beaten(r)) add(r);
        }
      }
    }
    for (std::uint32_t o : out.obligations) obligation_mark_[o] = 0;
    std::sort(out.obligations.begin(), out.obligations.end());
  } else if (decision == Outcome::undetermined) {
    missing_facts(out);
  }
}

// The relevant unknown facts of the pivotal rules, and the one relevant to the most of
// them. Runs only for an undetermined decision, when some rule is pivotal.
void EvalState::missing_facts(Result& out) {
  const Program& p = program_;
  runtime::internal::ExactState& exact = *exact_;
  runtime::internal::OthersLowest lowest;
  for (std::uint32_t pi : covering_) lowest.add(exact.reach[pi].lowest);
  auto value = [this](std::uint32_t node) { return node_value(node); };
  const runtime::internal::NodeValues values(value);
  exact.rules.clear();
  for (std::uint32_t pi : covering_) {
    if (!undetermined_rules_[pi]) continue;
    const Effect others = lowest.without(exact.reach[pi].lowest);
    exact.with_policy(pi, rule_truth() + p.policies[pi].first_rule, applies_mask_[pi], unknown_mask_[pi],
                      [&](const auto& input, const auto& rule_of) {
                        runtime::internal::for_each(runtime::internal::pivotal(input, others),
                                                    [&](std::uint32_t i) { exact.rules.push_back(rule_of(i)); });
                      });
  }
  exact.relevant.count(exact.rules, values, exact.fact_count, out.missing);
  std::sort(out.missing.begin(), out.missing.end());
  std::uint32_t best = 0;
  for (std::uint32_t f : out.missing) {
    if (exact.fact_count[f] > best) {  // strictly more: a tie keeps the earlier fact
      best = exact.fact_count[f];
      out.next_question = f;
    }
    exact.fact_count[f] = 0;
  }
}

// The share stands, but an undetermined share rule that no applying rule beats would
// add its obligations if it applied: a `share` must not hide a DPIA that an unanswered
// question could still require. Since every assignment decides share, such a rule wins
// (and its policy shares) when it applies alone. `out.obligations` is final and sorted.
void EvalState::possible_obligations(Result& out) {
  auto open = [&](std::uint32_t pi) { return undetermined_rules_[pi] != 0; };
  if (std::none_of(covering_.begin(), covering_.end(), open)) return;  // nothing undetermined
  const Program& p = program_;
  runtime::internal::ExactState& exact = *exact_;
  auto value = [this](std::uint32_t node) { return node_value(node); };
  const runtime::internal::NodeValues values(value);
  exact.rules.clear();
  for (std::uint32_t pi : covering_) {
    const Policy& pol = p.policies[pi];
    for (std::uint32_t r = pol.first_rule; r < pol.first_rule + pol.rule_count; ++r) {
      const Rule& rule = p.rules[r];
      if (rule_truth()[r] != kUnknown || rule.effect != Effect::share || rule_beaten(r)) continue;
      bool adds = false;
      for (std::uint32_t o : rule.requires_) {
        if (std::binary_search(out.obligations.begin(), out.obligations.end(), o)) continue;
        adds = true;
        if (obligation_mark_[o]) continue;
        obligation_mark_[o] = 1;
        out.possible_obligations.push_back(o);
      }
      if (adds) exact.rules.push_back(r);
    }
  }
  exact.relevant.count(exact.rules, values, exact.fact_count, out.obligation_questions);
  for (std::uint32_t o : out.possible_obligations) obligation_mark_[o] = 0;
  for (std::uint32_t f : out.obligation_questions) exact.fact_count[f] = 0;
  std::sort(out.possible_obligations.begin(), out.possible_obligations.end());
  std::sort(out.obligation_questions.begin(), out.obligation_questions.end());
}

}  // namespace runtime::internal

bool share_defers(const Program& p, const Result& r, const PolicyResult& pr) {
  if (pr.decision != Outcome::share) return false;
  const Policy& pol = p.policies[pr.policy];
  if (pol.defers) return true;
  if (pr.by_default) return false;
  for (std::uint32_t rule = pol.first_rule; rule < pol.first_rule + pol.rule_count; ++rule) {
    // Only shares count: under `combine first` a deny or refer may apply and lose, and
    // it says nothing about whether the winning share stands on its own.
    const Rule& rl = p.rules[rule];
    if (r.rule_status[rule] == RuleStatus::applied && rl.effect == Effect::share && !rl.defers) return false;
  }
  return true;
}

}  // namespace proviso
