#pragma once
// `proviso coverage`: for each framework question, the facts, conditions and rules that
// cite it (a rule directly, or through a fact or condition it uses) and the scenarios
// that exercise those rules. A scenario *exercises* a rule when the rule's condition
// held in it: the rule applied, or applied and was overridden (a scenario that makes a
// constraint false exercises nothing).
#include <cstdint>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/report/framework.hpp"
#include "proviso/report/links.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso {

// The rule statuses of one scenario block (Program::scenarios, same index); empty when
// the scenario makes a constraint false.
using ScenarioStatuses = std::vector<std::vector<RuleStatus>>;

struct QuestionCoverage {
  std::size_t question = 0;
  QuestionLinks links;
  std::vector<std::uint32_t> scenarios;  // indices into Program::scenarios, ascending
};

struct FrameworkCoverage {
  const FrameworkInfo* framework = nullptr;
  std::vector<QuestionCoverage> questions;
  std::size_t cited() const;     // questions something cites
  std::size_t exercised() const; // questions some scenario exercises
};

struct CoverageReport {
  const Program* program = nullptr;
  std::vector<FrameworkCoverage> frameworks;
};

CoverageReport framework_coverage(const Program& p, const std::vector<const FrameworkInfo*>& frameworks,
                                  const ScenarioStatuses& statuses);

std::string render_coverage_text(const CoverageReport& c);
std::string render_coverage_markdown(const CoverageReport& c);
std::string render_coverage_json(const CoverageReport& c);

// `proviso test --coverage-json`: rule coverage, override-edge coverage (an edge is
// exercised when its winner's condition held and its loser was overridden) and the
// framework coverage, in one JSON object.
std::string render_test_coverage_json(const CoverageReport& c, const ScenarioStatuses& statuses);

}  // namespace proviso
