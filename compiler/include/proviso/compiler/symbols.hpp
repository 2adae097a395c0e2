#pragma once
// What semantic analysis learned about a bundle: every declaration in load order, the
// one global namespace, the types table, and how each name in an expression resolved.
// Lowering reads only this (plus the condition graph), never raw names.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "proviso/compiler/ast.hpp"
#include "proviso/program/program.hpp"

namespace proviso {

enum class SymbolKind : std::uint8_t { type, framework, obligation, fact, condition, policy, constraint };
std::string_view to_string(SymbolKind kind);

// A declaration in the global namespace; `index` points into its Declarations list.
struct Symbol {
  SymbolKind kind = SymbolKind::fact;
  std::uint32_t index = 0;
};

struct RuleRef {
  const ast::RuleDecl* decl = nullptr;
  std::uint32_t policy = 0;                 // index into Declarations::policies
  const ast::Amendment* amendment = nullptr;  // the `amend policy` block it came from, if any
};

// Declarations of the bundle in load order (files in c.files order, then source order).
// Indexes into these lists are the ids used everywhere else; a fact's program id is its
// index here plus 2, because `from` and `to` come first.
struct Declarations {
  const ast::Sectors* sectors = nullptr;  // the first `sectors` block
  std::vector<const ast::TypeDecl*> types;
  std::vector<const ast::Framework*> frameworks;
  std::vector<const ast::ObligationDecl*> obligations;
  std::vector<const ast::FactDecl*> facts;
  std::vector<const ast::ConditionDecl*> conditions;
  std::vector<const ast::ConstraintDecl*> constraints;
  std::vector<const ast::PolicyDecl*> policies;
  std::vector<const ast::Amendment*> amendments;  // in load order
  // Grouped by policy: a policy's own rules in source order, then the rules of its
  // amendments in load order. These are the program's rule ids.
  std::vector<RuleRef> rules;
  std::vector<std::uint32_t> policy_first_rule;  // per policy, its first index in `rules`
  std::vector<std::uint32_t> policy_rule_count;  // per policy, its rules with amendments'
  std::vector<std::uint32_t> amendment_policy;   // per amendment: its policy, or kNone
  std::vector<const ast::ScenarioDecl*> scenarios;
};

// The global namespace. Rules are not in it: they are local to their policy.
class SymbolTable {
 public:
  // False (and no change) when the name is taken.
  bool insert(std::string name, Symbol symbol);
  const Symbol* find(std::string_view name) const;
  std::size_t size() const { return table_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Symbol, Hash, std::equal_to<>> table_;
};

// How one name expression resolved.
struct NameRef {
  enum class Kind : std::uint8_t { none, fact, condition, enum_value };
  Kind kind = Kind::none;
  std::uint32_t id = kNone;  // program fact id, condition id, or enum value index
};

struct ExprInfo {
  std::uint32_t type = kNone;  // TypeId in CheckedBundle::types; kNone after an error
  NameRef ref;                 // for ExprKind::name
};

struct CheckedRule {
  std::vector<std::uint32_t> overrides;  // rule ids of the same policy, as written
  std::vector<ast::Span> override_spans; // where each of `overrides` is named
  std::vector<std::uint32_t> requires_;  // obligation ids (sorted-by-name order), as written
};

struct CheckedBundle {
  Declarations decls;
  SymbolTable symbols;

  // The program's types table: bool, int, sector, then declared types, then the
  // inline enums, bounded ints and sets of fact declarations.
  std::vector<Type> types;
  std::uint32_t bool_type = 0, int_type = 1, sector_type = 2;
  std::vector<std::uint32_t> declared_type_ids;  // per Declarations::types entry (kNone: bad)
  std::vector<std::uint32_t> fact_types;         // per program fact id (kNone: bad)
  std::vector<std::int32_t> policy_sectors;      // per policy: sector value index or -1
  std::vector<std::uint32_t> obligation_ids;     // per Declarations::obligations: rank by name

  // What type checking learnt about each expression, indexed by expr_base[file] + id
  // (an expression never checked keeps the default: no type, no name).
  std::vector<std::uint32_t> expr_base;          // per source file id
  std::vector<ExprInfo> expr_info;
  ExprInfo& info(const ast::Expr& e) { return expr_info[expr_base[e.span.file] + e.id]; }
  const ExprInfo& info(const ast::Expr& e) const { return expr_info[expr_base[e.span.file] + e.id]; }
  std::vector<CheckedRule> rules;                // per Declarations::rules entry
  std::vector<NamedScenario> scenarios;          // checked and converted scenario blocks

  std::uint32_t fact_count() const { return fact_id_of_declared(static_cast<std::uint32_t>(decls.facts.size())); }
  std::string fact_name(std::uint32_t fact) const;
  std::string rule_name(std::uint32_t rule) const;  // "policy.rule"
  // The type of a declared fact, or of `from`/`to`.
  std::uint32_t fact_type(std::uint32_t fact) const { return fact < fact_types.size() ? fact_types[fact] : kNone; }
  // The question a cite path such as "dpb.q3" names, or null.
  const ast::Question* find_question(std::string_view path) const;
};

}  // namespace proviso
