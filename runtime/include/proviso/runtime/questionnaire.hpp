#pragma once
// A questionnaire driven by the compiled program: from a flow and what is already
// known, it asks the decision's next question, re-decides after each answer, and stops
// as soon as the decision is determined (or nothing the person can answer is left). A
// share whose obligations still hang on an unanswered question also asks those
// questions (Result::obligation_questions), so the share is handed on with its
// conditions.
// `proviso ask`, the service's /v1/ask and `bench/` questions measure all use it.
#include <cstdint>
#include <memory>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/plan.hpp"

namespace proviso {

// The question to ask next about result `r` of `s` when the person has already said
// "don't know" to some facts (`declined`: one flag per fact, or empty for none). For an
// undetermined decision: the result's own next question unless declined, else the
// first fact of `r.missing` neither known nor declined. For a share: the first open
// fact of `r.obligation_questions`, whose answer could still add obligations. kNone
// when nothing is left to ask. The questionnaire below and the service's stateless
// /v1/ask (with its "unknown" facts) both use it.
std::uint32_t next_open_question(const Result& r, const Scenario& s, const std::vector<std::uint8_t>& declined);

class Questionnaire {
 public:
  // `start` holds the flow (`from` and `to`) and any facts already known. The plan is
  // shared (a service keeps one for every questionnaire); the state is this one's.
  Questionnaire(std::shared_ptr<const Plan> plan, Scenario start);

  // The fact to ask next, or kNone when the decision and its obligations are settled or
  // every question that could still matter was answered "don't know".
  std::uint32_t next() const { return next_; }
  bool done() const { return next_ == kNone; }

  // Records the answer to a fact and decides again, unless the answer makes a
  // constraint false: then nothing changes and the constraint's id is returned (a real
  // case cannot answer so; the caller says why and asks again). kNone: accepted.
  [[nodiscard]] std::uint32_t answer(std::uint32_t fact, std::int64_t value);
  // "Don't know": the fact stays unknown and is not asked again.
  void decline(std::uint32_t fact);

  const Result& result() const { return result_; }
  const Scenario& scenario() const { return scenario_; }
  // The facts asked, in order, whether answered or declined.
  const std::vector<std::uint32_t>& asked() const { return asked_; }
  std::size_t answered() const { return answered_; }

 private:
  void decide();
  void pick_next();

  Evaluation evaluation_;
  Scenario scenario_;
  Result result_;
  Result probe_;  // an answer's evaluation, kept only when no constraint refuses it
  std::vector<std::uint8_t> declined_;  // per fact
  std::vector<std::uint32_t> asked_;
  std::size_t answered_ = 0;
  std::uint32_t next_ = kNone;
};

}  // namespace proviso
