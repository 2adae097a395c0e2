#pragma once
// Private: every name of a compiled bundle, where it is declared and every place that
// uses it, built from the syntax trees (so it exists even when sema found errors).
// A symbol's key is its kind and its full name: "fact:benefit.measurable",
// "rule:health_sharing.direct_care", "question:dpb.q3", "value:explicit".
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "proviso/compiler/compile.hpp"

namespace proviso::lsp::internal {

enum class SymbolKind : std::uint8_t { fact, condition, rule, policy, obligation, type, value, framework, question, constraint };

struct Occurrence {
  std::uint32_t file = 0;  // index into Compilation::sources
  std::uint32_t begin = 0, end = 0;
  std::string key;
  bool definition = false;
};

struct Symbol {
  SymbolKind kind = SymbolKind::fact;
  std::string name;       // as written where it is declared (a rule's own name)
  std::string key;
  std::string hover;      // Markdown
  std::string type_name;  // facts: the name of their enum type, for completing its values
  std::vector<std::string> values;  // facts and types of enum kind: the values
  bool has_definition = false;
  Occurrence definition;
};

class SymbolIndex {
 public:
  explicit SymbolIndex(const Compilation& c);

  // The occurrence covering `offset` in `file` (an end offset counts), or nullptr.
  const Occurrence* at(std::uint32_t file, std::uint32_t offset) const;
  const Symbol* find(const std::string& key) const;
  std::vector<const Occurrence*> uses(const std::string& key) const;  // definition included
  const std::map<std::string, Symbol>& symbols() const { return symbols_; }

 private:
  friend class IndexBuilder;
  std::vector<Occurrence> occurrences_;  // sorted by file, then begin
  std::map<std::string, Symbol> symbols_;
};

std::string_view kind_word(SymbolKind k);

}  // namespace proviso::lsp::internal
