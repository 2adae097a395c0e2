// The symbol index: declarations first (so that a bare name in an expression can be
// told a fact, a condition or an enum value), then every use.
#include "symbols.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace proviso::lsp::internal {

std::string_view kind_word(SymbolKind k) {
  switch (k) {
    case SymbolKind::fact: return "fact";
    case SymbolKind::condition: return "condition";
    case SymbolKind::rule: return "rule";
    case SymbolKind::policy: return "policy";
    case SymbolKind::obligation: return "obligation";
    case SymbolKind::type: return "type";
    case SymbolKind::value: return "value";
    case SymbolKind::framework: return "framework";
    case SymbolKind::question: return "question";
    case SymbolKind::constraint: return "constraint";
  }
  return "name";
}

class IndexBuilder {
 public:
  IndexBuilder(const Compilation& c, SymbolIndex& out) : c_(c), out_(out) {}

  void run() {
    for (const ast::File& f : c_.files) declarations(f);
    for (const ast::File& f : c_.files) uses(f);
    for (const ast::File& f : c_.files) hovers(f);
    std::sort(out_.occurrences_.begin(), out_.occurrences_.end(), [](const Occurrence& a, const Occurrence& b) {
      return a.file != b.file ? a.file < b.file : a.begin < b.begin;
    });
  }

 private:
  std::string_view slice(const ast::Span& s) const {
    if (s.file >= c_.sources.size()) return {};
    std::string_view t = c_.sources[s.file].text();
    return s.begin <= s.end && s.end <= t.size() ? t.substr(s.begin, s.end - s.begin) : std::string_view{};
  }

  void define(SymbolKind kind, const std::string& key, const std::string& name, const ast::Span& span) {
    Occurrence o{span.file, span.begin, span.end, key, true};
    out_.occurrences_.push_back(o);
    Symbol& s = out_.symbols_[key];
    if (s.has_definition) return;  // a duplicate: the first declaration stands, as in sema
    s.kind = kind;
    s.name = name;
    s.key = key;
    s.has_definition = true;
    s.definition = o;
  }

  void use(const std::string& key, const ast::Span& span) {
    if (!out_.symbols_.count(key)) return;  // undefined: the compiler says so
    out_.occurrences_.push_back(Occurrence{span.file, span.begin, span.end, key, false});
  }

  void type_values(const ast::TypeExpr& t, const std::string& owner_key) {
    if (t.kind == ast::TypeExpr::Kind::enumeration) {
      for (const ast::Ident& v : t.values) {
        define(SymbolKind::value, "value:" + v.text, v.text, v.span);
        value_type_[v.text] = owner_key;
        out_.symbols_[owner_key].values.push_back(v.text);
      }
    }
  }

  void declarations(const ast::File& f) {
    for (const ast::Sectors& s : f.sectors) {
      for (const ast::Ident& v : s.names) {
        define(SymbolKind::value, "value:" + v.text, v.text, v.span);
        value_type_[v.text] = "type:sector";
        out_.symbols_["type:sector"].values.push_back(v.text);
      }
    }
    for (const ast::TypeDecl& t : f.types) {
      define(SymbolKind::type, "type:" + t.name.text, t.name.text, t.name.span);
      type_values(t.type, "type:" + t.name.text);
    }
    for (const ast::Framework& fw : f.frameworks) {
      define(SymbolKind::framework, "framework:" + fw.name.text, fw.name.text, fw.name.span);
      for (const ast::Question& q : fw.questions) {
        define(SymbolKind::question, "question:" + fw.name.text + "." + q.name.text, q.name.text, q.name.span);
      }
    }
    for (const ast::ObligationDecl& o : f.obligations) {
      define(SymbolKind::obligation, "obligation:" + o.name.text, o.name.text, o.name.span);
    }
    for (const ast::FactDecl& fact : f.facts) {
      const std::string key = "fact:" + fact.name.text;
      define(SymbolKind::fact, key, fact.name.text, fact.name.span);
      type_values(fact.type, key);
    }
    for (const ast::ConditionDecl& d : f.conditions) {
      define(SymbolKind::condition, "condition:" + d.name.text, d.name.text, d.name.span);
    }
    for (const ast::ConstraintDecl& d : f.constraints) {
      define(SymbolKind::constraint, "constraint:" + d.name.text, d.name.text, d.name.span);
    }
    for (const ast::PolicyDecl& p : f.policies) {
      define(SymbolKind::policy, "policy:" + p.name.text, p.name.text, p.name.span);
      for (const ast::RuleDecl& r : p.rules) {
        define(SymbolKind::rule, "rule:" + p.name.text + "." + r.name.text, r.name.text, r.name.span);
      }
    }
    // An amendment's rules are rules of the policy it names, wherever it stands.
    for (const ast::Amendment& a : f.amendments) {
      for (const ast::RuleDecl& r : a.rules) {
        define(SymbolKind::rule, "rule:" + a.policy.text + "." + r.name.text, r.name.text, r.name.span);
      }
    }
  }

