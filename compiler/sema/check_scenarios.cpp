// `scenario` blocks (language.md section 7): checked against the declared facts and
// converted to runtime Scenarios with expectations. A value that does not fit its fact
// is `bad-scenario`; a name that is not declared at all is `undefined-name`.
#include <algorithm>
#include <unordered_map>

#include "proviso/compiler/lower.hpp"
#include "sema/sema_context.hpp"

namespace proviso::compiler::internal {
namespace {

std::string_view describe(ast::ScenarioValue::Kind kind) {
  switch (kind) {
    case ast::ScenarioValue::Kind::boolean: return "true or false";
    case ast::ScenarioValue::Kind::integer: return "a number";
    case ast::ScenarioValue::Kind::name: return "a name";
    case ast::ScenarioValue::Kind::set: return "a set";
  }
  return "a value";
}

class ScenarioChecker {
 public:
  explicit ScenarioChecker(SemaContext& cx) : cx_(cx), b_(cx.b) {}

  NamedScenario check(const ast::ScenarioDecl& s) {
    NamedScenario out;
    out.title = s.title;
    out.place = source_place(cx_.c, s.span);
    out.facts.reset(b_.fact_count());
    check_flow(s, out.facts);
    std::unordered_map<std::uint32_t, const ast::Assignment*> assigned;
    for (const ast::Assignment& a : s.facts) {
      std::uint32_t fact = find_fact(a.fact);
      if (fact == kNone) continue;
      auto [it, fresh] = assigned.emplace(fact, &a);
      if (!fresh) {
        Diagnostic& d = cx_.report(Code::bad_scenario, "fact '" + a.fact.text + "' is assigned twice", a.fact.span);
        cx_.note(d, "first assigned here", it->second->fact.span);
        continue;
      }
      if (fact == kFactFrom || fact == kFactTo) {
        cx_.report(Code::bad_scenario, "'" + a.fact.text + "' is given by 'from ... to ...'", a.fact.span);
        continue;
      }
      std::int64_t value = 0;
      if (convert(a, fact, value)) out.facts.set(fact, value);
    }
    if (s.expect) out.expect = expectation(*s.expect);
    return out;
  }

 private:
  std::uint32_t sector_value(const ast::Ident& name) {
    const Type& sector = b_.types[b_.sector_type];
    std::uint32_t index = sector.value_index(name.text);
    if (index != kNone) return index;
    Diagnostic& d = cx_.report(Code::bad_scenario, "'" + name.text + "' is not a sector", name.span);
    d.hint = cx_.hint(name.text, std::vector<std::string_view>(sector.values.begin(), sector.values.end()));
    return kNone;
  }

  void check_flow(const ast::ScenarioDecl& s, Scenario& facts) {
    if (!s.from || !s.to) {
      cx_.report(Code::bad_scenario, "scenario '" + s.title + "' must say 'from SECTOR to SECTOR'", s.title_span);
    }
    if (s.from) {
      if (std::uint32_t v = sector_value(*s.from); v != kNone) facts.set(kFactFrom, v);
    }
    if (s.to) {
      if (std::uint32_t v = sector_value(*s.to); v != kNone) facts.set(kFactTo, v);
    }
    if (s.on) facts.on = s.on->day;
  }

  std::uint32_t find_fact(const ast::Ident& name) {
    if (name.text == "from") return kFactFrom;
    if (name.text == "to") return kFactTo;
    const Symbol* s = cx_.expect_symbol(name, SymbolKind::fact, "fact");
    return s ? fact_id_of_declared(s->index) : kNone;
  }

  bool wrong_kind(const ast::Assignment& a, const Type& t) {
    cx_.report(Code::bad_scenario,
               "wrong value for fact '" + a.fact.text + "': expected a value of '" + t.name + "', found " +
                   std::string(describe(a.value.kind)),
               a.value.span);
    return false;
  }

