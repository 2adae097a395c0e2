#pragma once
// A deliberately simple second implementation of language.md §5–6, for differential
// testing of the compiled runtime. It walks the parsed AST (ast::File) directly: names
// are looked up in maps on every use, conditions are re-evaluated wherever they are
// used, enum values are compared by name, and undetermined decisions come from
// enumerating assignments. Nothing is lowered, cached or optimised, so a disagreement
// with the runtime's Evaluation points at lowering or at the runtime.
//
// Where the language text is silent it follows the reading the runtime documents
// (docs/language.md section 6):
//  - arithmetic that leaves the 64-bit range is unknown;
//  - a policy with a sector covers a flow only when `from` or `to` is known and equal;
//  - the bundle is undetermined when two assignments of the undetermined rules give
//    different decisions; every assignment of each policy's undetermined rules is
//    enumerated (a policy's decision depends on its own rules only, and the bundle's
//    on an assignment only through the policies' decisions);
//  - `missing` lists the relevant unknown facts of the pivotal rules, `next_question` the
//    one relevant to the most of them, the earlier declared on a tie;
//  - a policy decides `undetermined` when assignments of its own rules differ.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "proviso/compiler/ast.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/program/program.hpp"

namespace proviso::reference {

// A fact's value as the language writes it. Enum values are names; sets are name sets.
struct Value {
  enum class Kind : std::uint8_t { boolean, integer, enumeration, set };
  Kind kind = Kind::boolean;
  std::int64_t number = 0;      // boolean 0/1, or the integer
  std::string name;             // enumeration
  std::set<std::string> members;  // set
};

// Facts by dotted name (including `from` and `to`); an absent fact is unknown.
using Facts = std::map<std::string, Value>;

struct PolicyOutcome {
  std::string policy;
  Outcome decision = Outcome::deny;
  bool by_default = false;
  bool conflict = false;
  std::vector<std::string> obligations;  // sorted by name
};

struct Verdict {
  Outcome decision = Outcome::deny;
  bool no_covering_policy = false;
  std::vector<std::string> obligations;      // sorted by name
  std::vector<std::string> missing;          // declaration order
  std::string next_question;                 // empty: none
  std::vector<PolicyOutcome> policies;       // covering policies, source order
  std::map<std::string, RuleStatus> rules;   // "policy.rule" -> status, every rule
  std::vector<std::string> violated;         // constraints the facts make false, source order
};

class ReferenceEvaluator {
 public:
  // The files must outlive the evaluator.
  explicit ReferenceEvaluator(const std::vector<ast::File>& files);

  // `on`: the evaluation date; policies and rules not in force then cover and apply to
  // nothing (kNoDate: every one is in force).
  Verdict evaluate(const Facts& facts, Day on = kNoDate) const;

  // Fact names in declaration order, `from` and `to` first.
  const std::vector<std::string>& fact_names() const { return fact_order_; }

 private:
  struct Tri3 {
    bool known = false;
    Value value;
  };
  struct RuleInfo {
    std::string qualified;
    const ast::RuleDecl* decl = nullptr;
    std::size_t policy = 0;
    std::set<std::string> beaten_by;  // qualified names, transitive
  };

  Tri3 eval(const ast::Expr& e, const Facts& facts) const;
  std::optional<bool> condition_of(const RuleInfo& r, const Facts& facts) const;
  // Relevant unknown facts of an expression: reached through unknown sub-expressions
  // only, and through the conditions it names.
  void collect_facts(const ast::Expr& e, const Facts& facts, std::set<std::string>& out) const;
  Effect decide_policy(std::size_t policy, const std::set<std::string>& applying, bool* by_default,
                       bool* conflict, std::vector<std::string>* obligations) const;
  bool covers(std::size_t policy, const Facts& facts, Day on) const;
  static bool in_force(const std::optional<ast::EffectiveClause>& e, Day on);

  std::vector<std::string> fact_order_;
  std::map<std::string, const ast::FactDecl*> facts_;
  std::map<std::string, const ast::ConditionDecl*> conditions_;
  std::vector<const ast::PolicyDecl*> policies_;
  std::vector<const ast::ConstraintDecl*> constraints_;
  std::vector<RuleInfo> rules_;  // grouped by policy, source order
};

// The Facts of a runtime Scenario, named through the program's types.
Facts facts_of(const Program& p, const Scenario& s);

// Every difference between the runtime's result and the reference's, one per line;
// empty when they agree.
std::string compare(const Program& p, const Result& runtime, const Verdict& expected);

}  // namespace proviso::reference
