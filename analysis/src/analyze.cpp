#include <algorithm>
#include <bit>
#include <chrono>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "cite.hpp"
#include "encoder.hpp"
#include "findings.hpp"
#include "prune.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "query.hpp"
#include "shrink.hpp"
#include "witness.hpp"

namespace proviso {

namespace analysis::internal {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Where a rule stands after its own queries.
enum class Standing { takes_effect, dead, shadowed, inconclusive, not_in_force };

struct RuleInfo {
  Standing standing = Standing::inconclusive;
  Scenario witness;                  // takes_effect: it is applied; shadowed: it applies
  std::vector<std::uint32_t> group;  // facts of the rule and of the rules that beat it
};

// A finding that would repeat for one rule up to this many times is reported each time,
// with its own witness; past it, once, naming the others (up to kMaxOthers) and
// counting them, so that output grows with the bundle and not with the pairs of rules.
constexpr std::size_t kSpelledOut = 3;
constexpr std::size_t kMaxOthers = 10;

bool beats(const Rule& loser, std::uint32_t winner) {
  return std::find(loser.beaten_by.begin(), loser.beaten_by.end(), winner) != loser.beaten_by.end();
}

bool intersects(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    if (*i < *j) ++i; else ++j;
  }
  return false;
}

class Analysis {
 public:
  Analysis(const Program& p, const AnalysisOptions& options, Diagnostics& out)
      : p_(p),
        options_(options),
        out_(out),
        sorts_(ctx_),
        enc_(ctx_, sorts_, p, make_fact_vars(ctx_, sorts_, p), options.on),
        q_(ctx_, options, options.one_solver ? QueryRunner::Mode::shared : QueryRunner::Mode::scoped, start_),
        pruner_(p, options.max_prune_items) {
    for (std::uint32_t f = 0; f < p.facts.size(); ++f) domain_.push_back(fact_domain(ctx_, p, enc_.facts(), f));
    constraints_hold_ = enc_.constraints_hold();
    for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
      std::string name = p.rule_qualified_name(r);
      applies_.push_back(guard("applies " + name, enc_.applies(r).t, p.rules[r].facts));
      not_applies_.push_back(guard("not-applies " + name, !enc_.applies(r).t, p.rules[r].facts));
      rule_of_guard_.emplace(not_applies_.back().id(), r);
    }
    info_.resize(p.rules.size());
    encode_ms_ = ms_since(start_);
  }

  void run(AnalysisStats& stats) {
    stats.encode_ms = encode_ms_;
    if (!constraints_consistent()) {
      finish(stats);
      return;
    }
    for (std::uint32_t c = 0; c < p_.constraints.size(); ++c) {
      if (q_.exhausted()) {
        unreached_.constraints += p_.constraints.size() - c;
        break;
      }
      always_holds(c);
    }
    for (std::uint32_t r = 0; r < p_.rules.size(); ++r) {
      if (q_.exhausted()) {
        unreached_.rules += p_.rules.size() - r;
        break;
      }
      classify(r);
    }
    report_shadowed();
    for (std::uint32_t r = 0; r < p_.rules.size(); ++r) {
      if (!enc_.applies(r).total && info_[r].standing != Standing::not_in_force) overflow(r);
    }
    for (std::uint32_t pol = 0; pol < p_.policies.size(); ++pol) conflicts(pol, stats);
    if (options_.gaps) {
      for (std::uint32_t pol = 0; pol < p_.policies.size(); ++pol) {
        if (q_.exhausted()) {
          unreached_.gaps += p_.policies.size() - pol;
          break;
        }
        gap(pol);
      }
    }
    if (options_.cross_policy) {
      for (std::uint32_t a = 0; a < p_.policies.size(); ++a) {
        for (std::uint32_t b = a + 1; b < p_.policies.size(); ++b) {
          if (q_.exhausted()) {
            ++unreached_.cross;
            continue;
          }
          cross(a, b);
        }
      }
      for (std::uint32_t r = 0; r < p_.rules.size(); ++r) deferral_gap(r);
    }
    finish(stats);
  }

 private:
  // What the budget left unasked, reported as one finding that counts it: a run that
  // could not tell must never read as a clean one, nor print a line per question.
  struct Unreached {
    std::size_t constraints = 0, rules = 0, overflows = 0, pairs = 0, gaps = 0, cross = 0, other = 0;
    std::size_t total() const { return constraints + rules + overflows + pairs + gaps + cross + other; }
  };

  void finish(AnalysisStats& stats) {
    q_.fill(stats);
    stats.undecided_timeout = undecided_timeout_;
    stats.undecided_other = undecided_other_;
    stats.not_reached = unreached_.total();
    if (unreached_.total() > 0) {
      out_.add(budget_finding(p_, q_.budget_s(), unreached_.constraints, unreached_.rules, unreached_.overflows,
                              unreached_.pairs, unreached_.gaps, unreached_.cross, unreached_.other));
    }
    stats.total_ms = ms_since(start_);
  }

