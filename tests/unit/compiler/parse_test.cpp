// parse_source: the AST each declaration form builds (every contract example of
// language.md §3, §5 and §7), expression precedence and n-ary folding, exact spans,
// and the one diagnostic of a file that does not parse: message, line and column.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "proviso/compiler/parse.hpp"
#include "proviso/runtime/diagnostic_render.hpp"

namespace proviso {
namespace {

struct Parsed {
  SourceFile source;
  Diagnostics diags;
  std::optional<ast::File> file;
};

Parsed parse(std::string text, const ParseOptions& options = {}) {
  Parsed p{SourceFile("test.proviso", std::move(text)), {}, std::nullopt};
  p.file = parse_source(p.source, 7, options, p.diags);
  return p;
}

ast::File parse_ok(std::string text) {
  Parsed p = parse(std::move(text));
  EXPECT_TRUE(p.file.has_value()) << render_text(p.diags);
  EXPECT_TRUE(p.diags.items().empty()) << render_text(p.diags);
  return p.file ? std::move(*p.file) : ast::File{};
}

// "file:line:col: error[code]: message" of the file's one diagnostic.
std::string error_line(std::string text, const ParseOptions& options = {}) {
  Parsed p = parse(std::move(text), options);
  EXPECT_FALSE(p.file.has_value());
  if (p.diags.items().size() != 1) return "expected one diagnostic, got:\n" + render_text(p.diags);
  std::string rendered = render_text(p.diags.items().front());
  return rendered.substr(0, rendered.find('\n'));
}

std::string show(const ast::Expr& e);

std::string show_kids(const char* head, const ast::Expr& e) {
  std::string out = std::string(head) + "[";
  for (std::size_t i = 0; i < e.kids.size(); ++i) out += (i ? "," : "") + show(*e.kids[i]);
  return out + "]";
}

std::string show(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::boolean: return e.bool_value ? "true" : "false";
    case ast::ExprKind::integer: return std::to_string(e.int_value);
    case ast::ExprKind::name: return e.name;
    case ast::ExprKind::and_: return show_kids("And", e);
    case ast::ExprKind::or_: return show_kids("Or", e);
    case ast::ExprKind::not_: return show_kids("Not", e);
    case ast::ExprKind::add: return show_kids("Add", e);
    case ast::ExprKind::sub: return show_kids("Sub", e);
    case ast::ExprKind::mul: return show_kids("Mul", e);
    case ast::ExprKind::in_set: return show_kids("InSet", e);
    case ast::ExprKind::in_values: {
      std::string out = "In[" + show(*e.kids[0]) + ",{";
      for (std::size_t i = 0; i < e.values.size(); ++i) out += (i ? "," : "") + e.values[i].text;
      return out + "}]";
    }
    case ast::ExprKind::compare: {
      static const char* const names[] = {"Eq", "Ne", "Lt", "Le", "Gt", "Ge"};
      return show_kids(names[static_cast<int>(e.cmp)], e);
    }
  }
  return "?";
}

std::string show_condition(const std::string& expr) {
  ast::File f = parse_ok("condition c = " + expr);
  if (f.conditions.size() != 1 || !f.conditions[0].expr) return "(no condition)";
  return show(*f.conditions[0].expr);
}

std::string_view text_at(const std::string& source, const ast::Span& span) {
  return std::string_view(source).substr(span.begin, span.end - span.begin);
}

// ------------------------------------------------------------------ §3 declarations
const char* const kSection3 = R"src(import "relative/path.proviso"          # relative to the importing file; may not leave the bundle root

sectors { health, adult_social_care, housing, criminal_justice, education, welfare }

type consent_basis = enum { explicit, implied, none }
type score = int (1 .. 5)                # e.g. a five-point framework score

framework dpb "Data for Public Benefit (Involve, Carnegie UK Trust, Understanding Patient Data, 2018)" {
  question q1 "What is the purpose of the sharing?" group purposeful
  question q7 "Is there consent?"
}

obligation pseudonymise "Pseudonymise the records before they leave the sender"

fact consent: consent_basis "What consent or consent-equivalent is in place?" cite dpb.q7
fact benefit.measurable: bool "Can the benefit be measured?" cite dpb.q3
fact benefit.people_helped: int (0 .. 100_000_000) "How many people will benefit?"
fact data.categories: set of data_category "Which kinds of data are shared?"

condition consent_equivalent =
    consent == explicit or (consent == implied and purpose == direct_care)
  "Consent or a consent-equivalent basis is in place"
  cite "Caldicott principle 7"
)src";