  // A bare name in an expression: a fact, a condition, or an enum value.
  void use_name(const std::string& name, const ast::Span& span) {
    for (const char* kind : {"fact:", "condition:", "value:"}) {
      if (out_.symbols_.count(kind + name)) return use(kind + name, span);
    }
  }

  void expression(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::name) use_name(e.name, e.span);
    for (const ast::Ident& v : e.values) use("value:" + v.text, v.span);
    for (const ast::ExprPtr& k : e.kids) {
      if (k) expression(*k);
    }
  }

  void type_use(const ast::TypeExpr& t) {
    if (t.kind == ast::TypeExpr::Kind::named || t.kind == ast::TypeExpr::Kind::set) use("type:" + t.name.text, t.name.span);
  }

  void cites(const std::vector<ast::Cite>& list) {
    for (const ast::Cite& c : list) {
      if (c.is_path) use("question:" + c.path.text, c.path.span);
    }
  }

  void uses(const ast::File& f) {
    for (const ast::TypeDecl& t : f.types) type_use(t.type);
    for (const ast::FactDecl& fact : f.facts) {
      type_use(fact.type);
      cites(fact.cites);
    }
    for (const ast::ConditionDecl& d : f.conditions) {
      if (d.expr) expression(*d.expr);
      cites(d.cites);
    }
    for (const ast::ConstraintDecl& d : f.constraints) {
      if (d.expr) expression(*d.expr);
      cites(d.cites);
    }
    auto rule_uses = [&](const std::string& policy, const std::vector<ast::RuleDecl>& rules) {
      for (const ast::RuleDecl& r : rules) {
        if (r.when) expression(*r.when);
        if (r.unless) expression(*r.unless);
        for (const ast::Ident& o : r.requires_) use("obligation:" + o.text, o.span);
        for (const ast::Ident& o : r.overrides) use("rule:" + policy + "." + o.text, o.span);
        cites(r.cites);
      }
    };
    for (const ast::PolicyDecl& p : f.policies) {
      if (p.sector) use("value:" + p.sector->text, p.sector->span);
      rule_uses(p.name.text, p.rules);
    }
    for (const ast::Amendment& a : f.amendments) {
      use("policy:" + a.policy.text, a.policy.span);
      rule_uses(a.policy.text, a.rules);
    }
    for (const ast::ScenarioDecl& s : f.scenarios) {
      if (s.from) use("value:" + s.from->text, s.from->span);
      if (s.to) use("value:" + s.to->text, s.to->span);
      for (const ast::Assignment& a : s.facts) {
        use("fact:" + a.fact.text, a.fact.span);
        if (a.value.kind == ast::ScenarioValue::Kind::name) use("value:" + a.value.name.text, a.value.name.span);
        for (const ast::Ident& m : a.value.members) use("value:" + m.text, m.span);
      }
      if (s.expect) {
        for (const ast::Ident& o : s.expect->requires_) use("obligation:" + o.text, o.span);
        for (const ast::Ident& m : s.expect->missing) use("fact:" + m.text, m.span);
      }
    }
  }

  std::string cite_lines(const std::vector<ast::Cite>& list) const {
    std::string out;
    for (const ast::Cite& c : list) {
      if (c.is_path) {
        const Symbol* q = out_.find("question:" + c.path.text);
        out += fmt::format("\n- `{}`{}", c.path.text, q && !q->hover.empty() ? ": " + question_text_.at(c.path.text) : "");
      } else {
        out += fmt::format("\n- {}", c.text);
      }
    }
    return out.empty() ? out : "\n\nCites:" + out;
  }

  void hovers(const ast::File& f) {
    for (const ast::Framework& fw : f.frameworks) {
      out_.symbols_["framework:" + fw.name.text].hover = fmt::format("**framework** `{}`\n\n{}", fw.name.text, fw.title);
      for (const ast::Question& q : fw.questions) {
        const std::string path = fw.name.text + "." + q.name.text;
        question_text_[path] = q.text;
        out_.symbols_["question:" + path].hover =
            fmt::format("**question** `{}`{}\n\n{}\n\n*{}*", path, q.group ? " (group " + q.group->text + ")" : "",
                        q.text, fw.title);
      }
    }
    for (const ast::TypeDecl& t : f.types) {
      out_.symbols_["type:" + t.name.text].hover = fmt::format("**type** `{}` = `{}`", t.name.text, slice(t.type.span));
    }
    for (const ast::ObligationDecl& o : f.obligations) {
      out_.symbols_["obligation:" + o.name.text].hover = fmt::format("**obligation** `{}`\n\n{}", o.name.text, o.text);
    }
    for (const ast::FactDecl& fact : f.facts) {
      Symbol& s = out_.symbols_["fact:" + fact.name.text];
      s.hover = fmt::format("**fact** `{}`: `{}`{}{}", fact.name.text, slice(fact.type.span),
                            fact.question ? "\n\n" + *fact.question : "", cite_lines(fact.cites));
      if (fact.type.kind == ast::TypeExpr::Kind::named || fact.type.kind == ast::TypeExpr::Kind::set) {
        s.type_name = fact.type.name.text;
        if (const Symbol* t = out_.find("type:" + fact.type.name.text)) s.values = t->values;
      }
    }
    for (const ast::ConditionDecl& d : f.conditions) {
      out_.symbols_["condition:" + d.name.text].hover =
          fmt::format("**condition** `{}`\n\n```proviso\n{}\n```{}{}", d.name.text, d.expr ? slice(d.expr->span) : "",
                      d.text ? "\n\n" + *d.text : "", cite_lines(d.cites));
    }
    for (const ast::ConstraintDecl& d : f.constraints) {
      out_.symbols_["constraint:" + d.name.text].hover =
          fmt::format("**constraint** `{}`: every real scenario satisfies\n\n```proviso\n{}\n```{}{}", d.name.text,
                      d.expr ? slice(d.expr->span) : "", d.text ? "\n\n" + *d.text : "", cite_lines(d.cites));
    }
    auto rule_hovers = [&](const std::string& policy, const std::vector<ast::RuleDecl>& rules, std::string_view where) {
      for (const ast::RuleDecl& r : rules) {
        std::string dates;
        if (r.effective) dates = "\n\nIn force " + std::string(slice(r.effective->span)).substr(10);
        out_.symbols_["rule:" + policy + "." + r.name.text].hover =
            fmt::format("**rule** `{}.{}`: **{}**{}\n\n```proviso\nwhen {}{}\n```{}{}{}", policy, r.name.text,
                        to_string(r.effect), where, r.when ? slice(r.when->span) : "",
                        r.unless ? "\nunless " + std::string(slice(r.unless->span)) : "",
                        r.because ? "\n\nBecause: " + *r.because : "", dates, cite_lines(r.cites));
      }
    };
    for (const ast::Amendment& a : f.amendments) rule_hovers(a.policy.text, a.rules, " (added by an amendment)");
    for (const ast::PolicyDecl& p : f.policies) {
      out_.symbols_["policy:" + p.name.text].hover =
          fmt::format("**policy** `{}`{}{}{}\n\n{} rule{}", p.name.text,
                      p.sector ? "\n\nsector " + p.sector->text : "\n\nevery flow",
                      p.default_effect ? std::string("; default ") + std::string(to_string(*p.default_effect)) : "",
                      p.combine ? std::string("; combine ") + std::string(to_string(*p.combine)) : "", p.rules.size(),
                      p.rules.size() == 1 ? "" : "s");
      rule_hovers(p.name.text, p.rules, "");
    }
    for (auto& [value, type_key] : value_type_) {
      Symbol& s = out_.symbols_["value:" + value];
      const std::string owner = type_key.substr(type_key.find(':') + 1);
      s.hover = fmt::format("**value** `{}` of {} `{}`", value, type_key.rfind("fact:", 0) == 0 ? "fact" : "type", owner);
    }
  }

  const Compilation& c_;
  SymbolIndex& out_;
  std::map<std::string, std::string> value_type_;     // enum value -> the key of its type or fact
  std::map<std::string, std::string> question_text_;  // "dpb.q3" -> its text
};

