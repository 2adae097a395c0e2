// The diff must find exactly the kinds of decision change that running both versions
// on every scenario finds, and each witness must replay through both runtimes.
#include <gtest/gtest.h>


#include <random>
#include <set>
#include <tuple>

#include "analysis/brute_force.hpp"
#include "analysis/random_program.hpp"
#include "proviso/analysis/diff.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::test {
namespace {

// A new version: a few effects, defaults, combine modes, sectors, thresholds and
// obligations changed. Facts and overrides stay, so scenarios are shared.
Program mutate(const Program& p, std::uint32_t seed) {
  Program q = p;
  std::mt19937 rng(seed);
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint32_t>(hi - lo + 1)); };
  int changes = pick(1, 3);
  for (int i = 0; i < changes; ++i) {
    switch (pick(0, 5)) {
      case 0: {
        Rule& r = q.rules[static_cast<std::size_t>(pick(0, static_cast<int>(q.rules.size()) - 1))];
        r.effect = static_cast<Effect>(pick(0, 2));
        if (r.effect != Effect::share) r.requires_.clear();
        break;
      }
      case 1: q.policies[static_cast<std::size_t>(pick(0, static_cast<int>(q.policies.size()) - 1))].default_effect = static_cast<Effect>(pick(0, 2)); break;
      case 2: {
        Policy& pol = q.policies[static_cast<std::size_t>(pick(0, static_cast<int>(q.policies.size()) - 1))];
        pol.combine = pol.combine == Combine::first ? Combine::strictest : Combine::first;
        break;
      }
      case 3: q.policies[static_cast<std::size_t>(pick(0, static_cast<int>(q.policies.size()) - 1))].sector = pick(-1, 2); break;
      case 4: {
        for (Node& n : q.nodes) {
          if (n.op == Op::const_int && q.types[n.type].kind == TypeKind::integer && pick(0, 2) == 0) n.imm += pick(-1, 1);
        }
        break;
      }
      default: {
        Rule& r = q.rules[static_cast<std::size_t>(pick(0, static_cast<int>(q.rules.size()) - 1))];
        if (r.effect == Effect::share) r.requires_ = {static_cast<std::uint32_t>(pick(0, 1))};
        break;
      }
    }
  }
  return q;
}

std::string kind_key(Outcome from, Outcome to, ChangeKind k) {
  return std::string(to_string(from)) + "->" + std::string(to_string(to)) + " " + std::string(to_string(k));
}

std::set<std::string> brute_force_changes(const Program& a, const Program& b) {
  std::set<std::string> out;
  Evaluation ea(make_plan(a)), eb(make_plan(b));
  for_each_scenario(a, [&](const Scenario& s) {
    Result ra = ea.evaluate(s), rb = eb.evaluate(s);
    if (ra.decision == Outcome::undetermined || rb.decision == Outcome::undetermined) return;
    if (ra.decision != rb.decision) {
      out.insert(kind_key(ra.decision, rb.decision, ChangeKind::decision));
    } else if (ra.decision == Outcome::share) {
      std::set<std::uint32_t> x(ra.obligations.begin(), ra.obligations.end()), y(rb.obligations.begin(), rb.obligations.end());
      for (auto o : y) {
        if (!x.count(o)) out.insert(kind_key(Outcome::share, Outcome::share, ChangeKind::obligations_added));
      }
      for (auto o : x) {
        if (!y.count(o)) out.insert(kind_key(Outcome::share, Outcome::share, ChangeKind::obligations_removed));
      }
    }
  });
  return out;
}

Outcome replay_decision(const Program& p, const std::string& json) {
  ScenarioReader reader(p);
  Scenario s;
  Diagnostic error;
  if (!reader.read(json, s, error)) {
    ADD_FAILURE() << "witness rejected: " << error.message << " in " << json;
    return Outcome::undetermined;
  }
  return Evaluation(make_plan(p)).evaluate(s).decision;
}

std::size_t known(const Program& p, const std::string& json) {
  ScenarioReader reader(p);
  Scenario s;
  Diagnostic error;
  if (!reader.read(json, s, error)) return 0;
  std::size_t n = 0;
  for (std::uint8_t k : s.known) n += k;
  return n;
}