TEST(Parse, Section3Declarations) {
  ast::File f = parse_ok(kSection3);
  EXPECT_EQ(f.file, 7u);

  ASSERT_EQ(f.imports.size(), 1u);
  EXPECT_EQ(f.imports[0].path, "relative/path.proviso");

  ASSERT_EQ(f.sectors.size(), 1u);
  ASSERT_EQ(f.sectors[0].names.size(), 6u);
  EXPECT_EQ(f.sectors[0].names[0].text, "health");
  EXPECT_EQ(f.sectors[0].names[5].text, "welfare");

  ASSERT_EQ(f.types.size(), 2u);
  EXPECT_EQ(f.types[0].name.text, "consent_basis");
  EXPECT_EQ(f.types[0].type.kind, ast::TypeExpr::Kind::enumeration);
  ASSERT_EQ(f.types[0].type.values.size(), 3u);
  EXPECT_EQ(f.types[0].type.values[2].text, "none");
  EXPECT_EQ(f.types[1].name.text, "score");
  EXPECT_EQ(f.types[1].type.kind, ast::TypeExpr::Kind::integer);
  EXPECT_EQ(f.types[1].type.lo, 1);
  EXPECT_EQ(f.types[1].type.hi, 5);

  ASSERT_EQ(f.frameworks.size(), 1u);
  EXPECT_EQ(f.frameworks[0].name.text, "dpb");
  EXPECT_EQ(f.frameworks[0].title,
            "Data for Public Benefit (Involve, Carnegie UK Trust, Understanding Patient Data, 2018)");
  ASSERT_EQ(f.frameworks[0].questions.size(), 2u);
  EXPECT_EQ(f.frameworks[0].questions[0].name.text, "q1");
  EXPECT_EQ(f.frameworks[0].questions[0].text, "What is the purpose of the sharing?");
  ASSERT_TRUE(f.frameworks[0].questions[0].group.has_value());
  EXPECT_EQ(f.frameworks[0].questions[0].group->text, "purposeful");
  EXPECT_FALSE(f.frameworks[0].questions[1].group.has_value());

  ASSERT_EQ(f.obligations.size(), 1u);
  EXPECT_EQ(f.obligations[0].name.text, "pseudonymise");
  EXPECT_EQ(f.obligations[0].text, "Pseudonymise the records before they leave the sender");

  ASSERT_EQ(f.facts.size(), 4u);
  const ast::FactDecl& consent = f.facts[0];
  EXPECT_EQ(consent.name.text, "consent");
  EXPECT_EQ(consent.type.kind, ast::TypeExpr::Kind::named);
  EXPECT_EQ(consent.type.name.text, "consent_basis");
  EXPECT_EQ(consent.question, "What consent or consent-equivalent is in place?");
  ASSERT_EQ(consent.cites.size(), 1u);
  EXPECT_TRUE(consent.cites[0].is_path);
  EXPECT_EQ(consent.cites[0].path.text, "dpb.q7");
  EXPECT_EQ(f.facts[1].name.text, "benefit.measurable");
  EXPECT_EQ(f.facts[1].type.kind, ast::TypeExpr::Kind::boolean);
  EXPECT_EQ(f.facts[2].type.kind, ast::TypeExpr::Kind::integer);
  EXPECT_EQ(f.facts[2].type.lo, 0);
  EXPECT_EQ(f.facts[2].type.hi, 100'000'000);
  EXPECT_TRUE(f.facts[2].cites.empty());
  EXPECT_EQ(f.facts[3].type.kind, ast::TypeExpr::Kind::set);
  EXPECT_EQ(f.facts[3].type.name.text, "data_category");

  ASSERT_EQ(f.conditions.size(), 1u);
  const ast::ConditionDecl& c = f.conditions[0];
  EXPECT_EQ(c.name.text, "consent_equivalent");
  EXPECT_EQ(show(*c.expr), "Or[Eq[consent,explicit],And[Eq[consent,implied],Eq[purpose,direct_care]]]");
  EXPECT_EQ(c.text, "Consent or a consent-equivalent basis is in place");
  ASSERT_EQ(c.cites.size(), 1u);
  EXPECT_FALSE(c.cites[0].is_path);
  EXPECT_EQ(c.cites[0].text, "Caldicott principle 7");
}

