#pragma once
// The reference decision for a model bundle (bundle_model.hpp), read from language.md
// sections 4-6 and computed the slow, obvious way: every expression evaluated on the
// tree in Kleene logic, overrides closed transitively, and every assignment of the
// undetermined rules enumerated to find the decision, the pivotal rules, `missing`
// and `next_question`. Results are names and words ("share", "overridden"), so that
// comparing them with the runtime never relies on the runtime's enum order.
#include <cstdint>
#include <string>
#include <vector>

#include "reference/bundle_model.hpp"

namespace proviso::model {

struct PolicyVerdict {
  std::string name;
  std::string decision;               // share, refer, deny or undetermined
  bool by_default = false;            // in the baseline (no undetermined rule applies)
  bool conflict = false;              // likewise
  bool defers = false;                // its share stands aside (language.md 5.7)
  std::vector<std::string> obligations;  // when it decides share; sorted by name
};

struct Verdict {
  std::string decision;
  bool no_covering_policy = false;
  std::vector<std::string> obligations;           // sorted by name
  std::vector<std::string> missing;               // declaration order
  std::string next_question;                      // empty: none
  std::vector<std::string> possible_obligations;  // sorted by name
  std::vector<std::string> obligation_questions;  // declaration order
  std::vector<PolicyVerdict> policies;            // covering policies, source order
  std::vector<std::string> rule_status;           // every rule, source order ("pol.r" order)
};

// The most undetermined rules the enumeration accepts over all covering policies
// together: 2^kMaxOpenRules assignments.
inline constexpr std::uint32_t kMaxOpenRules = 14;

// Undetermined rules of the covering policies (what the enumeration will range over).
std::uint32_t open_rules(const Bundle& b, const Facts& f);

// Throws std::logic_error when open_rules(b, f) > kMaxOpenRules.
Verdict evaluate(const Bundle& b, const Facts& f);

// "pol.r" for every rule, source order (the order of Verdict::rule_status).
std::vector<std::string> qualified_rule_names(const Bundle& b);

}  // namespace proviso::model