SymbolIndex::SymbolIndex(const Compilation& c) {
  symbols_["type:sector"] = Symbol{SymbolKind::type, "sector", "type:sector", "**type** `sector` (declared by `sectors`)", {}, {}, false, {}};
  IndexBuilder(c, *this).run();
}

const Occurrence* SymbolIndex::at(std::uint32_t file, std::uint32_t offset) const {
  auto it = std::upper_bound(occurrences_.begin(), occurrences_.end(), std::make_pair(file, offset),
                             [](const std::pair<std::uint32_t, std::uint32_t>& x, const Occurrence& o) {
                               return x.first != o.file ? x.first < o.file : x.second < o.begin;
                             });
  // Occurrences never overlap, so the one that begins last at or before `offset` is the candidate.
  if (it == occurrences_.begin()) return nullptr;
  --it;
  return it->file == file && offset >= it->begin && offset <= it->end ? &*it : nullptr;
}

const Symbol* SymbolIndex::find(const std::string& key) const {
  auto it = symbols_.find(key);
  return it == symbols_.end() ? nullptr : &it->second;
}

std::vector<const Occurrence*> SymbolIndex::uses(const std::string& key) const {
  std::vector<const Occurrence*> out;
  for (const Occurrence& o : occurrences_) {
    if (o.key == key) out.push_back(&o);
  }
  return out;
}

}  // namespace proviso::lsp::internal