TEST(Parse, TypeForms) {
  ast::File f = parse_ok(
      "type a = int\n"
      "type b = bool\n"
      "type c = score\n"
      "type d = int (-10 .. -1)\n"
      "fact flow_sector: sector\n"
      "fact kinds: set of sector\n"
      "fact inline: enum { x, y } \"Q\"\n"
      "fact plain: int\n");
  ASSERT_EQ(f.types.size(), 4u);
  EXPECT_EQ(f.types[0].type.kind, ast::TypeExpr::Kind::integer);
  EXPECT_FALSE(f.types[0].type.lo.has_value());
  EXPECT_FALSE(f.types[0].type.hi.has_value());
  EXPECT_EQ(f.types[1].type.kind, ast::TypeExpr::Kind::boolean);
  EXPECT_EQ(f.types[2].type.kind, ast::TypeExpr::Kind::named);
  EXPECT_EQ(f.types[2].type.name.text, "score");
  EXPECT_EQ(f.types[3].type.lo, -10);
  EXPECT_EQ(f.types[3].type.hi, -1);
  ASSERT_EQ(f.facts.size(), 4u);
  EXPECT_EQ(f.facts[0].type.kind, ast::TypeExpr::Kind::named);
  EXPECT_EQ(f.facts[0].type.name.text, "sector");
  EXPECT_EQ(f.facts[1].type.kind, ast::TypeExpr::Kind::set);
  EXPECT_EQ(f.facts[1].type.name.text, "sector");
  EXPECT_EQ(f.facts[2].type.kind, ast::TypeExpr::Kind::enumeration);
  EXPECT_EQ(f.facts[2].type.values.size(), 2u);
  EXPECT_EQ(f.facts[2].question, "Q");
  EXPECT_FALSE(f.facts[3].question.has_value());
}

TEST(Parse, StringEscapesAreDecoded) {
  ast::File f = parse_ok(R"(obligation o "say \"hi\" \\ tab\t newline\n end")");
  ASSERT_EQ(f.obligations.size(), 1u);
  EXPECT_EQ(f.obligations[0].text, "say \"hi\" \\ tab\t newline\n end");
}

TEST(Parse, ContextualWordsAreNames) {
  ast::File f = parse_ok("fact undetermined: bool\nfact missing: bool\ncondition c = missing and undetermined");
  ASSERT_EQ(f.facts.size(), 2u);
  EXPECT_EQ(f.facts[1].name.text, "missing");
  EXPECT_EQ(show(*f.conditions[0].expr), "And[missing,undetermined]");
}

// ------------------------------------------------------------------ §5 policies
const char* const kSection5 = R"(policy health_secondary_use {
  sector health                 # applies to flows where from == health or to == health; omit for all flows
  default deny                  # decision when no rule applies (default: deny)
  combine strictest             # or: first  (default: strictest)

  rule direct_care: share
    when purpose == direct_care and consent_equivalent
    because "Patients expect their records to follow them for their care"
    cite "Caldicott principle 7"

  rule research: share
    when purposeful and proportionate and responsible
    require pseudonymise, dpia

  rule opted_out: deny
    when national_opt_out and purpose != direct_care
    overrides research
}
)";

TEST(Parse, Section5Policy) {
  ast::File f = parse_ok(kSection5);
  ASSERT_EQ(f.policies.size(), 1u);
  const ast::PolicyDecl& p = f.policies[0];
  EXPECT_EQ(p.name.text, "health_secondary_use");
  ASSERT_TRUE(p.sector.has_value());
  EXPECT_EQ(p.sector->text, "health");
  EXPECT_EQ(p.default_effect, Effect::deny);
  EXPECT_EQ(p.combine, Combine::strictest);
  ASSERT_EQ(p.rules.size(), 3u);

  const ast::RuleDecl& direct = p.rules[0];
  EXPECT_EQ(direct.name.text, "direct_care");
  EXPECT_EQ(direct.effect, Effect::share);
  EXPECT_EQ(show(*direct.when), "And[Eq[purpose,direct_care],consent_equivalent]");
  EXPECT_EQ(direct.unless, nullptr);
  EXPECT_EQ(direct.because, "Patients expect their records to follow them for their care");
  ASSERT_EQ(direct.cites.size(), 1u);
  EXPECT_EQ(direct.cites[0].text, "Caldicott principle 7");
  EXPECT_TRUE(direct.requires_.empty());

  const ast::RuleDecl& research = p.rules[1];
  EXPECT_EQ(show(*research.when), "And[purposeful,proportionate,responsible]");
  ASSERT_EQ(research.requires_.size(), 2u);
  EXPECT_EQ(research.requires_[0].text, "pseudonymise");
  EXPECT_EQ(research.requires_[1].text, "dpia");
  EXPECT_FALSE(research.because.has_value());

  const ast::RuleDecl& opted = p.rules[2];
  EXPECT_EQ(opted.effect, Effect::deny);
  EXPECT_EQ(show(*opted.when), "And[national_opt_out,Ne[purpose,direct_care]]");
  ASSERT_EQ(opted.overrides.size(), 1u);
  EXPECT_EQ(opted.overrides[0].text, "research");
}

