#pragma once
// Private: the state the semantic passes share, and the passes themselves. Each pass
// lives in its own file and reports through SemaContext so errors are counted.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "proviso/compiler/compile.hpp"
#include "proviso/compiler/graph.hpp"
#include "proviso/compiler/options.hpp"
#include "proviso/compiler/symbols.hpp"

namespace proviso::compiler::internal {

class SemaContext {
 public:
  SemaContext(Compilation& c, const SemaOptions& options, CheckedBundle& bundle);

  Compilation& c;
  const SemaOptions& options;
  CheckedBundle& b;

  // Reports an error (or another severity when given) and counts errors.
  Diagnostic& report(Code code, std::string message, const ast::Span& span);
  Diagnostic& report_nowhere(Code code, std::string message);
  void note(Diagnostic& d, std::string message, const ast::Span& span) const;
  std::size_t error_count() const { return errors_; }

  // The source text a span covers.
  std::string_view text(const ast::Span& span) const;
  // Sort key for source order across the bundle: load position, then offset.
  std::uint64_t order_key(const ast::Span& span) const;

  // Names of one kind, in declaration order, for "did you mean" hints.
  // Built once, after collect_declarations, and kept: hints may be asked for often.
  const std::vector<std::string_view>& names_of(SymbolKind kind);
  const std::vector<std::string_view>& fact_and_condition_names();
  // Enum types (in types-table order) that have a value of this name.
  const std::vector<std::uint32_t>& enums_with_value(std::string_view value) const;
  void index_enum_values();

  // "did you mean 'x'?" for the closest candidate; none after options.max_hints hints.
  std::string hint(std::string_view name, const std::vector<std::string_view>& candidates);

  // Resolves a name of the global namespace that must be of `kind`, reporting
  // undefined-name (with a hint) otherwise; `what` names the kind in messages.
  const Symbol* expect_symbol(const ast::Ident& name, SymbolKind kind, std::string_view what);

 private:
  std::size_t errors_ = 0;
  std::size_t hints_ = 0;
  std::vector<std::uint32_t> load_position_;  // per source index
  std::unordered_map<std::string, std::vector<std::uint32_t>> enum_owners_;
  std::array<std::optional<std::vector<std::string_view>>, 7> names_;
  std::optional<std::vector<std::string_view>> value_names_;
};

// The article and kind of a symbol for messages: "a fact", "an obligation".
std::string describe(SymbolKind kind);

// The passes, in the order check_and_lower runs them.
void collect_declarations(SemaContext& cx);  // symbols.cpp: namespace, duplicates, limits
void check_types(SemaContext& cx);           // types.cpp: the types table, fact types
void check_cites(SemaContext& cx);           // sema_cite.cpp
void check_expressions(SemaContext& cx);     // types_expr.cpp: names, enum literals, types
void check_policies(SemaContext& cx);        // sema_policy.cpp: sectors, requires, overrides
void check_scenarios(SemaContext& cx);       // scenario_check.cpp
// sema_graph.cpp: builds the graph and reports cycles, override cycles and unused names.
std::shared_ptr<ConditionGraph> build_graph(SemaContext& cx);

}  // namespace proviso::compiler::internal
