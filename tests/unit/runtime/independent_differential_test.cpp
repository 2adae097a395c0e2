// The runtime against an independent reference: bundles generated as trees
// (tests/unit/reference/), printed as Proviso text, compiled and evaluated through the
// public API (compile_text, make_plan, Evaluation), while the reference evaluates the
// generator's own tree. Every field of the Result is compared by name: the decision
// (evaluate() and decide()), no_covering_policy, obligations, missing, next_question,
// possible_obligations, obligation_questions, each covering policy's decision, default,
// conflict, obligations and defers, and every rule's status. Policies reach a hundred
// rules, so both decision paths (up to 64 rules a policy, and past it) are compared.
//
//   PROVISO_SEED=N    the first seed (default 1); each bundle's seed is printed on failure
//   PROVISO_SCALE=X   X times as many bundles (default 1; scripts/soak.sh runs 100)
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "reference/bundle_model.hpp"
#include "reference/bundle_reference.hpp"

namespace proviso {
namespace {

std::uint64_t env_seed() {
  const char* s = std::getenv("PROVISO_SEED");
  return s && *s ? std::strtoull(s, nullptr, 10) : 1;
}

double env_scale() {
  const char* s = std::getenv("PROVISO_SCALE");
  const double x = s && *s ? std::strtod(s, nullptr) : 1.0;
  return x > 0 ? x : 1.0;
}

// Where the runtime's ids meet the model's names.
struct Names {
  const Program& p;
  std::vector<std::uint32_t> fact_id;  // model fact -> program fact

  Names(const Program& program, const model::Bundle& b) : p(program) {
    for (const model::FactDecl& f : b.facts) fact_id.push_back(p.find_fact(f.name));
  }

