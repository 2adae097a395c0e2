// The outline of one document: declarations, with a policy's rules and a framework's
// questions under them.
#include "server.hpp"

namespace proviso::lsp::internal {
namespace {

// LSP SymbolKind numbers.
enum : int { kModule = 2, kNamespace = 3, kMethod = 6, kField = 8, kEnum = 10, kFunction = 12, kConstant = 14,
             kKey = 20, kEvent = 24 };

json symbol(const LineIndex& lines, const std::string& name, int kind, const ast::Span& whole, const ast::Span& sel,
            std::string detail = {}) {
  json out = {{"name", name.empty() ? std::string("(unnamed)") : name},
              {"kind", kind},
              {"range", lines.range(whole.begin, whole.end)},
              {"selectionRange", lines.range(sel.begin, sel.end)}};
  if (!detail.empty()) out["detail"] = detail;
  return out;
}

}  // namespace

json document_symbols(Server& s, const json& params) {
  Place p = place_of(s, params, false);
  LineIndex lines(p.text);
  json out = json::array();
  for (const ast::File& f : p.bundle->compilation.files) {
    if (f.file != p.file) continue;
    for (const ast::Sectors& x : f.sectors) out.push_back(symbol(lines, "sectors", kEnum, x.span, x.span));
    for (const ast::TypeDecl& t : f.types) out.push_back(symbol(lines, t.name.text, kEnum, t.span, t.name.span, "type"));
    for (const ast::Framework& fw : f.frameworks) {
      json sym = symbol(lines, fw.name.text, kModule, fw.span, fw.name.span, "framework");
      sym["children"] = json::array();
      for (const ast::Question& q : fw.questions) sym["children"].push_back(symbol(lines, q.name.text, kKey, q.span, q.name.span, q.text));
      out.push_back(sym);
    }
    for (const ast::ObligationDecl& o : f.obligations) out.push_back(symbol(lines, o.name.text, kConstant, o.span, o.name.span, "obligation"));
    for (const ast::FactDecl& x : f.facts) out.push_back(symbol(lines, x.name.text, kField, x.span, x.name.span, "fact"));
    for (const ast::ConditionDecl& x : f.conditions) out.push_back(symbol(lines, x.name.text, kFunction, x.span, x.name.span, "condition"));
    for (const ast::ConstraintDecl& x : f.constraints) out.push_back(symbol(lines, x.name.text, kFunction, x.span, x.name.span, "constraint"));
    for (const ast::PolicyDecl& x : f.policies) {
      json sym = symbol(lines, x.name.text, kNamespace, x.span, x.name.span, "policy");
      sym["children"] = json::array();
      for (const ast::RuleDecl& r : x.rules) {
        sym["children"].push_back(symbol(lines, r.name.text, kMethod, r.span, r.name.span, std::string(to_string(r.effect))));
      }
      out.push_back(sym);
    }
    for (const ast::Amendment& x : f.amendments) {
      json sym = symbol(lines, "amend " + x.policy.text, kNamespace, x.span, x.policy.span, "amendment");
      sym["children"] = json::array();
      for (const ast::RuleDecl& r : x.rules) {
        sym["children"].push_back(symbol(lines, r.name.text, kMethod, r.span, r.name.span, std::string(to_string(r.effect))));
      }
      out.push_back(sym);
    }
    for (const ast::ScenarioDecl& x : f.scenarios) out.push_back(symbol(lines, x.title, kEvent, x.span, x.title_span, "scenario"));
  }
  return out;
}

}  // namespace proviso::lsp::internal