// Every fully specified scenario that agrees with the shortened witnesses (the facts
// they keep) shows the same change, decided by the same rules. Empty when each does.
std::string every_completion(const Program& old_p, const Program& new_p, const DecisionChange& c) {
  ScenarioReader old_reader(old_p), new_reader(new_p);
  Scenario old_s, new_s;
  Diagnostic error;
  if (!old_reader.read(c.old_witness_json, old_s, error)) return "old witness rejected: " + error.message;
  if (!new_reader.read(c.new_witness_json, new_s, error)) return "new witness rejected: " + error.message;
  Evaluation ea(make_plan(old_p)), eb(make_plan(new_p));
  std::string failure;
  for_each_scenario(old_p, [&](const Scenario& s) {
    if (!failure.empty()) return;
    for (std::uint32_t f = 0; f < s.values.size(); ++f) {
      if (old_s.known[f] && s.values[f] != old_s.values[f]) return;
      if (new_s.known[f] && s.values[f] != new_s.values[f]) return;
    }
    Result ra = ea.evaluate(s), rb = eb.evaluate(s);
    if (ra.decision != c.from || rb.decision != c.to) {
      failure = "a completion decides " + std::string(to_string(ra.decision)) + " -> " + std::string(to_string(rb.decision)) +
                " (witness " + c.new_witness_json + ")";
    }
    for (const auto& [p, r, names] : {std::tuple{&old_p, &ra, &c.old_outcome.rules}, std::tuple{&new_p, &rb, &c.new_outcome.rules}}) {
      for (const std::string& name : *names) {
        if (r->rule_status[p->find_rule(name)] != RuleStatus::applied) failure = name + " is not applied in a completion";
      }
    }
  });
  return failure;
}

TEST(DiffRandom, KindsOfChangeEqualBruteForce) {
  std::size_t changes_seen = 0, small_facts = 0, full_facts = 0;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    Program old_p = random_program(seed);
    Program new_p = mutate(old_p, seed * 7919u);
    DiffResult r = diff_programs(old_p, new_p);
    EXPECT_TRUE(r.inconclusive.empty()) << "seed " << seed << ": " << r.inconclusive.front();
    std::set<std::string> got;
    for (const DecisionChange& c : r.changes) {
      got.insert(kind_key(c.from, c.to, c.kind));
      EXPECT_EQ(replay_decision(old_p, c.old_witness_full_json), c.from) << "seed " << seed;
      EXPECT_EQ(replay_decision(new_p, c.new_witness_full_json), c.to) << "seed " << seed;
      EXPECT_EQ(every_completion(old_p, new_p, c), "") << "seed " << seed << "\nold:\n" << describe(old_p) << "new:\n"
                                                      << describe(new_p);
      small_facts += known(old_p, c.old_witness_json);
      full_facts += known(old_p, c.old_witness_full_json);
      EXPECT_EQ(c.old_outcome.decision, c.from);
      EXPECT_EQ(c.new_outcome.decision, c.to);
      if (c.kind == ChangeKind::obligations_added) {
        EXPECT_FALSE(c.obligations_added.empty());
      }
      if (c.kind == ChangeKind::obligations_removed) {
        EXPECT_FALSE(c.obligations_removed.empty());
      }
    }
    changes_seen += got.size();
    std::set<std::string> expected = brute_force_changes(old_p, new_p);
    ASSERT_EQ(got, expected) << "seed " << seed << "\nold:\n" << describe(old_p) << "new:\n" << describe(new_p);
  }
  // The generator must actually produce changes for the comparison to mean anything.
  EXPECT_GT(changes_seen, 100u);
  // ...and witnesses that leave facts out.
  EXPECT_LT(small_facts, full_facts);
}

TEST(DiffRandom, IdenticalVersionsHaveNoChange) {
  for (std::uint32_t seed = 500; seed < 530; ++seed) {
    Program p = random_program(seed);
    DiffResult r = diff_programs(p, p);
    EXPECT_TRUE(r.changes.empty()) << "seed " << seed;
    EXPECT_TRUE(r.inconclusive.empty());
    EXPECT_EQ(r.queries, 8u);
  }
}

}  // namespace
}  // namespace proviso::test