  std::string fact(std::uint32_t id) const { return id == kNone ? "" : p.facts[id].name; }
  std::vector<std::string> facts(const std::vector<std::uint32_t>& ids) const {
    std::vector<std::string> out;
    for (std::uint32_t id : ids) out.push_back(fact(id));
    return out;
  }
  std::vector<std::string> obligations(const std::vector<std::uint32_t>& ids) const {
    std::vector<std::string> out;
    for (std::uint32_t id : ids) out.push_back(p.obligations[id].name);
    return out;
  }
};

// The model's values in the program's encoding: enum values and set members by name.
bool to_scenario(const model::Bundle& b, const model::Facts& facts, const Names& n, Scenario& s, std::string& error) {
  s.reset(n.p.facts.size());
  for (std::uint32_t i = 0; i < facts.size(); ++i) {
    if (n.fact_id[i] == kNone) {
      error = "the program has no fact " + b.facts[i].name;
      return false;
    }
    if (!facts[i]) continue;
    const model::FactDecl& f = b.facts[i];
    const Type& t = n.p.types[n.p.facts[n.fact_id[i]].type];
    std::int64_t raw = *facts[i];
    if (f.kind == model::Kind::enumeration) {
      raw = t.value_index(b.enums[f.enum_type].values[static_cast<std::size_t>(raw)]);
    } else if (f.kind == model::Kind::set) {
      const Type& element = n.p.types[t.element];
      std::uint64_t mask = 0;
      const auto& values = b.enums[f.enum_type].values;
      for (std::size_t v = 0; v < values.size(); ++v) {
        if ((static_cast<std::uint64_t>(*facts[i]) >> v) & 1u) mask |= 1ull << element.value_index(values[v]);
      }
      raw = static_cast<std::int64_t>(mask);
    }
    if (raw == kNone) {
      error = "the program's type of " + f.name + " lacks a value the model has";
      return false;
    }
    s.set(n.fact_id[i], raw);
  }
  return true;
}

std::string join(const std::vector<std::string>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

// Every difference, one a line; empty when the runtime and the reference agree.
std::string compare(const model::Bundle& b, const Names& n, const Result& r, Outcome decided, const model::Verdict& v) {
  std::string d;
  auto field = [&](const std::string& what, const std::string& got, const std::string& want) {
    if (got != want) d += what + ": runtime " + got + ", reference " + want + "\n";
  };
  field("decision", std::string(to_string(r.decision)), v.decision);
  field("decide()", std::string(to_string(decided)), v.decision);
  field("no_covering_policy", r.no_covering_policy ? "true" : "false", v.no_covering_policy ? "true" : "false");
  field("obligations", join(n.obligations(r.obligations)), join(v.obligations));
  field("missing", join(n.facts(r.missing)), join(v.missing));
  field("next_question", n.fact(r.next_question), v.next_question);
  field("possible_obligations", join(n.obligations(r.possible_obligations)), join(v.possible_obligations));
  field("obligation_questions", join(n.facts(r.obligation_questions)), join(v.obligation_questions));
  std::vector<std::string> covering;
  for (const PolicyResult& pr : r.policies) covering.push_back(n.p.policies[pr.policy].name);
  std::vector<std::string> want_covering;
  for (const model::PolicyVerdict& pv : v.policies) want_covering.push_back(pv.name);
  field("covering policies", join(covering), join(want_covering));
  if (covering == want_covering) {
    for (std::size_t i = 0; i < r.policies.size(); ++i) {
      const PolicyResult& pr = r.policies[i];
      const model::PolicyVerdict& pv = v.policies[i];
      const std::string at = "policy " + pv.name + " ";
      field(at + "decision", std::string(to_string(pr.decision)), pv.decision);
      field(at + "by_default", pr.by_default ? "true" : "false", pv.by_default ? "true" : "false");
      field(at + "conflict", pr.conflict ? "true" : "false", pv.conflict ? "true" : "false");
      field(at + "obligations", join(n.obligations(pr.obligations)), join(pv.obligations));
      field(at + "defers", share_defers(n.p, r, pr) ? "true" : "false", pv.defers ? "true" : "false");
    }
  }
  const std::vector<std::string> rules = model::qualified_rule_names(b);
  if (r.rule_status.size() != rules.size()) {
    d += "rule count: runtime " + std::to_string(r.rule_status.size()) + ", reference " + std::to_string(rules.size()) + "\n";
  } else {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::uint32_t id = n.p.find_rule(rules[i]);
      if (id == kNone) {
        d += "the program has no rule " + rules[i] + "\n";
        continue;
      }
      field("rule " + rules[i], std::string(to_string(r.rule_status[id])), v.rule_status[i]);
    }
  }
  return d;
}

// What a run covered, so that a generator drifting into trivial bundles fails instead
// of passing vacuously.
struct Coverage {
  long planned = 0;   // bundles times scenarios
  long compared = 0;
  long decisions[4] = {};  // share, refer, deny, undetermined
  long applied = 0, not_applicable = 0, overridden = 0, undetermined_rules = 0;
  long conflicts = 0, defaults = 0, not_defaults = 0, uncovered = 0, obligations = 0;
  long missing = 0, possible = 0, defers = 0, policy_undetermined = 0;
  long wide_policies = 0, wide_conflicts = 0, wide_defaults = 0;  // covering policies past 64 rules
  long revealed = 0;  // facts made known to keep the enumeration small
  long skipped = 0;   // scenarios redrawn: too many rules undetermined even with every fact known

