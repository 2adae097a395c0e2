// The questionnaire's loop: decide, pick the next question, take the answer, repeat.
#include "proviso/runtime/questionnaire.hpp"

#include <stdexcept>

namespace proviso {

Questionnaire::Questionnaire(std::shared_ptr<const Plan> plan, Scenario start)
    : evaluation_(std::move(plan)), scenario_(std::move(start)), declined_(evaluation_.program().facts.size(), 0) {
  const std::size_t facts = evaluation_.program().facts.size();
  if (scenario_.values.size() != facts || scenario_.known.size() != facts) {
    throw std::invalid_argument("Questionnaire: the scenario does not match the program");
  }
  decide();
}

void Questionnaire::answer(std::uint32_t fact, std::int64_t value) {
  scenario_.set(fact, value);
  asked_.push_back(fact);
  ++answered_;
  decide();
}

void Questionnaire::decline(std::uint32_t fact) {
  declined_.at(fact) = 1;
  asked_.push_back(fact);
  decide();
}

void Questionnaire::decide() {
  evaluation_.evaluate(scenario_, result_);
  next_ = kNone;
  if (result_.decision != Outcome::undetermined) return;
  // The decision's own next question, unless the person already said they do not
  // know it; then the next decisive question they have not declined.
  for (std::uint32_t fact : result_.missing) {
    if (!declined_[fact] && !scenario_.known[fact]) {
      next_ = fact;
      return;
    }
  }
}

}  // namespace proviso
