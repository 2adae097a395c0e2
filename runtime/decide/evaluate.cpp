// The public Evaluation over the per-thread EvalState, the state's set-up, and the
// node values kept for the trace.
#include "proviso/runtime/evaluate.hpp"

#include <stdexcept>

#include "decide/eval_state.hpp"
#include "plan/truth.hpp"

namespace proviso {

std::string_view to_string(RuleStatus s) {
  switch (s) {
    case RuleStatus::applied: return "applied";
    case RuleStatus::not_applicable: return "not_applicable";
    case RuleStatus::overridden: return "overridden";
    case RuleStatus::undetermined: return "undetermined";
    case RuleStatus::not_in_force: return "not_in_force";
  }
  return "undetermined";
}

Evaluation::Evaluation(std::shared_ptr<const Plan> plan) : plan_(std::move(plan)) {
  if (!plan_) throw std::invalid_argument("an Evaluation needs a plan, not null");
  state_ = std::make_unique<runtime::internal::EvalState>(*plan_->data_);
}

Evaluation::~Evaluation() = default;
Evaluation::Evaluation(Evaluation&&) noexcept = default;
Evaluation& Evaluation::operator=(Evaluation&&) noexcept = default;

std::string describe_violation(const Program& p, std::uint32_t constraint) {
  const Constraint& c = p.constraints.at(constraint);
  return "the scenario makes constraint '" + c.name + "' false" + (c.text.empty() ? "" : ": " + c.text);
}

Outcome Evaluation::decide(const Scenario& s) { return state_->decide(s); }
Outcome Evaluation::decide(const Scenario& s, std::uint32_t& violated) { return state_->decide(s, violated); }
void Evaluation::set_default_date(Day day) { state_->set_default_date(day); }
Day Evaluation::default_date() const { return state_->default_date(); }

void Evaluation::evaluate(const Scenario& s, Result& out, const EvaluateOptions& options) {
  if (options.decision_only) {
    state_->evaluate_decision(s, out);
  } else {
    state_->evaluate(s, out, options.keep_values);
  }
}

namespace runtime::internal {

EvalState::EvalState(const PlanData& plan)
    : plan_(plan),
      program_(plan.program),
      values_(plan.values),
      known_(plan.known),
      truth_(plan.truth),
      exact_(std::make_unique<ExactState>(plan.program)) {
  const Program& program = program_;
  const std::size_t policies = program.policies.size();
  applies_.assign(program.rules.size(), 0);
  applies_mask_.assign(policies, 0);
  unknown_mask_.assign(policies, 0);
  covering_.reserve(policies);
  decision_.resize(policies);
  undetermined_rules_.assign(policies, 0);
  policy_open_.assign(policies, 0);
  obligation_mark_.assign(program.obligations.size(), 0);
  has_dates_ = program.has_dates();
  for (const Constraint& c : program.constraints) constraint_slots_.push_back(plan.alias[c.node]);
}

std::uint32_t EvalState::first_violated() const {
  for (std::uint32_t c = 0; c < constraint_slots_.size(); ++c) {
    if (truth_[constraint_slots_[c]] == kFalse) return c;
  }
  return kNone;
}

void EvalState::apply_dates(const Scenario& s) {
  if (!has_dates_) return;
  date_ = date_of(s);
  for (std::uint32_t r = 0; r < program_.rules.size(); ++r) {
    if (!program_.rule_in_force(r, date_)) truth_[plan_.rule_base + r] = kFalse;
  }
}

Tri EvalState::node_value(std::uint32_t node) const {
  const std::uint32_t n = plan_.alias[node];
  if (plan_.is_bool[n]) return to_tri(truth_[n]);
  if (!known_[n]) return Tri::unknown;
  return values_[n] != 0 ? Tri::true_ : Tri::false_;
}

void EvalState::store_values(proviso::NodeValues& out) const {
  const std::size_t nodes = program_.nodes.size(), rules = program_.rules.size();
  out.nodes.resize(nodes);
  for (std::size_t node = 0; node < nodes; ++node) {
    const std::uint32_t n = plan_.alias[node];
    if (plan_.is_bool[n]) {
      out.nodes[node] = to_tri(truth_[n]);
    } else {
      out.nodes[node] = !known_[n] ? Tri::unknown : values_[n] != 0 ? Tri::true_ : Tri::false_;
    }
  }
  out.rules.resize(rules);
  for (std::size_t r = 0; r < rules; ++r) out.rules[r] = to_tri(rule_truth()[r]);
}

}  // namespace runtime::internal
}  // namespace proviso
