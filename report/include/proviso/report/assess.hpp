#pragma once
// `proviso assess`: one framework's assessment of one scenario. Each question, grouped
// as the framework groups them, with the facts that cite it (and their answers) and the
// conditions that cite it (and whether they hold, as the runtime evaluated them); each
// group's conditions; the red flags; the policy decisions that depend on the framework.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/report/framework.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso {

struct AssessedFact {
  std::uint32_t fact = 0;
  bool known = false;
  std::int64_t value = 0;
  bool scored = false;  // a bounded int: shown as "3 of 1..5" and drawn on the radar
};

struct AssessedCondition {
  std::uint32_t condition = 0;
  Tri value = Tri::unknown;
  bool blocking = false;  // see ProgramLinks::blocking
};

struct AssessedQuestion {
  std::size_t question = 0;  // index in the framework
  std::vector<AssessedFact> facts;
  std::vector<AssessedCondition> conditions;
};

// A group's conditions: those named after the group, or citing every question of it.
struct AssessedGroup {
  std::string name;  // "" for the questions without a group
  std::vector<AssessedQuestion> questions;
  std::vector<AssessedCondition> conditions;
};

// A threshold for a scored fact: a condition compares the fact alone with a literal.
struct Threshold {
  std::uint32_t condition = 0;
  std::string op;       // ">=", ">", "<=", "<", "==" or "!=", with the fact on the left
  std::int64_t value = 0;
};

// One spoke of the radar: a question that is the first question of the framework a
// scored fact cites (the first such fact).
struct Spoke {
  std::size_t question = 0;
  std::string group;
  std::uint32_t fact = 0;
  bool known = false;
  std::int64_t value = 0, lo = 0, hi = 0;
  std::optional<Threshold> threshold;
};

struct PolicyOutcome {
  std::uint32_t policy = 0;
  bool covers = false;                // the policy covers the scenario's flow
  Outcome decision = Outcome::deny;   // when it covers
  std::vector<std::uint32_t> rules;   // its rules that use the framework, in source order
};

struct Assessment {
  const Program* program = nullptr;
  const FrameworkInfo* framework = nullptr;
  Outcome decision = Outcome::deny;   // the bundle's decision for the scenario
  std::string scenario_title;         // may be empty
  Day on = kNoDate;
  std::vector<AssessedGroup> groups;
  // Conditions about the framework (ProgramLinks: cite a question, or read a fact that
  // does) that are blocking; a red flag is one of them that holds.
  std::vector<AssessedCondition> flags;
  std::vector<Spoke> spokes;
  std::vector<PolicyOutcome> policies;  // policies with a rule using the framework
};

// `result` must have been evaluated with keep_values.
Assessment assess(const Program& p, const FrameworkInfo& f, const Scenario& s, const Result& result,
                  std::string scenario_title = {});

// "3 of 1..5", "true", "unknown".
std::string describe_answer(const Program& p, const AssessedFact& a);
std::string_view to_string(Tri t);  // "true", "false", "unknown"
// "pb.x >= 3"
std::string describe_threshold(const Program& p, std::uint32_t fact, const Threshold& t);

std::string render_assessment_text(const Assessment& a);
std::string render_assessment_markdown(const Assessment& a);
std::string render_assessment_json(const Assessment& a);
// A self-contained page: inline CSS (printable on A4) and the radar inline.
std::string render_assessment_html(const Assessment& a);
// The radar as a standalone SVG document (radar.cpp).
std::string render_radar_svg(const Assessment& a);

}  // namespace proviso