TEST(Parse, PolicyDefaultsStayUnsetAndClausesComeInAnyOrder) {
  ast::File f = parse_ok(R"(
policy p {
  combine first
  default refer
  rule r: refer when a
    overrides s, t
    cite "one"
    unless b or c
    cite x.q1
    because "why"
    require o
  rule s: share when true
}
policy empty {}
)");
  ASSERT_EQ(f.policies.size(), 2u);
  const ast::PolicyDecl& p = f.policies[0];
  EXPECT_FALSE(p.sector.has_value());
  EXPECT_EQ(p.default_effect, Effect::refer);
  EXPECT_EQ(p.combine, Combine::first);
  ASSERT_EQ(p.rules.size(), 2u);
  const ast::RuleDecl& r = p.rules[0];
  EXPECT_EQ(r.effect, Effect::refer);
  ASSERT_NE(r.unless, nullptr);
  EXPECT_EQ(show(*r.unless), "Or[b,c]");
  EXPECT_EQ(r.because, "why");
  ASSERT_EQ(r.cites.size(), 2u);
  EXPECT_FALSE(r.cites[0].is_path);
  EXPECT_TRUE(r.cites[1].is_path);
  EXPECT_EQ(r.cites[1].path.text, "x.q1");
  ASSERT_EQ(r.overrides.size(), 2u);
  EXPECT_EQ(r.overrides[1].text, "t");
  ASSERT_EQ(r.requires_.size(), 1u);
  EXPECT_TRUE(p.rules[1].cites.empty());
  EXPECT_EQ(show(*p.rules[1].when), "true");
  EXPECT_FALSE(f.policies[1].default_effect.has_value());
  EXPECT_FALSE(f.policies[1].combine.has_value());
  EXPECT_TRUE(f.policies[1].rules.empty());
}

// ------------------------------------------------------------------ §7 scenarios
const char* const kSection7 = R"(scenario "Hospital discharge list to the housing options team" {
  from health to housing
  purpose = prevent_homelessness
  consent = implied
  benefit.measurable = true
  data.categories = { health, contact }
  expect share require pseudonymise
}
)";

TEST(Parse, Section7Scenario) {
  ast::File f = parse_ok(kSection7);
  ASSERT_EQ(f.scenarios.size(), 1u);
  const ast::ScenarioDecl& s = f.scenarios[0];
  EXPECT_EQ(s.title, "Hospital discharge list to the housing options team");
  ASSERT_TRUE(s.from && s.to);
  EXPECT_EQ(s.from->text, "health");
  EXPECT_EQ(s.to->text, "housing");
  ASSERT_EQ(s.facts.size(), 4u);
  EXPECT_EQ(s.facts[0].fact.text, "purpose");
  EXPECT_EQ(s.facts[0].value.kind, ast::ScenarioValue::Kind::name);
  EXPECT_EQ(s.facts[0].value.name.text, "prevent_homelessness");
  EXPECT_EQ(s.facts[2].fact.text, "benefit.measurable");
  EXPECT_EQ(s.facts[2].value.kind, ast::ScenarioValue::Kind::boolean);
  EXPECT_TRUE(s.facts[2].value.bool_value);
  EXPECT_EQ(s.facts[3].value.kind, ast::ScenarioValue::Kind::set);
  ASSERT_EQ(s.facts[3].value.members.size(), 2u);
  EXPECT_EQ(s.facts[3].value.members[1].text, "contact");
  ASSERT_TRUE(s.expect.has_value());
  EXPECT_EQ(s.expect->outcome, Outcome::share);
  EXPECT_TRUE(s.expect->has_require);
  ASSERT_EQ(s.expect->requires_.size(), 1u);
  EXPECT_EQ(s.expect->requires_[0].text, "pseudonymise");
  EXPECT_FALSE(s.expect->has_missing);
}

