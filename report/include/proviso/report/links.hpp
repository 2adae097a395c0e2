#pragma once
// What uses what in a compiled program, and what cites which framework question: the
// tables every report reads.
#include <cstdint>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/report/framework.hpp"

namespace proviso {

struct ProgramLinks {
  // Per condition: the facts its body reads, directly or through other conditions, and
  // the facts its own body reads (not through other conditions). Ids ascending.
  std::vector<std::vector<std::uint32_t>> condition_facts;
  std::vector<std::vector<std::uint32_t>> condition_own_facts;
  // Per rule: the conditions its `when` and `unless` use, directly or through other
  // conditions. Ids ascending.
  std::vector<std::vector<std::uint32_t>> rule_conditions;
  // Per condition: it is *blocking* when its holding makes a deny rule apply or stops a
  // share rule: it is used (through any number of conditions, counting `not`s) without
  // negation in the `when` of a deny rule or the `unless` of a share rule, or under a
  // `not` in the `unless` of a deny rule (inside a comparison: either way).
  std::vector<std::uint8_t> blocking;

  explicit ProgramLinks(const Program& p);
};

// What cites one framework question. `facts` and `conditions` cite it directly; `rules`
// cite it directly or use (through their conditions) a fact or condition that cites it.
struct QuestionLinks {
  std::vector<std::uint32_t> facts;
  std::vector<std::uint32_t> conditions;
  std::vector<std::uint32_t> rules;
};

// The nodes of a condition's own body (not entering the conditions it uses), ascending.
std::vector<std::uint32_t> own_nodes(const Program& p, std::uint32_t condition);

// The conditions an expression uses directly (not through other conditions), in the
// order they are first met reading it left to right.
std::vector<std::uint32_t> direct_conditions(const Program& p, std::uint32_t root);

// One entry per question of `f`, in its order.
std::vector<QuestionLinks> question_links(const Program& p, const ProgramLinks& links, const FrameworkInfo& f);

// Whether a citation list names a question of `f`.
bool cites_framework(const std::vector<Citation>& cites, const FrameworkInfo& f);

// A condition is about a framework when it cites one of its questions or its own body
// reads a fact that does.
bool condition_about(const Program& p, const ProgramLinks& links, std::uint32_t condition, const FrameworkInfo& f);

}  // namespace proviso
