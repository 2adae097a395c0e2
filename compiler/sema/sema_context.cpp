// The state the semantic passes share: reporting, names for hints, enum value owners.
#include "sema/sema_context.hpp"

#include <algorithm>

#include "proviso/base/suggest.hpp"

namespace proviso {

std::string_view to_string(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::type: return "type";
    case SymbolKind::framework: return "framework";
    case SymbolKind::obligation: return "obligation";
    case SymbolKind::fact: return "fact";
    case SymbolKind::condition: return "condition";
    case SymbolKind::policy: return "policy";
    case SymbolKind::constraint: return "constraint";
  }
  return "fact";
}

std::string CheckedBundle::fact_name(std::uint32_t fact) const {
  if (fact == kFactFrom) return "from";
  if (fact == kFactTo) return "to";
  return decls.facts.at(declared_index_of_fact(fact))->name.text;
}

std::string CheckedBundle::rule_name(std::uint32_t rule) const {
  const RuleRef& r = decls.rules.at(rule);
  return decls.policies.at(r.policy)->name.text + "." + r.decl->name.text;
}

namespace compiler::internal {

std::string describe(SymbolKind kind) {
  return (kind == SymbolKind::obligation ? "an " : "a ") + std::string(to_string(kind));
}

SemaContext::SemaContext(Compilation& comp, const SemaOptions& opts, CheckedBundle& bundle)
    : c(comp), options(opts), b(bundle), load_position_(comp.sources.size(), 0) {
  b.expr_base.assign(comp.sources.size(), 0);
  std::size_t exprs = 0;
  for (std::size_t i = 0; i < comp.files.size(); ++i) {
    const ast::File& f = comp.files[i];
    if (f.file < load_position_.size()) {
      load_position_[f.file] = static_cast<std::uint32_t>(i);
      b.expr_base[f.file] = static_cast<std::uint32_t>(exprs);
    }
    exprs += f.expr_count;
  }
  b.expr_info.assign(exprs, ExprInfo{});
}

Diagnostic& SemaContext::report(Code code, std::string message, const ast::Span& span) {
  Diagnostic& d = c.diagnostics.add(code, std::move(message), c.locate(span));
  if (d.severity == Severity::error) ++errors_;
  return d;
}

Diagnostic& SemaContext::report_nowhere(Code code, std::string message) {
  Diagnostic& d = c.diagnostics.add(code, std::move(message), Location{});
  if (d.severity == Severity::error) ++errors_;
  return d;
}

void SemaContext::note(Diagnostic& d, std::string message, const ast::Span& span) const {
  d.notes.push_back(Note{std::move(message), c.locate(span)});
}

std::string_view SemaContext::text(const ast::Span& span) const {
  if (span.file >= c.sources.size()) return {};
  std::string_view all = c.sources[span.file].text();
  if (span.begin >= all.size() || span.end < span.begin) return {};
  return all.substr(span.begin, span.end - span.begin);
}

std::uint64_t SemaContext::order_key(const ast::Span& span) const {
  std::uint64_t position = span.file < load_position_.size() ? load_position_[span.file] : span.file;
  return (position << 32) | span.begin;
}

const std::vector<std::string_view>& SemaContext::names_of(SymbolKind kind) {
  auto& cached = names_[static_cast<std::size_t>(kind)];
  if (cached) return *cached;
  std::vector<std::string_view>& names = cached.emplace();
  auto add = [&](const auto& list) {
    for (const auto* d : list) names.push_back(d->name.text);
  };
  switch (kind) {
    case SymbolKind::type: add(b.decls.types); break;
    case SymbolKind::framework: add(b.decls.frameworks); break;
    case SymbolKind::obligation: add(b.decls.obligations); break;
    case SymbolKind::fact: add(b.decls.facts); break;
    case SymbolKind::condition: add(b.decls.conditions); break;
    case SymbolKind::policy: add(b.decls.policies); break;
    case SymbolKind::constraint: add(b.decls.constraints); break;
  }
  return names;
}

const std::vector<std::string_view>& SemaContext::fact_and_condition_names() {
  if (value_names_) return *value_names_;
  std::vector<std::string_view>& names = value_names_.emplace(names_of(SymbolKind::fact));
  const auto& conditions = names_of(SymbolKind::condition);
  names.insert(names.end(), conditions.begin(), conditions.end());
  names.push_back("from");
  names.push_back("to");
  return names;
}

void SemaContext::index_enum_values() {
  enum_owners_.clear();
  for (std::uint32_t t = 0; t < b.types.size(); ++t) {
    if (b.types[t].kind != TypeKind::enumeration) continue;
    for (const std::string& v : b.types[t].values) {
      auto& owners = enum_owners_[v];
      if (owners.empty() || owners.back() != t) owners.push_back(t);
    }
  }
}

const std::vector<std::uint32_t>& SemaContext::enums_with_value(std::string_view value) const {
  static const std::vector<std::uint32_t> none;
  auto it = enum_owners_.find(std::string(value));
  return it == enum_owners_.end() ? none : it->second;
}

std::string SemaContext::hint(std::string_view name, const std::vector<std::string_view>& candidates) {
  if (hints_ >= options.max_hints) return {};
  ++hints_;
  return did_you_mean(name, candidates);
}

const Symbol* SemaContext::expect_symbol(const ast::Ident& name, SymbolKind kind, std::string_view what) {
  const Symbol* s = b.symbols.find(name.text);
  if (s && s->kind == kind) return s;
  Diagnostic& d = s ? report(Code::undefined_name,
                             "'" + name.text + "' is " + describe(s->kind) + ", not " + describe(kind), name.span)
                    : report(Code::undefined_name, "undefined " + std::string(what) + " '" + name.text + "'", name.span);
  d.hint = hint(name.text, names_of(kind));
  return nullptr;
}

}  // namespace compiler::internal

}  // namespace proviso