TEST(Parse, ScenarioForms) {
  ast::File f = parse_ok(R"(
scenario "a" {
  to housing
  n = -42
  big = 1_000_000
  off = false
  none = {}
  from health
  expect undetermined missing consent, benefit.measurable
}
scenario "b" { expect deny }
scenario "c" { expect undetermined }
scenario "d" { from health }
)");
  ASSERT_EQ(f.scenarios.size(), 4u);
  const ast::ScenarioDecl& a = f.scenarios[0];
  EXPECT_EQ(a.from->text, "health");
  EXPECT_EQ(a.to->text, "housing");
  ASSERT_EQ(a.facts.size(), 4u);
  EXPECT_EQ(a.facts[0].value.kind, ast::ScenarioValue::Kind::integer);
  EXPECT_EQ(a.facts[0].value.int_value, -42);
  EXPECT_EQ(a.facts[1].value.int_value, 1'000'000);
  EXPECT_EQ(a.facts[2].value.kind, ast::ScenarioValue::Kind::boolean);
  EXPECT_FALSE(a.facts[2].value.bool_value);
  EXPECT_EQ(a.facts[3].value.kind, ast::ScenarioValue::Kind::set);
  EXPECT_TRUE(a.facts[3].value.members.empty());
  EXPECT_EQ(a.expect->outcome, Outcome::undetermined);
  EXPECT_TRUE(a.expect->has_missing);
  ASSERT_EQ(a.expect->missing.size(), 2u);
  EXPECT_EQ(a.expect->missing[1].text, "benefit.measurable");
  EXPECT_EQ(f.scenarios[1].expect->outcome, Outcome::deny);
  EXPECT_FALSE(f.scenarios[1].expect->has_require);
  EXPECT_FALSE(f.scenarios[1].from.has_value());
  EXPECT_EQ(f.scenarios[2].expect->outcome, Outcome::undetermined);
  EXPECT_FALSE(f.scenarios[2].expect->has_missing);
  EXPECT_FALSE(f.scenarios[3].expect.has_value());
  EXPECT_FALSE(f.scenarios[3].to.has_value());
}

// ------------------------------------------------------------------ expressions
TEST(Parse, PrecedenceAndFolding) {
  struct Case {
    const char* source;
    const char* tree;
  };
  const Case cases[] = {
      {"a and b and not (c or d) or e", "Or[And[a,b,Not[Or[c,d]]],e]"},
      {"a or b or c or d", "Or[a,b,c,d]"},
      {"a or b and c", "Or[a,And[b,c]]"},
      {"(a and b) and c", "And[And[a,b],c]"},
      {"a and (b and c)", "And[a,And[b,c]]"},
      {"(a or b) and (c or d) and e", "And[Or[a,b],Or[c,d],e]"},
      {"not a and b", "And[Not[a],b]"},
      {"not not a", "Not[Not[a]]"},
      {"not a == b", "Not[Eq[a,b]]"},
      {"a + b * 2 > c - 1", "Gt[Add[a,Mul[b,2]],Sub[c,1]]"},
      {"a - b - c == 0", "Eq[Sub[Sub[a,b],c],0]"},
      {"a - -5 <= 3", "Le[Sub[a,-5],3]"},
      {"2 * x * y >= 10_000", "Ge[Mul[Mul[2,x],y],10000]"},
      {"x < 1 or x != y", "Or[Lt[x,1],Ne[x,y]]"},
      {"a == (b < c)", "Eq[a,Lt[b,c]]"},
      {"purpose in { direct_care, research } and not national_opt_out",
       "And[In[purpose,{direct_care,research}],Not[national_opt_out]]"},
      {"health in data.categories", "InSet[health,data.categories]"},
      {"from == health or to in { housing }", "Or[Eq[from,health],In[to,{housing}]]"},
      {"true and not false", "And[true,Not[false]]"},
      {"benefit.people_helped > 1000", "Gt[benefit.people_helped,1000]"},
      {"nothing and orange and notable", "And[nothing,orange,notable]"},
  };
  for (const Case& c : cases) EXPECT_EQ(show_condition(c.source), c.tree) << c.source;
}

