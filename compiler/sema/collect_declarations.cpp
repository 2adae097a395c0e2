// Declarations and the one global namespace: gathers every declaration in load order,
// reports names declared twice (at the second, with a note at the first), the
// `sectors` rule (exactly once per bundle) and the rule and fact count limits.
#include "proviso/compiler/symbols.hpp"

#include <algorithm>
#include <numeric>

#include "sema/sema_context.hpp"

namespace proviso {

bool SymbolTable::insert(std::string name, Symbol symbol) { return table_.emplace(std::move(name), symbol).second; }

const Symbol* SymbolTable::find(std::string_view name) const {
  auto it = table_.find(name);
  return it == table_.end() ? nullptr : &it->second;
}

namespace compiler::internal {
namespace {

struct Entry {
  const ast::Ident* name;
  Symbol symbol;
  std::uint64_t key;
};

const ast::Ident& name_of(const CheckedBundle& b, Symbol s) {
  switch (s.kind) {
    case SymbolKind::type: return b.decls.types[s.index]->name;
    case SymbolKind::framework: return b.decls.frameworks[s.index]->name;
    case SymbolKind::obligation: return b.decls.obligations[s.index]->name;
    case SymbolKind::fact: return b.decls.facts[s.index]->name;
    case SymbolKind::condition: return b.decls.conditions[s.index]->name;
    case SymbolKind::policy: return b.decls.policies[s.index]->name;
    case SymbolKind::constraint: return b.decls.constraints[s.index]->name;
  }
  return b.decls.facts[s.index]->name;
}

void report_duplicate(SemaContext& cx, const ast::Ident& second, const ast::Span& first, std::string message) {
  Diagnostic& d = cx.report(Code::duplicate_name, std::move(message), second.span);
  cx.note(d, "first declared here", first);
}

// Names local to one scope (enum values, rules of a policy, questions of a framework).
template <typename List, typename NameOf>
void check_local_duplicates(SemaContext& cx, const List& items, NameOf name_of_item, std::string_view what,
                            std::string_view scope) {
  std::unordered_map<std::string_view, const ast::Ident*> seen;
  for (const auto& item : items) {
    const ast::Ident& name = name_of_item(item);
    auto [it, fresh] = seen.emplace(name.text, &name);
    if (!fresh) {
      report_duplicate(cx, name, it->second->span,
                       std::string(what) + " '" + name.text + "' is declared twice in " + std::string(scope));
    }
  }
}

void collect_sectors(SemaContext& cx) {
  const ast::Sectors* first = nullptr;
  for (const ast::File& f : cx.c.files) {
    for (const ast::Sectors& s : f.sectors) {
      if (!first) {
        first = &s;
        continue;
      }
      Diagnostic& d = cx.report(Code::duplicate_name,
                                "'sectors' is declared more than once; a bundle lists its sectors exactly once",
                                s.span);
      cx.note(d, "first declared here", first->span);
    }
  }
  cx.b.decls.sectors = first;
  if (first) {
    check_local_duplicates(cx, first->names, [](const ast::Ident& i) -> const ast::Ident& { return i; }, "sector",
                           "'sectors'");
    return;
  }
  // `sector`, `from` and `to` all come from this one declaration, so nothing else in
  // the bundle can be checked without it: say so once, at the top of the first file.
  std::string message = "the bundle declares no sectors; one file must say 'sectors { ... }'";
  if (cx.c.files.empty()) {
    cx.report_nowhere(Code::undefined_name, std::move(message));
  } else {
    cx.report(Code::undefined_name, std::move(message), ast::Span{cx.c.files.front().file, 0, 0});
  }
}

void gather(SemaContext& cx) {
  Declarations& d = cx.b.decls;
  for (const ast::File& f : cx.c.files) {
    for (const auto& x : f.types) d.types.push_back(&x);
    for (const auto& x : f.frameworks) d.frameworks.push_back(&x);
    for (const auto& x : f.obligations) d.obligations.push_back(&x);
    for (const auto& x : f.facts) d.facts.push_back(&x);
    for (const auto& x : f.conditions) d.conditions.push_back(&x);
    for (const auto& x : f.constraints) d.constraints.push_back(&x);
    for (const auto& x : f.policies) d.policies.push_back(&x);
    for (const auto& x : f.amendments) d.amendments.push_back(&x);
    for (const auto& x : f.scenarios) d.scenarios.push_back(&x);
  }
}

// A policy's rules are contiguous in the program: its own, then those of its
// amendments in load order, wherever the amendments stand in the bundle.
void lay_out_rules(SemaContext& cx) {
  Declarations& d = cx.b.decls;
  std::unordered_map<std::string_view, std::uint32_t> policy_of;
  for (std::uint32_t p = 0; p < d.policies.size(); ++p) policy_of.emplace(d.policies[p]->name.text, p);
  std::vector<std::vector<const ast::Amendment*>> amended(d.policies.size());
  d.amendment_policy.assign(d.amendments.size(), kNone);
  for (std::uint32_t a = 0; a < d.amendments.size(); ++a) {
    const ast::Amendment& amendment = *d.amendments[a];
    auto it = policy_of.find(amendment.policy.text);
    if (it == policy_of.end()) {
      Diagnostic& diag = cx.report(Code::undefined_name,
                                   "cannot amend policy '" + amendment.policy.text + "': the bundle declares no such policy",
                                   amendment.policy.span);
      std::vector<std::string_view> names;
      for (const ast::PolicyDecl* p : d.policies) names.push_back(p->name.text);
      diag.hint = cx.hint(amendment.policy.text, names);
      continue;
    }
    d.amendment_policy[a] = it->second;
    amended[it->second].push_back(&amendment);
  }
  for (std::uint32_t p = 0; p < d.policies.size(); ++p) {
    d.policy_first_rule.push_back(static_cast<std::uint32_t>(d.rules.size()));
    for (const auto& r : d.policies[p]->rules) d.rules.push_back(RuleRef{&r, p, nullptr});
    for (const ast::Amendment* a : amended[p]) {
      for (const auto& r : a->rules) d.rules.push_back(RuleRef{&r, p, a});
    }
    d.policy_rule_count.push_back(static_cast<std::uint32_t>(d.rules.size()) - d.policy_first_rule.back());
  }
}

void fill_namespace(SemaContext& cx) {
  const Declarations& d = cx.b.decls;
  std::vector<Entry> entries;
  auto add = [&](const auto& list, SymbolKind kind) {
    for (std::uint32_t i = 0; i < list.size(); ++i) {
      entries.push_back(Entry{&list[i]->name, Symbol{kind, i}, cx.order_key(list[i]->name.span)});
    }
  };
  add(d.types, SymbolKind::type);
  add(d.frameworks, SymbolKind::framework);
  add(d.obligations, SymbolKind::obligation);
  add(d.facts, SymbolKind::fact);
  add(d.conditions, SymbolKind::condition);
  add(d.policies, SymbolKind::policy);
  add(d.constraints, SymbolKind::constraint);
  // Kinds are stored apart in the AST; source order decides which declaration is second.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  for (const Entry& e : entries) {
    if (cx.b.symbols.insert(e.name->text, e.symbol)) continue;
    const Symbol* first = cx.b.symbols.find(e.name->text);
    report_duplicate(cx, *e.name, name_of(cx.b, *first).span,
                     "'" + e.name->text + "' is already declared as " + describe(first->kind));
  }
}

// A fact named `benefit` and one named `benefit.measurable` cannot both exist: in a
// JSON scenario "benefit" would be both a value and an object of values.
void check_nested_facts(SemaContext& cx) {
  for (const ast::FactDecl* fact : cx.b.decls.facts) {
    const std::string& path = fact->name.text;
    for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
      const Symbol* s = cx.b.symbols.find(std::string_view(path).substr(0, dot));
      if (!s || s->kind != SymbolKind::fact) continue;
      report_duplicate(cx, fact->name, cx.b.decls.facts[s->index]->name.span,
                       "fact '" + path + "' is nested under fact '" + path.substr(0, dot) +
                           "'; a name cannot be both a fact and a group of facts");
      break;
    }
  }
}

// Declared facts count against max_facts; the built-in `from` and `to` do not.
void check_counts(SemaContext& cx) {
  const Declarations& d = cx.b.decls;
  if (d.facts.size() > cx.options.max_facts) {
    cx.report(Code::limit,
              "too many facts: the bundle declares " + std::to_string(d.facts.size()) + ", the limit is " +
                  std::to_string(cx.options.max_facts),
              d.facts[cx.options.max_facts]->name.span);
  }
  if (d.rules.size() > cx.options.max_rules) {
    cx.report(Code::limit,
              "too many rules: the bundle declares " + std::to_string(d.rules.size()) + ", the limit is " +
                  std::to_string(cx.options.max_rules),
              d.rules[cx.options.max_rules].decl->name.span);
  }
}

void rank_obligations(CheckedBundle& b) {
  const auto& list = b.decls.obligations;
  std::vector<std::uint32_t> order(list.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return list[x]->name.text < list[y]->name.text; });
  b.obligation_ids.assign(list.size(), 0);
  for (std::uint32_t rank = 0; rank < order.size(); ++rank) b.obligation_ids[order[rank]] = rank;
}

}  // namespace

void collect_declarations(SemaContext& cx) {
  collect_sectors(cx);
  gather(cx);
  fill_namespace(cx);
  lay_out_rules(cx);
  check_nested_facts(cx);
  const Declarations& d = cx.b.decls;
  for (const ast::Framework* f : d.frameworks) {
    check_local_duplicates(cx, f->questions, [](const ast::Question& q) -> const ast::Ident& { return q.name; },
                           "question", "framework '" + f->name.text + "'");
  }
  // An amendment's rule is a rule of its policy: a name the policy already has is a
  // duplicate, reported at the later one.
  for (std::uint32_t p = 0; p < d.policies.size(); ++p) {
    const auto begin = d.rules.begin() + d.policy_first_rule[p];
    std::vector<RuleRef> rules(begin, begin + d.policy_rule_count[p]);
    check_local_duplicates(cx, rules, [](const RuleRef& r) -> const ast::Ident& { return r.decl->name; }, "rule",
                           "policy '" + d.policies[p]->name.text + "'");
  }
  check_counts(cx);
  rank_obligations(cx.b);
  cx.b.rules.assign(d.rules.size(), CheckedRule{});
}

}  // namespace compiler::internal
}  // namespace proviso