 private:
  std::string name(std::uint32_t rule) const { return p_.rule_qualified_name(rule); }

  // Keeps in `d`'s witness only the facts the finding depends on: `holds` must hold
  // under every value of the others that is in range and satisfies the constraints.
  // The full witness stays as `witness_full`; when the budget runs out first, the
  // full one is shown and a note says so. `rules`: whose citations the finding lists.
  void shorten(Diagnostic& d, const Scenario& full, const z3::expr& holds, const std::vector<std::uint32_t>& rules) {
    // `from` and `to` always stay: a scenario names its flow (eval refuses one without).
    std::vector<std::uint32_t> facts;
    for (std::uint32_t f = kBuiltinFactCount; f < full.known.size(); ++f) {
      if (full.known[f]) facts.push_back(f);
    }
    std::vector<Pin> pins;
    std::vector<z3::expr> background;
    for (std::uint32_t f : facts) {
      pins.push_back(pin_of(enc_, full, f));
      if (!domain_[f].is_true()) background.push_back(domain_[f]);
    }
    if (!constraints_hold_.is_true()) background.push_back(constraints_hold_);
    std::string subject(to_string(d.code));
    for (const std::string& r : d.rules) subject += " " + r;
    std::vector<Pin> flow;
    for (std::uint32_t f = 0; f < kBuiltinFactCount; ++f) {
      if (!full.known[f]) continue;
      flow.push_back(pin_of(enc_, full, f));
      if (!domain_[f].is_true()) background.push_back(domain_[f]);
    }
    std::optional<std::vector<bool>> needed = needed_pins(q_, pins, holds, background, subject, flow);
    d.witness_full_json = scenario_to_json(p_, full);
    Scenario small = full;
    if (needed) {
      small = keep_facts(full, facts, *needed);
    } else {
      d.notes.push_back({"the witness is not shortened: the analysis budget ran out first", {}});
    }
    d.witness_json = scenario_to_json(p_, small);
    d.cite = cites_of(p_, rules, &small);
  }

  void report(Diagnostic d, const Scenario& full, const z3::expr& holds, const std::vector<std::uint32_t>& rules) {
    shorten(d, full, holds, rules);
    out_.add(std::move(d));
  }

  z3::expr guard(const std::string& label, const z3::expr& body, const std::vector<std::uint32_t>& facts) {
    z3::expr g = q_.guard(label, body);
    guard_facts_.emplace(g.id(), facts);
    return g;
  }

  // Asks with the ranges of every fact the assumed literals mention.
  Verdict ask(const std::vector<z3::expr>& asms, std::string_view kind, const std::vector<std::string>& subjects) {
    std::vector<std::uint32_t> facts;
    for (const auto& a : asms) {
      auto it = guard_facts_.find(a.id());
      if (it != guard_facts_.end()) facts.insert(facts.end(), it->second.begin(), it->second.end());
    }
    std::sort(facts.begin(), facts.end());
    facts.erase(std::unique(facts.begin(), facts.end()), facts.end());
    std::vector<z3::expr> background;
    for (std::uint32_t f : facts) {
      if (!domain_[f].is_true()) background.push_back(domain_[f]);
    }
    // Only real scenarios: every finding and witness satisfies the constraints.
    if (!constraints_hold_.is_true()) background.push_back(constraints_hold_);
    return q_.check(asms, background, kind, subjects);
  }

  // A guard for "constraint c holds", with the ranges of the facts it reads.
  z3::expr constraint_guard(std::uint32_t c, bool holds) {
    std::vector<std::uint32_t> facts = enc_.facts_of(p_.constraints[c].node);
    z3::expr body = holds ? !enc_.constraint_false(c) : enc_.constraint_false(c);
    for (std::uint32_t f : facts) {
      if (!domain_[f].is_true()) body = body && domain_[f];
    }
    return q_.guard(std::string(holds ? "holds " : "violated ") + p_.constraints[c].name, body);
  }

