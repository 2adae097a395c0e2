#include "proviso/analysis/diff.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "cite.hpp"
#include "encoder.hpp"
#include "query.hpp"
#include "shrink.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "witness.hpp"

namespace proviso {

std::string_view to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::decision: return "decision";
    case ChangeKind::obligations_added: return "obligations-added";
    case ChangeKind::obligations_removed: return "obligations-removed";
  }
  return "decision";
}

namespace analysis::internal {

namespace {

// The old version's variables, shared with or tied to the new version's by fact name.
struct Linked {
  std::vector<FactVar> old_vars, new_vars;
  std::vector<z3::expr> links;
  std::vector<std::string> notes;
};

void note_values(const std::string& fact, const Type& a, const Type& b, std::string_view only_in,
                 std::vector<std::string>& notes) {
  for (const auto& v : a.values) {
    if (b.value_index(v) == kNone) {
      notes.push_back("value `" + v + "` of `" + fact + "` is only in the " + std::string(only_in) +
                      " version: scenarios using it are not compared");
    }
  }
}

void link_enum(const Type& old_t, const Type& new_t, const FactVar& o, const FactVar& n, std::vector<z3::expr>& links) {
  for (std::uint32_t i = 0; i < old_t.values.size(); ++i) {
    z3::expr is_old = o.value == o.sort->values[i]();
    std::uint32_t j = new_t.value_index(old_t.values[i]);
    links.push_back(j == kNone ? !is_old : is_old == (n.value == n.sort->values[j]()));
  }
  for (std::uint32_t j = 0; j < new_t.values.size(); ++j) {
    if (old_t.value_index(new_t.values[j]) == kNone) links.push_back(n.value != n.sort->values[j]());
  }
}

Linked link_facts(z3::context& ctx, SortCache& sorts, const Program& old_p, const Program& new_p) {
  Linked out;
  out.new_vars = make_fact_vars(ctx, sorts, new_p);
  for (std::uint32_t f = 0; f < old_p.facts.size(); ++f) {
    const Type& ot = old_p.types[old_p.facts[f].type];
    std::uint32_t nf = new_p.find_fact(old_p.facts[f].name);
    const Type* nt = nf == kNone ? nullptr : &new_p.types[new_p.facts[nf].type];
    const std::string& name = old_p.facts[f].name;
    if (nt == nullptr || nt->kind != ot.kind) {
      out.notes.push_back(nt == nullptr ? "fact `" + name + "` is only in the old version"
                                        : "fact `" + name + "` changed kind: its old and new values are independent");
      out.old_vars.push_back(make_fact_var(ctx, sorts, old_p, f, "@old"));
      continue;
    }
    if (ot.kind == TypeKind::integer && (ot.lo != nt->lo || ot.hi != nt->hi)) {
      out.notes.push_back("fact `" + name + "` changed bounds: only values inside both are compared");
    }
    if (f == kFactFrom || f == kFactTo) {
      // One note for the sectors, which both flow facts share.
      if (f == kFactFrom) {
        for (const auto& [a, b, which] : {std::tuple{&ot, nt, "new"}, std::tuple{nt, &ot, "old"}}) {
          for (const auto& v : b->values) {
            if (a->value_index(v) == kNone) {
              out.notes.push_back("sector `" + v + "` is only in the " + which + " version: flows from or to it are not compared");
            }
          }
        }
      }
    } else if (ot.kind == TypeKind::enumeration || ot.kind == TypeKind::set) {
      const Type& oe = ot.kind == TypeKind::set ? old_p.types[ot.element] : ot;
      const Type& ne = ot.kind == TypeKind::set ? new_p.types[nt->element] : *nt;
      note_values(name, oe, ne, "old", out.notes);
      note_values(name, ne, oe, "new", out.notes);
    }
    const FactVar& n = out.new_vars[nf];
    switch (ot.kind) {
      case TypeKind::boolean:
      case TypeKind::integer:
        out.old_vars.push_back(n);  // both versions' bounds apply through fact_domain
        break;
      case TypeKind::enumeration: {
        if (&sorts.enum_sort(ot) == n.sort) {
          out.old_vars.push_back(n);
          break;
        }
        FactVar o = make_fact_var(ctx, sorts, old_p, f, "@old");
        link_enum(ot, *nt, o, n, out.links);
        out.old_vars.push_back(std::move(o));
        break;
      }
      case TypeKind::set: {
        const Type& oe = old_p.types[ot.element];
        const Type& ne = new_p.types[nt->element];
        FactVar o = make_fact_var(ctx, sorts, old_p, f, "@old");
        for (std::uint32_t i = 0; i < oe.values.size(); ++i) {
          std::uint32_t j = ne.value_index(oe.values[i]);
          if (j == kNone) {
            out.links.push_back(!o.members[i]);
          } else {
            o.members[i] = n.members[j];
          }
        }
        for (std::uint32_t j = 0; j < ne.values.size(); ++j) {
          if (oe.value_index(ne.values[j]) == kNone) out.links.push_back(!n.members[j]);
        }
        out.old_vars.push_back(std::move(o));
        break;
      }
    }
  }
  for (const Fact& f : new_p.facts) {
    if (old_p.find_fact(f.name) == kNone) out.notes.push_back("fact `" + f.name + "` is only in the new version");
  }
  return out;
}

std::vector<std::string> obligation_names(const Program& p, const std::vector<std::uint32_t>& ids) {
  std::vector<std::string> out;
  for (std::uint32_t id : ids) out.push_back(p.obligations[id].name);
  std::sort(out.begin(), out.end());
  return out;
}

VersionOutcome outcome_of(const Program& p, const Result& r) {
  VersionOutcome out;
  out.decision = r.decision;
  out.no_covering_policy = r.no_covering_policy;
  // Responsible: the policies that decided what the bundle decided, and in them the
  // applied rules with that effect (under `first`, only the first of them).
  for (const PolicyResult& pr : r.policies) {
    if (pr.decision != r.decision) continue;
    const Policy& pol = p.policies[pr.policy];
    if (pr.by_default) out.by_default.push_back(pol.name);
    for (std::uint32_t i = 0; i < pol.rule_count; ++i) {
      std::uint32_t rule = pol.first_rule + i;
      if (r.rule_status[rule] != RuleStatus::applied) continue;
      const bool responsible = static_cast<Outcome>(p.rules[rule].effect) == r.decision;
      if (responsible) {
        out.rules.push_back(p.rule_qualified_name(rule));
        out.rule_files.push_back(p.rules[rule].place.file + ":" + std::to_string(p.rules[rule].place.line));
      }
      if (pol.combine == Combine::first) break;
    }
  }
  out.obligations = obligation_names(p, r.obligations);
  return out;
}

// The facts a witness lists in one version: those the covering policies of either
// version depend on, when this version has them.
std::vector<std::uint32_t> shown_facts(const Program& self, const Program& other, const Result& self_r,
                                       const Result& other_r) {
  std::vector<std::uint32_t> mine, theirs;
  for (const PolicyResult& pr : self_r.policies) mine.push_back(pr.policy);
  for (const PolicyResult& pr : other_r.policies) theirs.push_back(pr.policy);
  std::vector<std::uint32_t> out = policy_facts(self, mine);
  for (std::uint32_t f : policy_facts(other, theirs)) {
    std::uint32_t id = self.find_fact(other.facts[f].name);
    if (id != kNone) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

struct Question {
  ChangeKind kind;
  Outcome from, to;
};

// A plan over a program that outlives it, without copying the program: the diff's
// arguments outlive the Differ.
std::shared_ptr<const Plan> borrowed_plan(const Program& p) {
  return make_plan(std::shared_ptr<const Program>(std::shared_ptr<const Program>(), &p));
}

std::string label(const Question& q) {
  std::string s = std::string(to_string(q.from)) + " -> " + std::string(to_string(q.to));
  if (q.kind != ChangeKind::decision) s += ", " + std::string(to_string(q.kind));
  return s;
}

// The solver's limits for the diff's queries; the rest of AnalysisOptions is unused here.
AnalysisOptions query_options(const DiffOptions& options) {
  AnalysisOptions a;
  a.timeout_ms = options.timeout_ms;
  a.resource_limit = options.resource_limit;
  a.budget_s = options.budget_s;
  return a;
}

class Differ {
 public:
  Differ(const Program& old_p, const Program& new_p, const DiffOptions& options)
      : old_p_(old_p),
        new_p_(new_p),
        old_ev_(borrowed_plan(old_p)),
        new_ev_(borrowed_plan(new_p)),
        sorts_(ctx_),
        linked_(link_facts(ctx_, sorts_, old_p, new_p)),
        old_enc_(ctx_, sorts_, old_p, linked_.old_vars, options.old_on),
        new_enc_(ctx_, sorts_, new_p, linked_.new_vars, options.new_on),
        q_(ctx_, query_options(options), QueryRunner::Mode::shared, start_) {
    // Every question is about whole bundles: one solver holds it all.
    background_ = linked_.links;
    background_.push_back(fact_domain(ctx_, old_p, linked_.old_vars));
    background_.push_back(fact_domain(ctx_, new_p, linked_.new_vars));
    // Only real scenarios: each version's constraints hold.
    background_.push_back(old_enc_.constraints_hold());
    background_.push_back(new_enc_.constraints_hold());
    old_ev_.set_default_date(options.old_on);
    new_ev_.set_default_date(options.new_on);
  }

  DiffResult run() {
    DiffResult out;
    out.notes = linked_.notes;
    out.budget_s = q_.budget_s();
    const Outcome effects[] = {Outcome::share, Outcome::refer, Outcome::deny};
    std::vector<Question> questions;
    for (Outcome a : effects) {
      for (Outcome b : effects) {
        if (a != b) questions.push_back({ChangeKind::decision, a, b});
      }
    }
    questions.push_back({ChangeKind::obligations_added, Outcome::share, Outcome::share});
    questions.push_back({ChangeKind::obligations_removed, Outcome::share, Outcome::share});
    z3::expr old_dec = old_enc_.bundle_decision();
    z3::expr new_dec = new_enc_.bundle_decision();
    for (const Question& q : questions) {
      // Determinate is part of the question, not the background: a shortened witness
      // must keep both versions determinate under every value of the facts it leaves out.
      z3::expr body = old_enc_.bundle_determinate() && new_enc_.bundle_determinate() &&
                      old_dec == ctx_.int_val(static_cast<int>(q.from)) && new_dec == ctx_.int_val(static_cast<int>(q.to));
      if (q.kind != ChangeKind::decision) body = body && obligations_differ(q.kind == ChangeKind::obligations_added);
      std::string name = label(q);
      Verdict v = q_.check({q_.guard("change " + name, body)}, background_, "diff", {name});
      ++out.queries;
      if (v == Verdict::unknown) {
        const std::string reason = q_.reason_unknown();
        if (reason == "not reached") {
          ++out.not_reached;
          out.inconclusive.push_back(name + ": not reached within the analysis budget (" + std::to_string(out.budget_s) + " s)");
        } else {
          ++(reason == "timeout" ? out.undecided_timeout : out.undecided_other);
          out.inconclusive.push_back(name + ": the solver gave up (" + reason + ")");
        }
      } else if (v == Verdict::sat) {
        witness(q, body, out);
      }
    }
    return out;
  }

 private:
  // Some obligation, matched by name, is carried by the new version and not the old
  // one (added) or the reverse.
  z3::expr obligations_differ(bool added) {
    std::set<std::string> names;
    for (const auto& o : old_p_.obligations) names.insert(o.name);
    for (const auto& o : new_p_.obligations) names.insert(o.name);
    z3::expr_vector any(ctx_);
    for (const auto& name : names) {
      std::uint32_t oi = old_p_.find_obligation(name), ni = new_p_.find_obligation(name);
      z3::expr in_old = oi == kNone ? ctx_.bool_val(false) : old_enc_.bundle_obligation(oi);
      z3::expr in_new = ni == kNone ? ctx_.bool_val(false) : new_enc_.bundle_obligation(ni);
      any.push_back(added ? in_new && !in_old : in_old && !in_new);
    }
    return any.empty() ? ctx_.bool_val(false) : z3::mk_or(any);
  }

  void witness(const Question& q, const z3::expr& change, DiffResult& out) {
    z3::model m = q_.model();
    std::vector<std::uint32_t> all_old(old_p_.facts.size()), all_new(new_p_.facts.size());
    for (std::uint32_t i = 0; i < all_old.size(); ++i) all_old[i] = i;
    for (std::uint32_t i = 0; i < all_new.size(); ++i) all_new[i] = i;
    Scenario full_old = scenario_from_model(old_enc_, m, all_old);
    Scenario full_new = scenario_from_model(new_enc_, m, all_new);
    Result old_full = old_ev_.evaluate(full_old), new_full = new_ev_.evaluate(full_new);

    // Show only what matters: the facts of the policies that cover the flow.
    Scenario old_s = scenario_from_model(old_enc_, m, shown_facts(old_p_, new_p_, old_full, new_full));
    Scenario new_s = scenario_from_model(new_enc_, m, shown_facts(new_p_, old_p_, new_full, old_full));
    Result old_r = old_ev_.evaluate(old_s), new_r = new_ev_.evaluate(new_s);

    DecisionChange c;
    c.kind = q.kind;
    c.from = q.from;
    c.to = q.to;
    c.old_witness_json = scenario_to_json(old_p_, old_s);
    c.new_witness_json = scenario_to_json(new_p_, new_s);
    c.old_outcome = outcome_of(old_p_, old_r);
    c.new_outcome = outcome_of(new_p_, new_r);
    c.obligations_added = minus(c.new_outcome.obligations, c.old_outcome.obligations);
    c.obligations_removed = minus(c.old_outcome.obligations, c.new_outcome.obligations);
    bool replayed = c.old_outcome.decision == q.from && c.new_outcome.decision == q.to;
    if (q.kind == ChangeKind::obligations_added) replayed = replayed && !c.obligations_added.empty();
    if (q.kind == ChangeKind::obligations_removed) replayed = replayed && !c.obligations_removed.empty();
    if (!replayed) {
      // The encoding and the runtime disagree: say so rather than report a change
      // that a user could not reproduce.
      out.inconclusive.push_back(label(q) + ": the witness did not replay through the runtime (an analysis bug)");
      ++out.undecided_other;
      return;
    }
    shorten(c, change, old_s, new_s);
    out.changes.push_back(std::move(c));
  }

  // Keeps in the witness only the facts the change depends on: under every value of
  // the others that both versions accept, the same change, decided by the same rules.
  void shorten(DecisionChange& c, const z3::expr& change, const Scenario& old_s, const Scenario& new_s) {
    c.old_witness_full_json = c.old_witness_json;
    c.new_witness_full_json = c.new_witness_json;
    z3::expr holds = change;
    for (const auto& [p, enc, outcome] : {std::tuple{&old_p_, &old_enc_, &c.old_outcome}, std::tuple{&new_p_, &new_enc_, &c.new_outcome}}) {
      for (const std::string& name : outcome->rules) holds = holds && enc->applied(p->find_rule(name));
    }
    // A fact both versions have with the same kind is one variable (or tied by the links):
    // its new pin fixes it in both. The others are pinned on their own.
    std::vector<Pin> pins;
    std::vector<std::pair<bool, std::uint32_t>> where;  // (old version?, fact)
    // `from` and `to` always stay: a scenario names its flow.
    for (std::uint32_t f = kBuiltinFactCount; f < new_s.known.size(); ++f) {
      if (!new_s.known[f]) continue;
      pins.push_back(pin_of(new_enc_, new_s, f));
      where.emplace_back(false, f);
    }
    for (std::uint32_t f = kBuiltinFactCount; f < old_s.known.size(); ++f) {
      if (!old_s.known[f]) continue;
      const std::uint32_t nf = new_p_.find_fact(old_p_.facts[f].name);
      const bool same_kind = nf != kNone && new_p_.types[new_p_.facts[nf].type].kind == old_p_.types[old_p_.facts[f].type].kind;
      if (same_kind && new_s.known[nf]) continue;
      pins.push_back(pin_of(old_enc_, old_s, f));
      pins.back().name += "@old";
      where.emplace_back(true, f);
    }
    std::vector<Pin> flow;
    for (std::uint32_t f = 0; f < kBuiltinFactCount; ++f) {
      if (new_s.known[f]) flow.push_back(pin_of(new_enc_, new_s, f));
    }
    std::optional<std::vector<bool>> needed =
        needed_pins(q_, pins, holds, background_, label({c.kind, c.from, c.to}), flow);
    Scenario old_small = old_s, new_small = new_s;
    if (!needed) {
      c.shortened = false;
    } else {
      for (std::size_t i = 0; i < pins.size(); ++i) {
        if ((*needed)[i]) continue;
        const auto [in_old, f] = where[i];
        if (in_old) {
          old_small.known[f] = 0;
          continue;
        }
        new_small.known[f] = 0;
        const std::uint32_t of = old_p_.find_fact(new_p_.facts[f].name);
        if (of != kNone && old_p_.types[old_p_.facts[of].type].kind == new_p_.types[new_p_.facts[f].type].kind) {
          old_small.known[of] = 0;
        }
      }
      c.old_witness_json = scenario_to_json(old_p_, old_small);
      c.new_witness_json = scenario_to_json(new_p_, new_small);
    }
    std::vector<std::string> cites = cites_of_named(old_p_, c.old_outcome.rules, &old_small);
    for (std::string& x : cites_of_named(new_p_, c.new_outcome.rules, &new_small)) cites.push_back(std::move(x));
    std::sort(cites.begin(), cites.end());
    cites.erase(std::unique(cites.begin(), cites.end()), cites.end());
    c.cite = std::move(cites);
  }

  // First member: the budget counts from here, encoding included.
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  const Program& old_p_;
  const Program& new_p_;
  Evaluation old_ev_, new_ev_;  // replay the witnesses
  z3::context ctx_;
  SortCache sorts_;
  Linked linked_;
  Encoder old_enc_, new_enc_;
  QueryRunner q_;
  std::vector<z3::expr> background_;
};

}  // namespace

}  // namespace analysis::internal

DiffResult diff_programs(const Program& old_program, const Program& new_program, const DiffOptions& options) {
  try {
    analysis::internal::Differ differ(old_program, new_program, options);
    return differ.run();
  } catch (const z3::exception& e) {
    DiffResult r;
    r.inconclusive.push_back(std::string("the solver failed: ") + e.msg());
    r.undecided_other = 1;
    return r;
  } catch (const std::exception& e) {
    DiffResult r;
    r.inconclusive.push_back(std::string("the diff failed: ") + e.what());
    r.undecided_other = 1;
    return r;
  }
}

}  // namespace proviso
