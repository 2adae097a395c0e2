// Policies and rules beyond their expressions: the policy's sector, `require` (declared
// obligations, on `share` rules only), `defers` (share rules only), `overrides` (rules
// of the same policy, amendments' rules included) and effective periods.
#include <unordered_map>

#include "sema/sema_context.hpp"

namespace proviso::compiler::internal {
namespace {

std::int32_t check_sector(SemaContext& cx, const ast::PolicyDecl& p) {
  if (!p.sector) return -1;
  const Type& sector = cx.b.types[cx.b.sector_type];
  std::uint32_t index = sector.value_index(p.sector->text);
  if (index != kNone) return static_cast<std::int32_t>(index);
  Diagnostic& d = cx.report(Code::undefined_name, "undefined sector '" + p.sector->text + "'", p.sector->span);
  d.hint = cx.hint(p.sector->text, std::vector<std::string_view>(sector.values.begin(), sector.values.end()));
  return -1;
}

void check_requires(SemaContext& cx, const ast::RuleDecl& rule, CheckedRule& out) {
  if (rule.requires_.empty()) return;
  if (rule.effect != Effect::share) {
    // A structural rule of the language rather than a type: only a `share` decision
    // carries obligations, so a `require` anywhere else could never take effect.
    cx.report(Code::syntax,
              "only 'share' rules may require obligations; rule '" + rule.name.text + "' is '" +
                  std::string(to_string(rule.effect)) + "'",
              rule.requires_.front().span);
  }
  for (const ast::Ident& name : rule.requires_) {
    if (const Symbol* s = cx.expect_symbol(name, SymbolKind::obligation, "obligation")) {
      out.requires_.push_back(cx.b.obligation_ids[s->index]);
    }
  }
}

void check_defers(SemaContext& cx, const ast::RuleDecl& rule) {
  if (!rule.defers || rule.effect == Effect::share) return;
  // Only a share can stand aside for another policy's stricter decision; a refer or
  // deny that "defers" would mean nothing, so it is refused like `require` is.
  cx.report(Code::syntax,
            "only 'share' rules may defer; rule '" + rule.name.text + "' is '" + std::string(to_string(rule.effect)) + "'",
            *rule.defers);
}

// `until` before `from` could never be in force: refused like any other ill-typed value.
void check_effective(SemaContext& cx, const std::optional<ast::EffectiveClause>& e, std::string_view owner) {
  if (!e || !e->from || !e->until || e->until->day >= e->from->day) return;
  Diagnostic& d = cx.report(Code::type_mismatch,
                            std::string(owner) + " is in force until " + format_date(e->until->day) +
                                ", before it starts on " + format_date(e->from->day),
                            e->until->span);
  d.hint = "'until' is the last day in force and comes on or after 'from'";
}

void check_overrides(SemaContext& cx, std::uint32_t policy, const ast::RuleDecl& rule, CheckedRule& out,
                     const std::unordered_map<std::string_view, std::uint32_t>& rules_of_policy) {
  const ast::PolicyDecl& p = *cx.b.decls.policies[policy];
  const Declarations& decls = cx.b.decls;
  for (const ast::Ident& name : rule.overrides) {
    auto it = rules_of_policy.find(name.text);
    if (it != rules_of_policy.end()) {
      out.overrides.push_back(it->second);
      out.override_spans.push_back(name.span);
      continue;
    }
    Diagnostic& d =
        cx.report(Code::undefined_name, "policy '" + p.name.text + "' has no rule '" + name.text + "'", name.span);
    std::vector<std::string_view> names;
    for (std::uint32_t r = decls.policy_first_rule[policy]; r < decls.policy_first_rule[policy] + decls.policy_rule_count[policy]; ++r) {
      names.push_back(decls.rules[r].decl->name.text);
    }
    d.hint = cx.hint(name.text, names);
  }
}

}  // namespace

void check_policies(SemaContext& cx) {
  const Declarations& d = cx.b.decls;
  cx.b.policy_sectors.assign(d.policies.size(), -1);
  for (std::uint32_t p = 0; p < d.policies.size(); ++p) {
    const ast::PolicyDecl& policy = *d.policies[p];
    cx.b.policy_sectors[p] = check_sector(cx, policy);
    check_effective(cx, policy.effective, "policy '" + policy.name.text + "'");
    const std::uint32_t first = d.policy_first_rule[p], end = first + d.policy_rule_count[p];
    std::unordered_map<std::string_view, std::uint32_t> rules_of_policy;
    for (std::uint32_t r = first; r < end; ++r) rules_of_policy.emplace(d.rules[r].decl->name.text, r);
    for (std::uint32_t r = first; r < end; ++r) {
      const ast::RuleDecl& rule = *d.rules[r].decl;
      CheckedRule& out = cx.b.rules[r];
      check_requires(cx, rule, out);
      check_defers(cx, rule);
      check_overrides(cx, p, rule, out, rules_of_policy);
      check_effective(cx, rule.effective, "rule '" + rule.name.text + "'");
    }
  }
}

}  // namespace proviso::compiler::internal