  bool enum_value(const ast::Assignment& a, const Type& t, const ast::Ident& v, std::uint32_t& index) {
    index = t.value_index(v.text);
    if (index != kNone) return true;
    Diagnostic& d = cx_.report(
        Code::bad_scenario, "'" + v.text + "' is not a value of '" + t.name + "' (fact '" + a.fact.text + "')", v.span);
    d.hint = cx_.hint(v.text, std::vector<std::string_view>(t.values.begin(), t.values.end()));
    return false;
  }

  bool convert(const ast::Assignment& a, std::uint32_t fact, std::int64_t& value) {
    std::uint32_t type = b_.fact_type(fact);
    if (type == kNone) return false;
    const Type& t = b_.types[type];
    const ast::ScenarioValue& v = a.value;
    switch (t.kind) {
      case TypeKind::boolean:
        if (v.kind != ast::ScenarioValue::Kind::boolean) return wrong_kind(a, t);
        value = v.bool_value ? 1 : 0;
        return true;
      case TypeKind::integer:
        if (v.kind != ast::ScenarioValue::Kind::integer) return wrong_kind(a, t);
        if (v.int_value < t.lo || v.int_value > t.hi) {
          cx_.report(Code::bad_scenario,
                     "value " + std::to_string(v.int_value) + " of fact '" + a.fact.text + "' is outside " +
                         std::to_string(t.lo) + " .. " + std::to_string(t.hi),
                     v.span);
          return false;
        }
        value = v.int_value;
        return true;
      case TypeKind::enumeration: {
        if (v.kind != ast::ScenarioValue::Kind::name) return wrong_kind(a, t);
        std::uint32_t index = kNone;
        if (!enum_value(a, t, v.name, index)) return false;
        value = index;
        return true;
      }
      case TypeKind::set: {
        if (v.kind != ast::ScenarioValue::Kind::set) return wrong_kind(a, t);
        const Type& element = b_.types[t.element];
        bool ok = true;
        std::uint64_t mask = 0;
        for (const ast::Ident& m : v.members) {
          std::uint32_t index = kNone;
          if (enum_value(a, element, m, index)) {
            mask |= std::uint64_t{1} << index;
          } else {
            ok = false;
          }
        }
        value = static_cast<std::int64_t>(mask);
        return ok;
      }
    }
    return false;
  }

  Expectation expectation(const ast::ExpectDecl& e) {
    Expectation out;
    out.outcome = e.outcome;
    if (e.has_require) {
      out.check_obligations = true;
      if (e.outcome != Outcome::share) {
        cx_.report(Code::bad_scenario, "only 'expect share' can list obligations with 'require'", e.span);
      }
      for (const ast::Ident& name : e.requires_) {
        if (const Symbol* s = cx_.expect_symbol(name, SymbolKind::obligation, "obligation")) {
          out.obligations.push_back(b_.obligation_ids[s->index]);
        }
      }
      sort_unique(out.obligations);
    }
    if (e.has_missing) {
      out.check_missing = true;
      if (e.outcome != Outcome::undetermined) {
        cx_.report(Code::bad_scenario, "only 'expect undetermined' can list 'missing' facts", e.span);
      }
      for (const ast::Ident& name : e.missing) {
        if (std::uint32_t fact = find_fact(name); fact != kNone) out.missing.push_back(fact);
      }
      sort_unique(out.missing);
    }
    return out;
  }

  static void sort_unique(std::vector<std::uint32_t>& ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }

  SemaContext& cx_;
  CheckedBundle& b_;
};

}  // namespace

void check_scenarios(SemaContext& cx) {
  ScenarioChecker checker(cx);
  // `eval --name` and `test` pick scenarios by title, so a title names one scenario.
  std::unordered_map<std::string_view, const ast::ScenarioDecl*> titles;
  for (const ast::ScenarioDecl* s : cx.b.decls.scenarios) {
    auto [it, fresh] = titles.emplace(s->title, s);
    if (!fresh) {
      Diagnostic& d = cx.report(Code::bad_scenario, "a scenario titled '" + s->title + "' is already declared",
                                s->title_span);
      cx.note(d, "first declared here", it->second->title_span);
    }
    cx.b.scenarios.push_back(checker.check(*s));
  }
}

}  // namespace proviso::compiler::internal
