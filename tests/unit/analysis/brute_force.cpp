#include "analysis/brute_force.hpp"

#include <limits>
#include <stdexcept>

#include "proviso/runtime/evaluate.hpp"

namespace proviso::test {

namespace {

// The values a fact takes in the enumeration: its whole type when small, and for an
// unbounded int the values around zero and the 64-bit edges, where overflow lives.
std::vector<std::int64_t> domain_of(const Program& p, const Fact& f) {
  const Type& t = p.types[f.type];
  std::vector<std::int64_t> out;
  auto range = [&](std::int64_t lo, std::int64_t hi) {
    for (std::int64_t v = lo; v <= hi; ++v) out.push_back(v);
  };
  switch (t.kind) {
    case TypeKind::boolean: range(0, 1); break;
    case TypeKind::integer:
      if (t.lo == std::numeric_limits<std::int64_t>::min() && t.hi == std::numeric_limits<std::int64_t>::max()) {
        out = edge_values();
      } else if (t.hi - t.lo > 4096) {
        throw std::logic_error("brute force needs small int bounds: " + f.name);
      } else {
        range(t.lo, t.hi);
      }
      break;
    case TypeKind::enumeration: range(0, static_cast<std::int64_t>(t.values.size()) - 1); break;
    case TypeKind::set: range(0, (std::int64_t{1} << p.types[t.element].values.size()) - 1); break;
  }
  return out;
}

bool holds(RuleStatus s) { return s == RuleStatus::applied || s == RuleStatus::overridden; }

bool beats(const Program& p, std::uint32_t winner, std::uint32_t loser) {
  for (std::uint32_t b : p.rules[loser].beaten_by) {
    if (b == winner) return true;
  }
  return false;
}

}  // namespace

std::vector<std::int64_t> edge_values() {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  return {kMin, kMin + 1, kMin / 2, kMin / 2 - 1, -3, -2, -1, 0, 1, 2, 3, kMax / 2, kMax / 2 + 1, kMax - 1, kMax};
}

void for_each_scenario(const Program& p, const std::function<void(const Scenario&)>& visit) {
  std::vector<std::vector<std::int64_t>> domains;
  for (const Fact& f : p.facts) domains.push_back(domain_of(p, f));
  Scenario s;
  s.reset(p.facts.size());
  std::vector<std::size_t> at(domains.size(), 0);
  for (std::size_t i = 0; i < domains.size(); ++i) {
    if (domains[i].empty()) return;
    s.set(static_cast<std::uint32_t>(i), domains[i][0]);
  }
  if (domains.empty()) return;
  for (;;) {
    visit(s);
    std::size_t i = 0;
    while (i < domains.size() && at[i] + 1 == domains[i].size()) {
      at[i] = 0;
      s.values[i] = domains[i][0];
      ++i;
    }
    if (i == domains.size()) return;
    s.values[i] = domains[i][++at[i]];
  }
}

Findings brute_force(const Program& p) {
  Findings out;
  const std::size_t rules = p.rules.size();
  std::vector<std::uint8_t> ever_holds(rules, 0), ever_applied(rules, 0), ever_accepted(rules, 0), ever_shared(rules, 0);
  std::vector<std::vector<std::uint8_t>> together(rules, std::vector<std::uint8_t>(rules, 0));
  Evaluation ev(make_plan(p));
  Result r;
  for_each_scenario(p, [&](const Scenario& s) {
    ev.evaluate(s, r);
    for (std::size_t i = 0; i < rules; ++i) {
      if (holds(r.rule_status[i])) ever_holds[i] = 1;
      if (r.rule_status[i] != RuleStatus::applied) continue;
      ever_applied[i] = 1;
      // `deferral-gap`: its policy lets the acceptance stand, and the bundle shares.
      for (const PolicyResult& pr : r.policies) {
        if (pr.policy == p.rules[i].policy && pr.decision == Outcome::share) ever_accepted[i] = 1;
      }
      if (r.decision == Outcome::share) ever_shared[i] = 1;
      for (std::size_t j = i + 1; j < rules; ++j) {
        if (r.rule_status[j] == RuleStatus::applied) together[i][j] = 1;
      }
    }
    for (const PolicyResult& pr : r.policies) {
      if (pr.by_default && pr.decision != Outcome::undetermined) out.gaps.insert(pr.policy);
    }
    // A share that defers (share_defers) expects the other policy's deny: no disagreement.
    auto contests = [&](const PolicyResult& x) { return x.decision == Outcome::share && !share_defers(p, r, x); };
    for (const PolicyResult& a : r.policies) {
      for (const PolicyResult& b : r.policies) {
        if (a.policy < b.policy &&
            ((contests(a) && b.decision == Outcome::deny) || (a.decision == Outcome::deny && contests(b)))) {
          out.cross.insert({a.policy, b.policy});
        }
      }
    }
  });
  for (std::uint32_t i = 0; i < rules; ++i) {
    if (!ever_holds[i]) out.dead.insert(i);
    if (ever_holds[i] && !ever_applied[i]) out.shadowed.insert(i);
    // A deferring share whose acceptance never ends in a share: `deferral-gap`.
    const bool deferring = p.rules[i].effect == Effect::share && (p.rules[i].defers || p.policies[p.rules[i].policy].defers);
    if (deferring && ever_accepted[i] && !ever_shared[i]) out.deferral_gaps.insert(i);
    for (std::uint32_t j = i + 1; j < rules; ++j) {
      const Rule& a = p.rules[i];
      const Rule& b = p.rules[j];
      if (a.policy != b.policy || a.effect == b.effect || beats(p, i, j) || beats(p, j, i)) continue;
      if (together[i][j]) out.conflicts.insert({i, j});
    }
  }
  return out;
}

Findings collect(const Program& p, const Diagnostics& ds) {
  Findings out;
  auto rule = [&](const std::string& name) {
    std::uint32_t id = p.find_rule(name);
    if (id == kNone) throw std::logic_error("finding names no rule: " + name);
    return id;
  };
  auto policy_of = [&](const std::string& name) -> std::uint32_t {
    std::uint32_t id = p.find_rule(name);
    if (id != kNone) return p.rules[id].policy;
    id = p.find_policy(name);
    if (id == kNone) throw std::logic_error("finding names no rule or policy: " + name);
    return id;
  };
  for (const Diagnostic& d : ds.items()) {
    // A grouped finding holds for its `others` too; the programs here are small enough
    // that none is left unnamed.
    if (d.others.size() != d.others_count) throw std::logic_error("a grouped finding left rules unnamed: " + d.message);
    switch (d.code) {
      case Code::conflict:
        out.conflicts.insert({rule(d.rules.at(0)), rule(d.rules.at(1))});
        for (const std::string& other : d.others) out.conflicts.insert({rule(other), rule(d.rules.at(1))});
        break;
      case Code::dead_rule: out.dead.insert(rule(d.rules.at(0))); break;
      case Code::shadowed_rule:
        out.shadowed.insert(rule(d.rules.at(0)));
        for (const std::string& other : d.others) out.shadowed.insert(rule(other));
        break;
      case Code::gap: out.gaps.insert(policy_of(d.rules.at(0))); break;
      case Code::cross_policy_conflict: out.cross.insert({policy_of(d.rules.at(0)), policy_of(d.rules.at(1))}); break;
      case Code::deferral_gap: out.deferral_gaps.insert(rule(d.rules.at(0))); break;
      case Code::inconclusive: ++out.inconclusive; break;
      default: break;
    }
  }
  return out;
}

bool always_overridden_by(const Program& p, std::uint32_t rule, const std::vector<std::uint32_t>& shadowers) {
  Evaluation ev(make_plan(p));
  Result r;
  bool ok = true;
  for_each_scenario(p, [&](const Scenario& s) {
    if (!ok) return;
    ev.evaluate(s, r);
    if (!holds(r.rule_status[rule])) return;
    bool covered = false;
    for (std::uint32_t x : shadowers) covered = covered || holds(r.rule_status[x]);
    ok = covered;
  });
  return ok;
}

std::string to_text(const Program& p, const Findings& f) {
  std::string out;
  for (auto [a, b] : f.conflicts) out += "conflict " + p.rule_qualified_name(a) + " " + p.rule_qualified_name(b) + "\n";
  for (auto r : f.dead) out += "dead " + p.rule_qualified_name(r) + "\n";
  for (auto r : f.shadowed) out += "shadowed " + p.rule_qualified_name(r) + "\n";
  for (auto g : f.gaps) out += "gap " + p.policies[g].name + "\n";
  for (auto [a, b] : f.cross) out += "cross " + p.policies[a].name + " " + p.policies[b].name + "\n";
  for (std::uint32_t r : f.deferral_gaps) out += "deferral-gap " + p.rule_qualified_name(r) + "\n";
  if (f.inconclusive > 0) out += "inconclusive " + std::to_string(f.inconclusive) + "\n";
  return out;
}

}  // namespace proviso::test