  // Constraints that no scenario satisfies together make every other question vacuous:
  // report a smallest clashing set (deletion from the whole set, a query per
  // constraint) and stop.
  bool constraints_consistent() {
    if (p_.constraints.empty()) return true;
    std::vector<std::uint32_t> set;
    std::vector<z3::expr> guards;
    for (std::uint32_t c = 0; c < p_.constraints.size(); ++c) {
      set.push_back(c);
      guards.push_back(constraint_guard(c, true));
    }
    Verdict v = q_.check(guards, {}, "constraints", {"all"});
    if (v == Verdict::sat) return true;
    if (v == Verdict::unknown) {
      inconclusive(p_.constraints.front().place, "the constraints can hold together", {}, &Unreached::constraints);
      if (q_.reason_unknown() == "not reached") unreached_.rules += p_.rules.size();
      return false;
    }
    for (std::size_t i = 0; i < set.size() && set.size() > 1;) {
      std::vector<z3::expr> without;
      for (std::size_t j = 0; j < set.size(); ++j) {
        if (j != i) without.push_back(guards[set[j]]);
      }
      if (q_.check(without, {}, "constraints", {"without", p_.constraints[set[i]].name}) == Verdict::unsat) {
        set.erase(set.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
    out_.add(constraint_clash_finding(p_, set));
    return false;
  }

  void always_holds(std::uint32_t c) {
    const Verdict v = q_.check({constraint_guard(c, false)}, {}, "constraint-violable", {p_.constraints[c].name});
    if (v == Verdict::unsat) out_.add(constraint_always_holds_finding(p_, c));
  }

  bool real(const Scenario& s) const {
    return constraints_hold_.is_true() || model_of(enc_, s).eval(constraints_hold_, true).is_true();
  }

  // Questions the budget left unasked are counted for the one budget finding; the rest
  // (the solver's own time limit, or another reason it gave up) are reported one by one.
  void inconclusive(const SourcePlace& place, std::string what, std::vector<std::string> rules,
                    std::size_t Unreached::*kind = &Unreached::other) {
    const std::string reason = q_.reason_unknown();
    if (reason == "not reached") {
      ++(unreached_.*kind);
      return;
    }
    ++(reason == "timeout" ? undecided_timeout_ : undecided_other_);
    out_.add(inconclusive_finding(p_, place, std::move(what), std::move(rules), reason));
  }

  // Dead, shadowed, or able to take effect; one or two queries, a few more to name
  // the shadowing rules.
  void classify(std::uint32_t r) {
    const Rule& rule = p_.rules[r];
    RuleInfo& info = info_[r];
    // Not in force on the analysis date: it applies to nothing, and `expired` (or
    // nothing, for one not yet in force) says so better than `dead-rule` would.
    if (options_.on != kNoDate && !p_.rule_in_force(r, options_.on)) {
      info.standing = Standing::not_in_force;
      return;
    }
    std::vector<std::uint32_t> involved{r};
    involved.insert(involved.end(), rule.beaten_by.begin(), rule.beaten_by.end());
    // `from` and `to` count as one fact: the policy's coverage ties them together.
    for (std::uint32_t x : involved) {
      for (std::uint32_t f : p_.rules[x].facts) info.group.push_back(f == kFactTo ? kFactFrom : f);
    }
    std::sort(info.group.begin(), info.group.end());
    info.group.erase(std::unique(info.group.begin(), info.group.end()), info.group.end());

    std::vector<std::uint32_t> candidates;
    if (!rule.beaten_by.empty()) {
      std::vector<z3::expr> asms{applies_[r]};
      for (std::uint32_t b : rule.beaten_by) asms.push_back(not_applies_[b]);
      Verdict v = ask(asms, "takes-effect", {name(r)});
      if (v == Verdict::sat) {
        info.standing = Standing::takes_effect;
        info.witness = scenario_from_model(enc_, q_.model(), witness_facts(p_, involved));
        return;
      }
      if (v == Verdict::unknown) {
        inconclusive(rule.place, "rule `" + name(r) + "` ever takes effect", {name(r)}, &Unreached::rules);
        return;
      }
      candidates = core_rules();
    }
    Verdict v = ask({applies_[r]}, "dead-rule", {name(r)});
    if (v == Verdict::unknown) {
      inconclusive(rule.place, "rule `" + name(r) + "` can apply", {name(r)}, &Unreached::rules);
      return;
    }
    if (v == Verdict::unsat) {
      info.standing = Standing::dead;
      out_.add(dead_rule_finding(p_, r));
      return;
    }
    if (rule.beaten_by.empty()) {
      info.standing = Standing::takes_effect;
      info.witness = scenario_from_model(enc_, q_.model(), witness_facts(p_, involved));
      return;
    }
    info.standing = Standing::shadowed;
    z3::model m = q_.model();
    std::vector<std::uint32_t> shadowers = minimal_shadowers(r, std::move(candidates));
    std::vector<std::uint32_t> named{r};
    named.insert(named.end(), shadowers.begin(), shadowers.end());
    info.witness = scenario_from_model(enc_, m, witness_facts(p_, named));
    // Rules shadowed by the same rules are grouped past kSpelledOut (one rule overriding
    // 10,000 others is one finding that counts them), reported at the first of them.
    ShadowGroup& group = shadow_groups_[shadowers];
    if (group.findings.size() < kSpelledOut) {
      group.findings.push_back(shadowed_rule_finding(p_, r, shadowers, info.witness));
      group.rules.push_back(r);
    }
    if (group.others.size() < kMaxOthers + 1) group.others.push_back(name(r));
    ++group.count;
  }

  struct ShadowGroup {
    std::vector<Diagnostic> findings;  // the first kSpelledOut
    std::vector<std::uint32_t> rules;  // their rules
    std::vector<std::string> others;   // the first kMaxOthers + 1 rules' names
    std::size_t count = 0;             // rules in the group
  };

  // The shadowed-rule findings in rule order: each on its own when its group is small,
  // else the group's first, naming and counting the others.
  void report_shadowed() {
    std::vector<std::pair<std::uint32_t, Diagnostic>> found;
    for (auto& [shadowers, g] : shadow_groups_) {
      if (g.count <= kSpelledOut) {
        for (std::size_t i = 0; i < g.findings.size(); ++i) found.emplace_back(g.rules[i], std::move(g.findings[i]));
        continue;
      }
      // The first of `others` is the finding's own rule; more names follow if there are some.
      std::vector<std::string> others(g.others.begin() + 1, g.others.end());
      add_others(g.findings.front(), std::move(others), g.count - 1, "never take effect for the same reason");
      found.emplace_back(g.rules.front(), std::move(g.findings.front()));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [rule, d] : found) {
      std::vector<std::uint32_t> rules{rule};
      for (std::size_t i = 1; i < d.rules.size(); ++i) rules.push_back(p_.find_rule(d.rules[i]));
      report(std::move(d), info_[rule].witness, enc_.applies(rule).t, rules);
    }
    shadow_groups_.clear();
  }

  // A rule whose int arithmetic can overflow 64 bits for facts in range is unknown at
  // run time in those scenarios, though every fact is known: say so, with a witness,
  // or the runtime's `undetermined` (with nothing missing) goes unexplained.
  void overflow(std::uint32_t r) {
    const BoolTerm& a = enc_.applies(r);
    Verdict v = ask({guard("overflows " + name(r), !a.t && !a.f, p_.rules[r].facts)}, "overflow", {name(r)});
    if (v == Verdict::sat) {
      Scenario s = scenario_from_model(enc_, q_.model(), witness_facts(p_, {r}));
      report(overflow_finding(p_, r, s), s, !a.t && !a.f, {r});
    } else if (v == Verdict::unknown) {
      inconclusive(p_.rules[r].place, "rule `" + name(r) + "` can overflow", {name(r)}, &Unreached::overflows);
    }
  }

  std::vector<std::uint32_t> core_rules() const {
    std::vector<std::uint32_t> out;
    for (const z3::expr& lit : q_.core()) {
      auto it = rule_of_guard_.find(lit.id());
      if (it != rule_of_guard_.end()) out.push_back(it->second);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // Z3's cores need not be minimal; dropping each rule in turn names only rules that
  // are needed (bounded, since each try is a query).
  std::vector<std::uint32_t> minimal_shadowers(std::uint32_t r, std::vector<std::uint32_t> set) {
    for (std::size_t i = 0, tries = 0; i < set.size() && set.size() > 1 && tries < options_.max_core_tries; ++tries) {
      std::vector<z3::expr> asms{applies_[r]};
      std::vector<std::string> subjects{name(r), "without", name(set[i])};
      for (std::size_t j = 0; j < set.size(); ++j) {
        if (j != i) asms.push_back(not_applies_[set[j]]);
      }
      if (ask(asms, "shadowed-rule-core", subjects) == Verdict::unsat) {
        set.erase(set.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
    return set;
  }

  // Pairs of rules of different effects that might apply together. Rules that pin one
  // fact (the one most rules constrain) to disjoint intervals cannot, so a sweep over
  // those intervals pairs only overlapping rules: 50,000 rules on distinct values of a
  // fact give no pairs instead of 1.25 billion. Each pair is (r2 << 32 | r1), r1 < r2.
  std::vector<std::uint64_t> overlapping_pairs(const std::vector<std::uint32_t>& live) const {
    std::unordered_map<std::uint64_t, std::size_t> uses;
    for (std::uint32_t r : live) {
      for (const Approx::Item& item : pruner_.rule(r).items) ++uses[item.key];
    }
    std::uint64_t pivot = 0;
    std::size_t best = 0;
    for (const auto& [key, n] : uses) {
      if (n > best || (n == best && key < pivot)) {
        pivot = key;
        best = n;
      }
    }
    struct Span {
      std::int64_t lo, hi;
      std::uint32_t rule;
    };
    std::vector<Span> spans;
    for (std::uint32_t r : live) {
      Span s{std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), r};
      for (const Approx::Item& item : pruner_.rule(r).items) {
        if (best < 2 || item.key != pivot) continue;
        if (item.is_int) {
          s.lo = item.lo;
          s.hi = item.hi;
        } else if (item.mask != 0) {
          // Values as bit positions: disjoint ranges of bits are disjoint masks.
          s.lo = std::countr_zero(item.mask);
          s.hi = 63 - std::countl_zero(item.mask);
        }
      }
      spans.push_back(s);
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.lo != b.lo ? a.lo < b.lo : a.rule < b.rule; });
    // Per effect, the rules whose interval is still open (its end, the rule).
    std::vector<std::pair<std::int64_t, std::uint32_t>> open[3];
    std::vector<std::uint64_t> pairs;
    for (const Span& s : spans) {
      const auto mine = static_cast<std::size_t>(effect_code(p_.rules[s.rule].effect));
      for (std::size_t e = 0; e < 3; ++e) {
        std::erase_if(open[e], [&](const auto& o) { return o.first < s.lo; });
        if (e == mine) continue;
        for (const auto& o : open[e]) {
          std::uint32_t r1 = std::min(o.second, s.rule), r2 = std::max(o.second, s.rule);
          pairs.push_back(static_cast<std::uint64_t>(r2) << 32 | r1);
        }
      }
      open[mine].emplace_back(s.hi, s.rule);
    }
    std::sort(pairs.begin(), pairs.end());
    return pairs;
  }

  // Candidate pairs (different effects, neither beating the other), counted without
  // listing them.
  std::size_t candidate_pairs(const Policy& policy) const {
    std::size_t by_effect[3] = {0, 0, 0};
    std::size_t beating = 0;
    for (std::uint32_t i = 0; i < policy.rule_count; ++i) {
      const Rule& rule = p_.rules[policy.first_rule + i];
      ++by_effect[static_cast<std::size_t>(effect_code(rule.effect))];
      for (std::uint32_t b : rule.beaten_by) beating += p_.rules[b].effect != rule.effect ? 1 : 0;
    }
    return by_effect[0] * by_effect[1] + by_effect[0] * by_effect[2] + by_effect[1] * by_effect[2] - beating;
  }

  // One finding per rule that conflicts with earlier rules: the first of them in full,
  // with its witness, and the others listed (up to a cap) and counted, so a rule in
  // conflict with 400 others is one finding, not 400.
  void conflicts(std::uint32_t pol, AnalysisStats& stats) {
    const Policy& policy = p_.policies[pol];
    const std::size_t candidates = candidate_pairs(policy);
    stats.pairs += candidates;
    std::size_t asked = 0;
    std::vector<std::uint32_t> live;
    for (std::uint32_t i = 0; i < policy.rule_count; ++i) {
      if (info_[policy.first_rule + i].standing == Standing::takes_effect) live.push_back(policy.first_rule + i);
    }
    const std::vector<std::uint64_t> pairs = overlapping_pairs(live);
    for (std::size_t k = 0; k < pairs.size();) {
      const auto r2 = static_cast<std::uint32_t>(pairs[k] >> 32);
      std::size_t end = k;
      while (end < pairs.size() && static_cast<std::uint32_t>(pairs[end] >> 32) == r2) ++end;
      if (q_.exhausted()) {
        unreached_.pairs += pairs.size() - k;
        break;
      }
      std::vector<std::pair<Diagnostic, Scenario>> spelled;  // the first kSpelledOut conflicts of r2, witnesses
      std::vector<std::string> others;   // beyond the first: names, up to kMaxOthers
      std::size_t found = 0;
      for (; k < end; ++k) {
        const auto r1 = static_cast<std::uint32_t>(pairs[k] & 0xffffffffu);
        if (beats(p_.rules[r1], r2) || beats(p_.rules[r2], r1) || pruner_.disjoint(r1, r2)) continue;
        std::optional<Scenario> witness = conflict(r1, r2, asked);
        if (!witness) continue;
        if (spelled.size() < kSpelledOut) spelled.emplace_back(conflict_finding(p_, r1, r2, *witness), *witness);
        if (found > 0 && others.size() < kMaxOthers) others.push_back(name(r1));
        ++found;
      }
      if (found > kSpelledOut) {
        add_others(spelled.front().first, std::move(others), found - 1, "also conflict with it");
        spelled.resize(1);
      }
      for (auto& [d, witness] : spelled) {
        const std::uint32_t r1 = p_.find_rule(d.rules.front());
        report(std::move(d), witness, enc_.applied(r1) && enc_.applied(r2), {r1, r2});
      }
    }
    stats.pairs_pruned += candidates - asked;
  }

  // The witness of a conflict between r1 and r2, or none when they cannot both be
  // applied (or the solver could not tell: that is reported). `asked` counts the pairs
  // that needed the solver.
  std::optional<Scenario> conflict(std::uint32_t r1, std::uint32_t r2, std::size_t& asked) {
    const RuleInfo& a = info_[r1];
    const RuleInfo& b = info_[r2];
    // With --smtlib every conflict gets its own query file, so an auditor can re-run
    // it: the two shortcuts below, which settle a pair without a query, stay off.
    const bool shortcuts = options_.smtlib_dir.empty();
    if (shortcuts && !intersects(a.group, b.group)) {
      // Independent conditions hold together exactly when each holds alone: join the
      // two witnesses (the second's facts, from and to included when it uses them).
      Scenario s = a.witness;
      for (std::uint32_t f : b.group) s.set(f, b.witness.values[f]);
      if (std::binary_search(b.group.begin(), b.group.end(), kFactFrom)) s.set(kFactTo, b.witness.values[kFactTo]);
      if (real(s)) return s;
      // the joined witnesses break a constraint: ask the solver
    }
    // Each rule's own witness, with the other's facts laid over it, often shows both
    // applied already; the encoding itself confirms it, without a solver call.
    for (const auto& [base, over] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
      if (!shortcuts) break;
      Scenario s = base->witness;
      for (std::uint32_t f : over->group) s.set(f, over->witness.values[f]);
      if (std::binary_search(over->group.begin(), over->group.end(), kFactFrom)) {
        s.set(kFactTo, over->witness.values[kFactTo]);
      }
      if (model_of(enc_, s).eval(enc_.applied(r1) && enc_.applied(r2) && constraints_hold_, true).is_true()) return s;
    }
    std::vector<std::uint32_t> involved{r1, r2};
    std::vector<z3::expr> asms{applies_[r1], applies_[r2]};
    for (std::uint32_t r : {r1, r2}) {
      for (std::uint32_t x : p_.rules[r].beaten_by) {
        asms.push_back(not_applies_[x]);
        involved.push_back(x);
      }
    }
    ++asked;
    Verdict v = ask(asms, "conflict", {name(r1), name(r2)});
    if (v == Verdict::sat) return scenario_from_model(enc_, q_.model(), witness_facts(p_, involved));
    if (v == Verdict::unknown) {
      inconclusive(p_.rules[r2].place, "rules `" + name(r1) + "` and `" + name(r2) + "` conflict", {name(r1), name(r2)},
                   &Unreached::pairs);
    }
    return std::nullopt;
  }

  const z3::expr& covers_guard(std::uint32_t pol) {
    auto it = covers_.find(pol);
    if (it == covers_.end()) {
      it = covers_.emplace(pol, guard("covers " + p_.policies[pol].name, enc_.covers(pol), {kFactFrom, kFactTo})).first;
    }
    return it->second;
  }

  // The policy decides `e`; for a share, one that stands on its own (a deferring share
  // expects the other policies' deny, so it is no cross-policy disagreement).
  const z3::expr& decides_guard(std::uint32_t pol, Effect e) {
    std::uint32_t key = pol * 3 + static_cast<std::uint32_t>(effect_code(e));
    auto it = decides_.find(key);
    if (it == decides_.end()) {
      z3::expr body = decides(pol, e);
      std::string label = "decides-" + std::string(to_string(e)) + " " + p_.policies[pol].name;
      it = decides_.emplace(key, guard(label, body, policy_facts(p_, {pol}))).first;
    }
    return it->second;
  }

  z3::expr decides(std::uint32_t pol, Effect e) {
    z3::expr body = enc_.covers(pol) && enc_.determinate(pol) && enc_.decision(pol) == ctx_.int_val(effect_code(e));
    if (e == Effect::share) {
      z3::expr contests = enc_.share_contests(pol);
      if (!contests.is_true()) body = body && contests;
    }
    return body;
  }

  // What a cross-policy finding says decided `pol`: rule `who` was applied, or (kNone)
  // none of the rules that could decide `e` was, so the default did.
  z3::expr decided_by(std::uint32_t pol, Effect e, std::uint32_t who) {
    if (who != kNone) return enc_.applied(who);
    z3::expr body = ctx_.bool_val(true);
    const Policy& policy = p_.policies[pol];
    for (std::uint32_t i = 0; i < policy.rule_count; ++i) {
      std::uint32_t r = policy.first_rule + i;
      if (e == Effect::share && p_.rules[r].defers) continue;
      if (p_.rules[r].effect == e) body = body && !enc_.applied(r);
    }
    return body;
  }

  void gap(std::uint32_t pol) {
    const Policy& policy = p_.policies[pol];
    std::vector<z3::expr> asms{covers_guard(pol)};
    // Every rule surely false, not merely unknown, so the default really decides.
    z3::expr settled = enc_.determinate(pol);
    if (!settled.is_true()) asms.push_back(guard("determinate " + policy.name, settled, policy_facts(p_, {pol})));
    for (std::uint32_t i = 0; i < policy.rule_count; ++i) asms.push_back(not_applies_[policy.first_rule + i]);
    Verdict v = ask(asms, "gap", {policy.name});
    if (v == Verdict::sat) {
      Scenario s = scenario_from_model(enc_, q_.model(), policy_facts(p_, {pol}));
      z3::expr holds = enc_.covers(pol) && settled;
      for (std::uint32_t i = 0; i < policy.rule_count; ++i) holds = holds && !enc_.applies(policy.first_rule + i).t;
      // No rule decides a gap: what it cites is what the facts it keeps cite (every
      // rule of a large policy would list every question of the framework).
      report(gap_finding(p_, pol, s), s, holds, {});
    } else if (v == Verdict::unknown) {
      inconclusive(policy.place, "policy `" + policy.name + "` has flows no rule covers", {policy.name}, &Unreached::gaps);
    }
  }

  bool can_decide(std::uint32_t pol, Effect e) const {
    const Policy& policy = p_.policies[pol];
    const bool share = e == Effect::share;
    if (share && policy.defers) return false;
    if (policy.default_effect == e) return true;
    for (std::uint32_t i = 0; i < policy.rule_count; ++i) {
      std::uint32_t r = policy.first_rule + i;
      if (share && p_.rules[r].defers) continue;
      if (p_.rules[r].effect == e && (info_[r].standing == Standing::takes_effect || info_[r].standing == Standing::inconclusive)) {
        return true;
      }
    }
    return false;
  }

  // The rule whose effect decided the policy in model `m`, or kNone for its default.
  std::uint32_t decisive_rule(const z3::model& m, std::uint32_t pol, Effect e) const {
    const Policy& policy = p_.policies[pol];
    for (std::uint32_t i = 0; i < policy.rule_count; ++i) {
      std::uint32_t r = policy.first_rule + i;
      if (e == Effect::share && p_.rules[r].defers) continue;
      if (p_.rules[r].effect == e && m.eval(enc_.applied(r), true).is_true()) return r;
    }
    return kNone;
  }

  void cross(std::uint32_t p1, std::uint32_t p2) {
    bool unknown = false;
    for (auto [e1, e2] : {std::pair{Effect::share, Effect::deny}, std::pair{Effect::deny, Effect::share}}) {
      if (!can_decide(p1, e1) || !can_decide(p2, e2)) continue;
      std::vector<std::string> subjects{p_.policies[p1].name + "." + std::string(to_string(e1)),
                                        p_.policies[p2].name + "." + std::string(to_string(e2))};
      Verdict v = ask({decides_guard(p1, e1), decides_guard(p2, e2)}, "cross-policy-conflict", subjects);
      if (v == Verdict::sat) {
        z3::model m = q_.model();
        Scenario s = scenario_from_model(enc_, m, policy_facts(p_, {p1, p2}));
        const std::uint32_t who1 = decisive_rule(m, p1, e1), who2 = decisive_rule(m, p2, e2);
        z3::expr holds = decides(p1, e1) && decides(p2, e2) && decided_by(p1, e1, who1) && decided_by(p2, e2, who2);
        std::vector<std::uint32_t> rules;
        for (std::uint32_t who : {who1, who2}) {
          if (who != kNone) rules.push_back(who);
        }
        report(cross_policy_finding(p_, p1, e1, who1, p2, e2, who2, s), s, holds, rules);
        return;
      }
      unknown = unknown || v == Verdict::unknown;
    }
    if (unknown) {
      const auto& a = p_.policies[p1].name;
      const auto& b = p_.policies[p2].name;
      inconclusive(p_.policies[p2].place, "policies `" + a + "` and `" + b + "` can disagree", {a, b}, &Unreached::cross);
    }
  }

  // A deferring share stands aside for the other covering policies' deny, so `cross`
  // says nothing about it; one that never ends in a share, whatever the facts, is a
  // route the sending side never wrote. One query shows it (the rule applied while
  // every other policy lets the flow be shared); deletion names the policies that block.
  void deferral_gap(std::uint32_t r) {
    const Rule& rule = p_.rules[r];
    if (rule.effect != Effect::share || !(rule.defers || p_.policies[rule.policy].defers)) return;
    if (info_[r].standing != Standing::takes_effect) return;
    if (q_.exhausted()) {
      ++unreached_.other;
      return;
    }
    // Its own policy must let the acceptance stand (a deny of its own beside it is a
    // `conflict`, reported already).
    Verdict own = ask({applied_guard(r), lets_share_guard(rule.policy)}, "deferral-accepted", {name(r)});
    if (own != Verdict::sat) {
      if (own == Verdict::unknown) inconclusive(rule.place, "rule `" + name(r) + "` ever decides its policy", {name(r)});
      return;
    }
    std::vector<std::uint32_t> others;
    std::vector<z3::expr> asms{applied_guard(r), lets_share_guard(rule.policy)};
    for (std::uint32_t q = 0; q < p_.policies.size(); ++q) {
      if (q == rule.policy) continue;
      others.push_back(q);
      asms.push_back(lets_share_guard(q));
    }
    Verdict v = ask(asms, "deferral-gap", {name(r)});
    if (v == Verdict::sat) return;
    if (v == Verdict::unknown) {
      inconclusive(rule.place, "a flow rule `" + name(r) + "` accepts is ever shared", {name(r)});
      return;
    }
    std::vector<std::uint32_t> blockers;
    for (const z3::expr& lit : q_.core()) {
      for (std::size_t i = 0; i < others.size(); ++i) {
        if (z3::eq(lit, asms[i + 2])) blockers.push_back(others[i]);
      }
    }
    for (std::size_t i = 0, tries = 0; i < blockers.size() && blockers.size() > 1 && tries < options_.max_core_tries;
         ++tries) {
      std::vector<z3::expr> without{applied_guard(r), lets_share_guard(rule.policy)};
      for (std::size_t j = 0; j < blockers.size(); ++j) {
        if (j != i) without.push_back(lets_share_guard(blockers[j]));
      }
      if (ask(without, "deferral-gap-core", {name(r), "without", p_.policies[blockers[i]].name}) == Verdict::unsat) {
        blockers.erase(blockers.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
    std::sort(blockers.begin(), blockers.end());
    // The witness: a flow it accepts, with the facts of every policy that blocks it.
    std::vector<std::uint32_t> shown{rule.policy};
    shown.insert(shown.end(), blockers.begin(), blockers.end());
    Scenario witness = info_[r].witness;
    const std::vector<std::uint32_t> facts = policy_facts(p_, shown);
    // A guard that stands for nothing but brings the ranges of every fact shown.
    const z3::expr ranges = guard("ranges " + name(r), ctx_.bool_val(true), facts);
    if (ask({applied_guard(r), lets_share_guard(rule.policy), ranges}, "deferral-gap-witness", {name(r)}) == Verdict::sat) {
      witness = scenario_from_model(enc_, q_.model(), facts);
    }
    report(deferral_gap_finding(p_, r, blockers, witness), witness, enc_.applied(r) && lets_share(rule.policy), {r});
  }

  z3::expr lets_share(std::uint32_t pol) {
    return !enc_.covers(pol) || (enc_.determinate(pol) && enc_.decision(pol) == ctx_.int_val(effect_code(Effect::share)));
  }

  const z3::expr& applied_guard(std::uint32_t r) {
    auto it = applied_.find(r);
    if (it == applied_.end()) {
      std::vector<std::uint32_t> involved{r};
      involved.insert(involved.end(), p_.rules[r].beaten_by.begin(), p_.rules[r].beaten_by.end());
      it = applied_.emplace(r, guard("applied " + name(r), enc_.applied(r), witness_facts(p_, involved))).first;
    }
    return it->second;
  }

  // The policy does not stand in a share's way: it does not cover the flow, or it
  // decides share.
  const z3::expr& lets_share_guard(std::uint32_t pol) {
    auto it = lets_share_.find(pol);
    if (it == lets_share_.end()) {
      z3::expr body = lets_share(pol);
      it = lets_share_.emplace(pol, guard("lets-share " + p_.policies[pol].name, body, policy_facts(p_, {pol}))).first;
    }
    return it->second;
  }

  Clock::time_point start_ = Clock::now();
  const Program& p_;
  const AnalysisOptions& options_;
  Diagnostics& out_;
  z3::context ctx_;
  SortCache sorts_;
  Encoder enc_;
  QueryRunner q_;
  Pruner pruner_;
  double encode_ms_ = 0;
  std::vector<z3::expr> applies_, not_applies_;  // guard literals per rule: surely true / not surely true
  std::unordered_map<unsigned, std::uint32_t> rule_of_guard_;  // not-applies literal -> rule
  std::unordered_map<std::uint32_t, z3::expr> covers_, decides_, applied_, lets_share_;
  std::vector<z3::expr> domain_;  // per fact: its range (true when its type is enough)
  z3::expr constraints_hold_{ctx_};  // every constraint holds (true when there are none)
  std::unordered_map<unsigned, std::vector<std::uint32_t>> guard_facts_;  // literal -> facts it mentions
  std::vector<RuleInfo> info_;
  Unreached unreached_;
  std::map<std::vector<std::uint32_t>, ShadowGroup> shadow_groups_;
  std::size_t undecided_timeout_ = 0, undecided_other_ = 0;
};

}  // namespace

}  // namespace analysis::internal

AnalysisStats analyze(const Program& program, const AnalysisOptions& options, Diagnostics& out) {
  AnalysisStats stats;
  try {
    analysis::internal::Analysis analysis(program, options, out);
    analysis.run(stats);
  } catch (const z3::exception& e) {
    out.add(analysis::internal::inconclusive_finding(program, {}, "the program can be analysed", {}, e.msg()));
    ++stats.undecided_other;
  } catch (const std::exception& e) {
    out.add(analysis::internal::inconclusive_finding(program, {}, "the program can be analysed", {}, e.what()));
    ++stats.undecided_other;
  }
  return stats;
}

}  // namespace proviso