  std::string summary() const {
    char s[512];
    std::snprintf(s, sizeof s,
                  "decisions share %ld refer %ld deny %ld undetermined %ld; rules applied %ld not_applicable %ld "
                  "overridden %ld undetermined %ld; conflicts %ld defaults %ld/%ld uncovered %ld obligations %ld "
                  "missing %ld possible %ld defers %ld policy-undetermined %ld; wide %ld (conflict %ld default %ld); "
                  "revealed %ld skipped %ld",
                  decisions[0], decisions[1], decisions[2], decisions[3], applied, not_applicable, overridden,
                  undetermined_rules, conflicts, defaults, not_defaults, uncovered, obligations, missing, possible,
                  defers, policy_undetermined, wide_policies, wide_conflicts, wide_defaults, revealed, skipped);
    return s;
  }
};

void count(Coverage& c, const model::Bundle& b, const model::Verdict& v) {
  ++c.compared;
  static const char* names[] = {"share", "refer", "deny", "undetermined"};
  for (int i = 0; i < 4; ++i) c.decisions[i] += v.decision == names[i];
  for (const std::string& s : v.rule_status) {
    c.applied += s == "applied";
    c.not_applicable += s == "not_applicable";
    c.overridden += s == "overridden";
    c.undetermined_rules += s == "undetermined";
  }
  for (const model::PolicyVerdict& pv : v.policies) {
    c.conflicts += pv.conflict;
    c.defaults += pv.by_default;
    c.not_defaults += !pv.by_default;
    c.defers += pv.defers;
    c.policy_undetermined += pv.decision == "undetermined";
    for (const model::Policy& p : b.policies) {
      if (p.name != pv.name || p.rules.size() <= 64) continue;
      ++c.wide_policies;
      c.wide_conflicts += pv.conflict;
      c.wide_defaults += pv.by_default;
    }
  }
  c.uncovered += v.no_covering_policy;
  c.obligations += !v.obligations.empty();
  c.missing += !v.missing.empty();
  c.possible += !v.possible_obligations.empty();
}

struct Run {
  const char* name;
  std::uint64_t seed_offset;
  int bundles;
  int scenarios;
  model::GeneratorOptions options;
  std::uint32_t known_percent;
};

Coverage run(const Run& run) {
  const std::uint64_t base = env_seed();
  const int bundles = static_cast<int>(run.bundles * env_scale());
  Coverage c;
  c.planned = static_cast<long>(bundles) * run.scenarios;
  int failures = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < bundles && failures < 3; ++i) {
    const std::uint64_t seed = base * 1'000'003 + run.seed_offset + static_cast<std::uint64_t>(i);
    model::Generator gen(seed, run.options);
    const model::Bundle b = gen.bundle();
    const std::string text = model::print(b);
    const std::string where = std::string(run.name) + " bundle " + std::to_string(i) + ", seed " + std::to_string(seed) +
                              " (PROVISO_SEED=" + std::to_string(base) + ")";
    Compilation comp = compile_text("generated.proviso", text);
    if (!comp.program || comp.diagnostics.has_errors()) {
      ADD_FAILURE() << where << ": a generated bundle did not compile\n"
                    << text << "--- diagnostics ---\n"
                    << render_text(comp.diagnostics);
      ++failures;
      continue;
    }
    std::shared_ptr<const Program> program = std::move(comp.program);
    Evaluation ev(make_plan(program));
    const Names names(*program, b);
    Scenario s;
    Result r;
    for (int k = 0; k < run.scenarios; ++k) {
      model::Facts facts = gen.scenario(b, k % 7 == 0 ? 100 : run.known_percent);
      while (model::open_rules(b, facts) > model::kMaxOpenRules && gen.reveal_one(b, facts)) ++c.revealed;
      // Overflow leaves rules undetermined with every fact known; draw again.
      for (int tries = 0; tries < 20 && model::open_rules(b, facts) > model::kMaxOpenRules; ++tries) {
        facts = gen.scenario(b, 100);
        ++c.skipped;
      }
      if (model::open_rules(b, facts) > model::kMaxOpenRules) continue;
      std::string error;
      if (!to_scenario(b, facts, names, s, error)) {
        ADD_FAILURE() << where << ": " << error << "\n" << text;
        ++failures;
        break;
      }
      ev.evaluate(s, r);
      const Outcome decided = ev.decide(s);
      const model::Verdict v = model::evaluate(b, facts);
      count(c, b, v);
      const std::string diff = compare(b, names, r, decided, v);
      if (!diff.empty()) {
        ADD_FAILURE() << "runtime and reference disagree: " << where << ", scenario " << k << "\n--- policy ---\n"
                      << text << "--- scenario ---\n"
                      << model::show(b, facts) << "--- differences ---\n"
                      << diff;
        if (++failures >= 3) break;
      }
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %ld comparisons in %.1f s (seed %llu, scale %g)\n  %s\n", run.name, c.compared, seconds,
              static_cast<unsigned long long>(base), env_scale(), c.summary().c_str());
  return c;
}

void expect_coverage(const Coverage& c) {
  // Below the committed scale (the sanitizer stage, mutation runs) cases are compared
  // all the same, but too few to hold each rare outcome to a count.
  if (env_scale() < 1) return;
  const long expected = c.planned;
  const long n = c.compared;
  // Every planned comparison ran (a scenario is redrawn at most rarely).
  EXPECT_GE(n, expected - expected / 100) << c.summary();
  static const char* names[] = {"share", "refer", "deny", "undetermined"};
  for (int i = 0; i < 4; ++i) EXPECT_GT(c.decisions[i], n / 50) << "decision " << names[i] << " is rare";
  EXPECT_GT(c.applied, n / 20);
  EXPECT_GT(c.not_applicable, n / 20);
  EXPECT_GT(c.overridden, n / 200);
  EXPECT_GT(c.undetermined_rules, n / 20);
  EXPECT_GT(c.conflicts, n / 100);
  EXPECT_GT(c.defaults, n / 100);
  EXPECT_GT(c.not_defaults, n / 100);
  EXPECT_GT(c.obligations, n / 200);
  EXPECT_GT(c.missing, n / 100);
  EXPECT_GT(c.possible, n / 1000);
  EXPECT_GT(c.defers, n / 1000);
  EXPECT_GT(c.policy_undetermined, n / 100);
}

model::GeneratorOptions small() {
  model::GeneratorOptions o;
  o.max_facts_per_kind = 2;
  o.max_rules = 4;
  o.max_depth = 2;
  return o;
}

model::GeneratorOptions medium() {
  model::GeneratorOptions o;
  o.max_facts_per_kind = 4;
  o.max_conditions = 6;
  o.max_rules = 8;
  o.max_depth = 3;
  return o;
}

model::GeneratorOptions many_policies() {
  model::GeneratorOptions o;
  o.max_facts_per_kind = 3;
  o.max_policies = 4;
  o.max_rules = 6;
  o.max_depth = 2;
  return o;
}

// Up to a hundred rules a policy; few overrides each, so that rules still win.
model::GeneratorOptions wide(std::uint32_t min_rules, std::uint32_t max_rules) {
  model::GeneratorOptions o;
  o.max_facts_per_kind = 6;
  o.max_conditions = 6;
  o.max_policies = 2;
  o.min_rules = min_rules;
  o.max_rules = max_rules;
  o.max_depth = 2;
  o.override_percent = 4;
  o.max_overrides = 3;
  o.extreme_percent = 3;
  o.gate_percent = 60;
  o.share_percent = 85;
  o.max_obligations = 6;
  o.require_percent = 8;  // else some applied rule carries every obligation
  return o;
}

TEST(IndependentReference, SmallBundles) {
  Coverage c = run({"small", 0, 3000, 12, small(), 70});
  expect_coverage(c);
}

TEST(IndependentReference, DeeperExpressions) {
  Coverage c = run({"deeper", 10'000'000, 2000, 12, medium(), 70});
  expect_coverage(c);
}

// Four policies, half the facts unknown: undetermined decisions that need rules of
// several policies to apply together.
TEST(IndependentReference, ManyPoliciesManyUnknowns) {
  Coverage c = run({"many-unknowns", 20'000'000, 2000, 12, many_policies(), 50});
  expect_coverage(c);
}

// Nine to sixty-four rules: the bitmask path at its widest.
TEST(IndependentReference, PoliciesUpTo64Rules) {
  Coverage c = run({"up-to-64", 30'000'000, 300, 40, wide(9, 64), 85});
  expect_coverage(c);
}

// Past 64 rules a policy takes the other decision path; its default and conflict flags,
// obligations and statuses are compared like any other.
TEST(IndependentReference, PoliciesOver64Rules) {
  Coverage c = run({"over-64", 40'000'000, 300, 40, wide(65, 100), 85});
  expect_coverage(c);
  EXPECT_GT(c.wide_policies, c.compared / 2);
  EXPECT_GT(c.wide_conflicts, c.wide_policies / 50);
  EXPECT_GT(c.wide_defaults, c.wide_policies / 200);
  EXPECT_GT(c.wide_policies - c.wide_defaults, c.wide_policies / 50);
}

}  // namespace
}  // namespace proviso
