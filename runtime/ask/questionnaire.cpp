// The questionnaire's loop: decide, pick the next question, take the answer, repeat.
#include "proviso/runtime/questionnaire.hpp"

#include <stdexcept>

namespace proviso {

std::uint32_t next_open_question(const Result& r, const Scenario& s, const std::vector<std::uint8_t>& declined) {
  auto open = [&](std::uint32_t fact) {
    return fact < s.known.size() && !s.known[fact] && (fact >= declined.size() || !declined[fact]);
  };
  if (r.decision == Outcome::undetermined) {
    // The decision's own next question, unless the person already said they do not
    // know it; then the next decisive question they have not declined.
    if (r.next_question != kNone && open(r.next_question)) return r.next_question;
    for (std::uint32_t fact : r.missing) {
      if (open(fact)) return fact;
    }
    return kNone;
  }
  // A settled share whose obligations an unanswered question could still add (a DPIA,
  // say): a share handed on without its conditions is unsafe, so those are asked too.
  if (r.decision == Outcome::share) {
    for (std::uint32_t fact : r.obligation_questions) {
      if (open(fact)) return fact;
    }
  }
  return kNone;
}

Questionnaire::Questionnaire(std::shared_ptr<const Plan> plan, Scenario start)
    : evaluation_(std::move(plan)), scenario_(std::move(start)), declined_(evaluation_.program().facts.size(), 0) {
  const std::size_t facts = evaluation_.program().facts.size();
  if (scenario_.values.size() != facts || scenario_.known.size() != facts) {
    throw std::invalid_argument("Questionnaire: the scenario does not match the program");
  }
  decide();
}

std::uint32_t Questionnaire::answer(std::uint32_t fact, std::int64_t value) {
  const std::int64_t old_value = scenario_.values.at(fact);
  const std::uint8_t old_known = scenario_.known[fact];
  scenario_.set(fact, value);
  evaluation_.evaluate(scenario_, probe_);
  if (!probe_.violated.empty()) {
    scenario_.values[fact] = old_value;
    scenario_.known[fact] = old_known;
    return probe_.violated.front();
  }
  asked_.push_back(fact);
  ++answered_;
  std::swap(result_, probe_);
  pick_next();
  return kNone;
}

void Questionnaire::decline(std::uint32_t fact) {
  declined_.at(fact) = 1;
  asked_.push_back(fact);
  decide();
}

void Questionnaire::decide() {
  evaluation_.evaluate(scenario_, result_);
  pick_next();
}

void Questionnaire::pick_next() { next_ = next_open_question(result_, scenario_, declined_); }

}  // namespace proviso