TEST(Parse, LongAndChainIsOneNode) {
  std::string text = "condition c = a0";
  for (int i = 1; i < 10'000; ++i) text += " and a" + std::to_string(i);
  ast::File f = parse_ok(text);
  ASSERT_EQ(f.conditions.size(), 1u);
  const ast::Expr& e = *f.conditions[0].expr;
  EXPECT_EQ(e.kind, ast::ExprKind::and_);
  ASSERT_EQ(e.kids.size(), 10'000u);
  for (const auto& kid : e.kids) ASSERT_TRUE(kid->kids.empty());  // depth 2
  EXPECT_EQ(e.kids.back()->name, "a9999");
}

// ------------------------------------------------------------------ spans
TEST(Parse, SpansAreExactAndExcludeTrailingWhitespace) {
  const std::string src =
      "fact benefit.measurable: int (0 .. 10) \"Q?\"  cite dpb.q3   # trailing comment\n"
      "condition c =\n"
      "  a and not (b or c)   # note\n"
      "  \"text\"\n"
      "policy p {\n"
      "  rule r: share when a   \n"
      "    because \"w\"  \n"
      "}\n"
      "scenario \"s\" { from health  x = { a, b }  }\n";
  ast::File f = parse_ok(src);
  ASSERT_EQ(f.facts.size(), 1u);
  const ast::FactDecl& fact = f.facts[0];
  EXPECT_EQ(fact.span.file, 7u);
  EXPECT_EQ(text_at(src, fact.span), "fact benefit.measurable: int (0 .. 10) \"Q?\"  cite dpb.q3");
  EXPECT_EQ(text_at(src, fact.name.span), "benefit.measurable");
  EXPECT_EQ(text_at(src, fact.type.span), "int (0 .. 10)");
  EXPECT_EQ(text_at(src, fact.cites[0].span), "cite dpb.q3");
  EXPECT_EQ(text_at(src, fact.cites[0].path.span), "dpb.q3");

  const ast::ConditionDecl& c = f.conditions[0];
  EXPECT_EQ(text_at(src, c.span), "condition c =\n  a and not (b or c)   # note\n  \"text\"");
  const ast::Expr& e = *c.expr;
  EXPECT_EQ(text_at(src, e.span), "a and not (b or c)");
  EXPECT_EQ(text_at(src, e.kids[0]->span), "a");
  EXPECT_EQ(text_at(src, e.kids[1]->span), "not (b or c)");
  EXPECT_EQ(text_at(src, e.kids[1]->kids[0]->span), "(b or c)");
  EXPECT_EQ(text_at(src, e.kids[1]->kids[0]->kids[1]->span), "c");

  const ast::PolicyDecl& p = f.policies[0];
  EXPECT_EQ(text_at(src, p.span), "policy p {\n  rule r: share when a   \n    because \"w\"  \n}");
  EXPECT_EQ(text_at(src, p.rules[0].span), "rule r: share when a   \n    because \"w\"");
  EXPECT_EQ(text_at(src, p.rules[0].effect_span), "share");
  EXPECT_EQ(text_at(src, p.rules[0].when->span), "a");

  const ast::ScenarioDecl& s = f.scenarios[0];
  EXPECT_EQ(text_at(src, s.title_span), "\"s\"");
  EXPECT_EQ(text_at(src, s.from->span), "health");
  EXPECT_EQ(text_at(src, s.facts[0].span), "x = { a, b }");
  EXPECT_EQ(text_at(src, s.facts[0].value.span), "{ a, b }");
  EXPECT_EQ(text_at(src, s.span), "scenario \"s\" { from health  x = { a, b }  }");
}

TEST(Parse, ExpressionSpans) {
  const std::string src = "condition c = x + 2 * y >= 3 and k in { a, b } and h in s.t";
  ast::File f = parse_ok(src);
  const ast::Expr& e = *f.conditions[0].expr;
  EXPECT_EQ(text_at(src, e.kids[0]->span), "x + 2 * y >= 3");
  EXPECT_EQ(text_at(src, e.kids[0]->kids[0]->span), "x + 2 * y");
  EXPECT_EQ(text_at(src, e.kids[0]->kids[0]->kids[1]->span), "2 * y");
  EXPECT_EQ(text_at(src, e.kids[1]->span), "k in { a, b }");
  EXPECT_EQ(text_at(src, e.kids[1]->values[1].span), "b");
  EXPECT_EQ(text_at(src, e.kids[2]->span), "h in s.t");
  EXPECT_EQ(text_at(src, e.kids[2]->kids[1]->span), "s.t");
}

}  // namespace
}  // namespace proviso
