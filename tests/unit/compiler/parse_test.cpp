// parse_source: the AST each declaration form builds (every contract example of
// language.md §3, §5 and §7), expression precedence and n-ary folding, exact spans,
// and the one diagnostic of a file that does not parse: message, line and column.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "proviso/compiler/parse.hpp"
#include "proviso/base/diagnostic_render.hpp"

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

// `defers`: a contextual word, a policy setting and a rule clause.
TEST(Parse, DefersAtPolicyAndRuleLevel) {
  const std::string source = R"(
policy receiver {
  sector housing
  defers
  default share
  rule accept: share when a
  rule block: deny when b
}
policy sender {
  rule send: share when a
    because "why"
    defers
    cite "one"
  rule keep: share when b
  rule stop: refer when c
}
)";
  ast::File f = parse_ok(source);
  ASSERT_EQ(f.policies.size(), 2u);
  const ast::PolicyDecl& receiver = f.policies[0];
  ASSERT_TRUE(receiver.defers.has_value());
  EXPECT_EQ(text_at(source, *receiver.defers), "defers");
  EXPECT_EQ(receiver.default_effect, Effect::share);
  ASSERT_EQ(receiver.rules.size(), 2u);
  // The setting is the policy's; its rules carry no `defers` of their own.
  EXPECT_FALSE(receiver.rules[0].defers.has_value());
  EXPECT_FALSE(receiver.rules[1].defers.has_value());

  const ast::PolicyDecl& sender = f.policies[1];
  EXPECT_FALSE(sender.defers.has_value());
  ASSERT_EQ(sender.rules.size(), 3u);
  const ast::RuleDecl& send = sender.rules[0];
  ASSERT_TRUE(send.defers.has_value());
  EXPECT_EQ(text_at(source, *send.defers), "defers");
  EXPECT_EQ(send.because, "why");  // clauses on either side of `defers` still belong to the rule
  ASSERT_EQ(send.cites.size(), 1u);
  EXPECT_EQ(send.cites[0].text, "one");
  EXPECT_FALSE(sender.rules[1].defers.has_value());
  EXPECT_FALSE(sender.rules[2].defers.has_value());
}

TEST(Parse, DefersAfterTheRulesBelongsToTheLastRule) {
  // Settings come before the rules, so a `defers` after a rule is that rule's clause,
  // never the policy's (whatever the rule's effect: sema refuses it on refer and deny).
  ast::File f = parse_ok("policy p {\n  rule r: share when a\n  rule s: deny when b\n  defers\n}\n");
  ASSERT_EQ(f.policies.size(), 1u);
  EXPECT_FALSE(f.policies[0].defers.has_value());
  ASSERT_EQ(f.policies[0].rules.size(), 2u);
  EXPECT_FALSE(f.policies[0].rules[0].defers.has_value());
  EXPECT_TRUE(f.policies[0].rules[1].defers.has_value());
}

TEST(Parse, DefersIsStillAName) {
  const std::string source =
      "fact defers: bool\n"
      "condition c = defers and not defers.x\n"
      "policy p {\n"
      "  rule both: share when defers defers\n"
      "  rule name_only: share when defers\n"
      "  rule in_unless: share when a unless defers\n"
      "  rule in_unless_then_clause: share when a unless defers defers\n"
      "}\n";
  ast::File f = parse_ok(source);
  ASSERT_EQ(f.facts.size(), 1u);
  EXPECT_EQ(f.facts[0].name.text, "defers");
  EXPECT_EQ(show(*f.conditions[0].expr), "And[defers,Not[defers.x]]");
  const auto& rules = f.policies[0].rules;
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(show(*rules[0].when), "defers");
  ASSERT_TRUE(rules[0].defers.has_value());
  // The clause is the second word, not the name in the expression.
  EXPECT_EQ(rules[0].defers->begin, source.find("defers defers") + 7);
  EXPECT_EQ(show(*rules[1].when), "defers");
  EXPECT_FALSE(rules[1].defers.has_value());
  ASSERT_NE(rules[2].unless, nullptr);
  EXPECT_EQ(show(*rules[2].unless), "defers");
  EXPECT_FALSE(rules[2].defers.has_value());
  ASSERT_NE(rules[3].unless, nullptr);
  EXPECT_EQ(show(*rules[3].unless), "defers");
  EXPECT_TRUE(rules[3].defers.has_value());
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

// ------------------------------------------------------------------ syntax errors
struct ErrorCase {
  const char* source;
  const char* expected;  // the rendered first line
};

TEST(ParseErrors, MessageLineAndColumn) {
  const ErrorCase cases[] = {
      // Declarations.
      {"rule r: share when a", "test.proviso:1:1: error[syntax]: expected a declaration (import, sectors, type, "
                               "framework, obligation, fact, condition, constraint, policy, amend or scenario)"},
      {"fact a: bool\n\n  facts b: bool", "test.proviso:3:3: error[syntax]: expected a declaration (import, "
                                          "sectors, type, framework, obligation, fact, condition, constraint, policy, amend or scenario)"},
      {"import x", "test.proviso:1:8: error[syntax]: expected the path to import, as a string, after 'import'"},
      {"sectors health", "test.proviso:1:9: error[syntax]: expected '{' after 'sectors'"},
      {"sectors { health housing }", "test.proviso:1:18: error[syntax]: expected ',' or '}' in the sector list"},
      {"sectors { health, }", "test.proviso:1:19: error[syntax]: expected a sector name"},
      {"type t enum { a }", "test.proviso:1:8: error[syntax]: expected '=' after the type's name"},
      {"type t = 5", "test.proviso:1:10: error[syntax]: expected a type after '=' (enum { ... }, int, int (lo .. hi), "
                     "bool or a type name)"},
      {"type t = set of x", "test.proviso:1:10: error[syntax]: expected a type after '=' (enum { ... }, int, int "
                            "(lo .. hi), bool or a type name)"},
      {"type t = enum a", "test.proviso:1:15: error[syntax]: expected '{' after 'enum'"},
      {"type t = enum { a, }", "test.proviso:1:20: error[syntax]: expected an enum value"},
      {"type t = enum { a b }", "test.proviso:1:19: error[syntax]: expected ',' or '}' in the enum"},
      {"type t = int (1 5)", "test.proviso:1:17: error[syntax]: expected '..' between the bounds"},
      {"type t = int (1 .. )", "test.proviso:1:20: error[syntax]: expected the upper bound (an integer) after '..'"},
      {"type t = int (x .. 5)", "test.proviso:1:15: error[syntax]: expected the lower bound (an integer) after '('"},
      {"type t = int (1 .. 5", "test.proviso:1:21: error[syntax]: unexpected end of input: expected ')' after the "
                               "bounds"},
      {"framework f { }", "test.proviso:1:13: error[syntax]: expected the framework's title, as a string, after its "
                          "name"},
      {"framework f \"t\" question", "test.proviso:1:17: error[syntax]: expected '{' after the framework's title"},
      {"framework f \"t\" {\n  q1 \"x\"\n}", "test.proviso:2:3: error[syntax]: expected 'question' or '}' to close "
                                             "the framework"},
      {"framework f \"t\" { question q }", "test.proviso:1:30: error[syntax]: expected the question's text, as a "
                                           "string, after its name"},
      {"framework f \"t\" { question q \"x\" group }", "test.proviso:1:40: error[syntax]: expected a group name "
                                                       "after 'group'"},
      {"obligation o\nfact x: bool", "test.proviso:2:1: error[syntax]: expected the obligation's text, as a "
                                     "string, after its name"},
      {"fact x bool", "test.proviso:1:8: error[syntax]: expected ':' and a type after the fact's name"},
      {"fact x: 5", "test.proviso:1:9: error[syntax]: expected the fact's type after ':' (bool, int, int (lo .. hi), "
                    "enum { ... }, set of T or a type name)"},
      {"fact x: set data", "test.proviso:1:13: error[syntax]: expected 'of' after 'set'"},
      {"fact x: set of 5", "test.proviso:1:16: error[syntax]: expected the element type after 'set of'"},
      {"fact x: bool cite 5", "test.proviso:1:19: error[syntax]: expected a framework question (such as dpb.q3) "
                              "or a string after 'cite'"},
      {"fact x.: bool", "test.proviso:1:8: error[syntax]: expected a name after '.' (a path has no spaces)"},
      {"fact x. y: bool", "test.proviso:1:8: error[syntax]: expected a name after '.' (a path has no spaces)"},
      {"condition c a", "test.proviso:1:13: error[syntax]: expected '=' after the condition's name"},
      {"condition c = \nfact x: bool", "test.proviso:2:1: error[syntax]: expected an expression after '='"},

      // Policies and rules.
      {"policy { }", "test.proviso:1:8: error[syntax]: expected the policy's name after 'policy'"},
      {"policy p rule", "test.proviso:1:10: error[syntax]: expected '{' after the policy's name"},
      {"policy p {\n  rule r share when a\n}", "test.proviso:2:10: error[syntax]: expected ':' after the rule's name"},
      {"policy p {\n  rule r: share\n    whenx a\n}", "test.proviso:3:5: error[syntax]: expected 'when' after the "
                                                     "rule's effect"},
      {"policy p {\n  rule r: share if a\n}", "test.proviso:2:17: error[syntax]: expected 'when' after the rule's "
                                              "effect"},
      {"policy p { rule r: allow when a }", "test.proviso:1:20: error[syntax]: expected the rule's effect (share, "
                                            "refer or deny) after ':'"},
      {"policy p { rule : share when a }", "test.proviso:1:17: error[syntax]: expected the rule's name after 'rule'"},
      {"policy p { rule r: share when }", "test.proviso:1:31: error[syntax]: expected an expression after 'when'"},
      {"policy p { rule r: share when a unless }", "test.proviso:1:40: error[syntax]: expected an expression after "
                                                   "'unless'"},
      {"policy p { rule r: share when a because }", "test.proviso:1:41: error[syntax]: expected a string after "
                                                    "'because'"},
      {"policy p { rule r: share when a require }", "test.proviso:1:41: error[syntax]: expected an obligation's "
                                                    "name after 'require'"},
      {"policy p { rule r: share when a overrides }", "test.proviso:1:43: error[syntax]: expected a rule's name "
                                                      "after 'overrides'"},
      {"policy p { rule r: share when a x }", "test.proviso:1:33: error[syntax]: expected 'rule' or '}' to close "
                                              "the policy"},
      {"policy p { rule r: share when a sector x }", "test.proviso:1:33: error[syntax]: a policy's settings "
                                                     "(sector, default, combine, effective) must come before its rules"},
      {"policy p { sector }", "test.proviso:1:19: error[syntax]: expected a sector name after 'sector'"},
      {"policy p { default allow }", "test.proviso:1:20: error[syntax]: expected an effect (share, refer or deny) "
                                     "after 'default'"},
      {"policy p { combine best }", "test.proviso:1:20: error[syntax]: expected 'strictest' or 'first' after "
                                    "'combine'"},
      {"policy p { sector health\n  sector housing }", "test.proviso:2:3: error[syntax]: duplicate 'sector' in policy"},
      {"policy p { default deny default share }", "test.proviso:1:25: error[syntax]: duplicate 'default' in policy"},
      {"policy p { combine first combine first }", "test.proviso:1:26: error[syntax]: duplicate 'combine' in policy"},
      {"policy p { rule r: share when a unless b unless c }", "test.proviso:1:42: error[syntax]: duplicate 'unless' "
                                                              "in rule"},
      {"policy p { rule r: share when a require x require y }", "test.proviso:1:43: error[syntax]: duplicate "
                                                                "'require' in rule"},
      {"policy p { rule r: share when a because \"x\" because \"y\" }", "test.proviso:1:45: error[syntax]: "
                                                                        "duplicate 'because' in rule"},
      {"policy p { rule r: share when a overrides s overrides t }", "test.proviso:1:45: error[syntax]: duplicate "
                                                                    "'overrides' in rule"},

      // Scenarios.
      {"scenario s {}", "test.proviso:1:10: error[syntax]: expected the scenario's title, as a string, after "
                        "'scenario'"},
      {"scenario \"s\" from", "test.proviso:1:14: error[syntax]: expected '{' after the scenario's title"},
      {"scenario \"s\" { x 1 }", "test.proviso:1:18: error[syntax]: expected '=' after the fact's name"},
      {"scenario \"s\" { x = }", "test.proviso:1:20: error[syntax]: expected a value after '=' (true, false, an "
                                 "integer, an enum value or { ... })"},
      {"scenario \"s\" { x = { a b } }", "test.proviso:1:24: error[syntax]: expected ',' or '}' to close the set"},
      {"scenario \"s\" { x = { a, } }", "test.proviso:1:25: error[syntax]: expected an enum value after ','"},
      {"scenario \"s\" { 5 }", "test.proviso:1:16: error[syntax]: expected a fact assignment (name = value), 'from', "
                               "'to', 'on', 'expect' or '}' in the scenario"},
      {"scenario \"s\" { from }", "test.proviso:1:21: error[syntax]: expected a sector name after 'from'"},
      {"scenario \"s\" { to 1 }", "test.proviso:1:19: error[syntax]: expected a sector name after 'to'"},
      {"scenario \"s\" { from a\n  from b }", "test.proviso:2:3: error[syntax]: duplicate 'from' in scenario"},
      {"scenario \"s\" { to a to b }", "test.proviso:1:21: error[syntax]: duplicate 'to' in scenario"},
      {"scenario \"s\" { expect allow }", "test.proviso:1:23: error[syntax]: expected an effect (share, refer or "
                                          "deny) or 'undetermined' after 'expect'"},
      {"scenario \"s\" { expect deny x = 1 }", "test.proviso:1:28: error[syntax]: expected '}' to close the "
                                               "scenario ('expect' comes last)"},
      {"scenario \"s\" { expect share require }", "test.proviso:1:37: error[syntax]: expected an obligation's name "
                                                  "after 'require'"},
      {"scenario \"s\" { expect undetermined missing }", "test.proviso:1:44: error[syntax]: expected a fact's name "
                                                         "after 'missing'"},

      // Expressions.
      {"condition c = a == b == c", "test.proviso:1:22: error[syntax]: comparisons cannot be chained: join them "
                                    "with 'and'"},
      {"condition c = a < b in { x }", "test.proviso:1:21: error[syntax]: comparisons cannot be chained: join them "
                                       "with 'and'"},
      {"condition c = a = b", "test.proviso:1:17: error[syntax]: '=' is not a comparison: use '==' to test equality"},
      {"condition c = (a and b\nfact x: bool", "test.proviso:2:1: error[syntax]: expected ')' to close '('"},
      {"condition c = ()", "test.proviso:1:16: error[syntax]: expected an expression after '('"},
      {"condition c = a and\n  because", "test.proviso:2:3: error[syntax]: expected an expression after 'and'"},
      {"condition c = a or or b", "test.proviso:1:20: error[syntax]: expected an expression after 'or'"},
      {"condition c = not )", "test.proviso:1:19: error[syntax]: expected an expression after 'not'"},
      {"condition c = a == )", "test.proviso:1:20: error[syntax]: expected an expression after the comparison "
                               "operator"},
      {"condition c = a * )", "test.proviso:1:19: error[syntax]: expected an operand after '*'"},
      {"condition c = a + )", "test.proviso:1:19: error[syntax]: expected an operand after '+'"},
      {"condition c = a - )", "test.proviso:1:19: error[syntax]: expected an operand after '-'"},
      {"condition c = a in 5", "test.proviso:1:20: error[syntax]: expected '{' and a list of values, or a "
                               "set-typed fact, after 'in'"},
      {"condition c = a in { x y }", "test.proviso:1:24: error[syntax]: expected ',' or '}' to close the list of "
                                     "values"},
      {"condition c = a in { }", "test.proviso:1:22: error[syntax]: expected an enum value in the list after 'in'"},
      {"condition c = 10_", "test.proviso:1:17: error[syntax]: malformed integer: digits may only be grouped by "
                            "single '_', as in 10_000"},
      {"condition c = 12abc", "test.proviso:1:17: error[syntax]: malformed integer: digits may only be grouped by "
                              "single '_', as in 10_000"},

      // Strings.
      {"obligation o \"one\n\"", "test.proviso:1:14: error[syntax]: unterminated string"},
      {"obligation o \"never closed", "test.proviso:1:14: error[syntax]: unterminated string"},
      {"obligation o \"bad \\q escape\"", "test.proviso:1:19: error[syntax]: unknown escape '\\q' in a string"},
      {"obligation o \"bad \\\xC3\xA9 escape\"", "test.proviso:1:19: error[syntax]: unknown escape '\\\xC3\xA9' in "
                                                 "a string"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(error_line(c.source), c.expected) << c.source;
}

TEST(ParseErrors, EndOfInputSaysSo) {
  const ErrorCase cases[] = {
      {"policy p {\n  rule r: share", "test.proviso:2:16: error[syntax]: unexpected end of input: expected 'when' "
                                      "after the rule's effect"},
      {"policy p {\n  rule r: share   # why?\n", "test.proviso:2:16: error[syntax]: unexpected end of input: "
                                                 "expected 'when' after the rule's effect"},
      {"policy p { rule r", "test.proviso:1:18: error[syntax]: unexpected end of input: expected ':' after the "
                            "rule's name"},
      {"policy p { rule r: share when a", "test.proviso:1:32: error[syntax]: unexpected end of input: expected "
                                          "'rule' or '}' to close the policy"},
      {"condition c = (a", "test.proviso:1:17: error[syntax]: unexpected end of input: expected ')' to close '('"},
      {"condition c = a ==", "test.proviso:1:19: error[syntax]: unexpected end of input: expected an expression "
                             "after the comparison operator"},
      {"condition c =", "test.proviso:1:14: error[syntax]: unexpected end of input: expected an expression after "
                        "'='"},
      {"sectors {", "test.proviso:1:10: error[syntax]: unexpected end of input: expected a sector name"},
      {"scenario \"s\" {\n  x = 1\n", "test.proviso:2:8: error[syntax]: unexpected end of input: expected a fact "
                                     "assignment (name = value), 'from', 'to', 'on', 'expect' or '}' in the scenario"},
      {"fact", "test.proviso:1:5: error[syntax]: unexpected end of input: expected the fact's name after 'fact'"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(error_line(c.source), c.expected) << c.source;
}

TEST(ParseErrors, KeywordWhereANameGoesSaysSoWithAHint) {
  const ErrorCase cases[] = {
      {"policy p { rule when: share when a }", "test.proviso:1:17: error[syntax]: 'when' is a keyword and cannot "
                                               "be used as a name"},
      {"fact default: bool", "test.proviso:1:6: error[syntax]: 'default' is a keyword and cannot be used as a name"},
      {"type and = bool", "test.proviso:1:6: error[syntax]: 'and' is a keyword and cannot be used as a name"},
      {"sectors { health, to }", "test.proviso:1:19: error[syntax]: 'to' is a keyword and cannot be used as a name"},
      {"fact a.in: bool", "test.proviso:1:8: error[syntax]: 'in' is a keyword and cannot be used as a name"},
      {"condition c = p in { share }", "test.proviso:1:22: error[syntax]: 'share' is a keyword and cannot be used as "
                                       "a name"},
      {"scenario \"s\" { from policy }", "test.proviso:1:21: error[syntax]: 'policy' is a keyword and cannot be "
                                         "used as a name"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(error_line(c.source), c.expected) << c.source;

  Parsed p = parse("policy p { rule when: share when a }");
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.hint, "rename it, e.g. 'when_'");
  EXPECT_EQ(d.location.length, 4u);  // the whole keyword is underlined
}

TEST(ParseErrors, UnderlineCoversTheWordAtTheCaret) {
  Parsed p = parse("policy p { rule r share when a }");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].location.length, 5u);  // share
  Parsed accent = parse("fact caf\xC3\xA9: bool");  // identifiers are ASCII: the error is at the 'é'
  ASSERT_EQ(accent.diags.items().size(), 1u);
  EXPECT_EQ(accent.diags.items()[0].location.column, 9u);
  EXPECT_EQ(accent.diags.items()[0].location.length, 2u);  // both bytes of the 'é'
}

TEST(ParseErrors, OnlyTheFirstErrorIsReported) {
  Parsed p = parse("fact a bool\nfact b int\npolicy {");
  EXPECT_FALSE(p.file.has_value());
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].code, Code::syntax);
  EXPECT_EQ(p.diags.items()[0].location.line, 1u);
}

TEST(ParseErrors, DefersAtMostOnce) {
  const ErrorCase cases[] = {
      {"policy p { rule r: share when a defers defers }",
       "test.proviso:1:40: error[syntax]: duplicate 'defers' in rule"},
      {"policy p {\n  rule r: share when a\n    defers\n    because \"x\"\n    defers\n}",
       "test.proviso:5:5: error[syntax]: duplicate 'defers' in rule"},
      {"policy p { defers defers }", "test.proviso:1:19: error[syntax]: duplicate 'defers' in policy"},
      {"policy p {\n  defers\n  sector h\n  defers\n  rule r: share when a\n}",
       "test.proviso:4:3: error[syntax]: duplicate 'defers' in policy"},
      // Outside a policy `defers` is only a name.
      {"defers", "test.proviso:1:1: error[syntax]: expected a declaration (import, sectors, type, framework, "
                 "obligation, fact, condition, constraint, policy, amend or scenario)"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(error_line(c.source), c.expected) << c.source;

  Parsed p = parse("policy p { defers defers }");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].location.length, 6u);  // the whole second word
  EXPECT_EQ(p.diags.items()[0].hint, "a policy has at most one 'defers'");
}

// ------------------------------------------------------------------ limits
TEST(ParseLimits, FileSize) {
  ParseOptions options;
  options.max_file_bytes = 16;
  EXPECT_TRUE(parse("fact a: bool    ", options).file.has_value());  // exactly 16 bytes
  EXPECT_EQ(error_line("fact a: bool     ", options),
            "test.proviso:1:1: error[limit]: file is 17 bytes, larger than the limit of 16 bytes");
}

TEST(ParseLimits, StringLength) {
  ParseOptions options;
  options.max_string_bytes = 5;
  EXPECT_TRUE(parse("obligation o \"12345\"", options).file.has_value());
  EXPECT_EQ(error_line("obligation o \"123456\"", options),
            "test.proviso:1:14: error[limit]: string literal longer than 5 bytes");
}

TEST(ParseLimits, IntegersMustFitIn64Bits) {
  ast::File f = parse_ok(
      "type t = int (-9_223_372_036_854_775_808 .. 9223372036854775807)\n"
      "scenario \"s\" { x = -9223372036854775808 }");
  EXPECT_EQ(f.types[0].type.lo, INT64_MIN);
  EXPECT_EQ(f.types[0].type.hi, INT64_MAX);
  EXPECT_EQ(f.scenarios[0].facts[0].value.int_value, INT64_MIN);

  const ErrorCase cases[] = {
      {"condition c = x > 9223372036854775808", "test.proviso:1:19: error[limit]: integer literal does not fit in "
                                                "64 bits"},
      {"type t = int (-9223372036854775809 .. 0)", "test.proviso:1:15: error[limit]: integer literal does not fit "
                                                   "in 64 bits"},
      {"scenario \"s\" { x = 99_999_999_999_999_999_999 }", "test.proviso:1:20: error[limit]: integer literal does "
                                                            "not fit in 64 bits"},
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(error_line(c.source), c.expected) << c.source;

  Parsed p = parse("condition c = x > 9223372036854775808");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].location.length, 19u);  // the whole literal
}

std::string nested(std::size_t n, const std::string& open, const std::string& inner, const std::string& close) {
  std::string s = "condition c = ";
  for (std::size_t i = 0; i < n; ++i) s += open;
  s += inner;
  for (std::size_t i = 0; i < n; ++i) s += close;
  return s;
}

TEST(ParseLimits, DeepParenthesesAreOneLimitError) {
  EXPECT_TRUE(parse(nested(256, "(", "a", ")")).file.has_value());
  // The 257th '(' is the one too deep: column 15 + 256.
  EXPECT_EQ(error_line(nested(257, "(", "a", ")")),
            "test.proviso:1:271: error[limit]: nesting deeper than 256 levels");
  Parsed p = parse(nested(5'000, "(", "a", ")"));
  EXPECT_FALSE(p.file.has_value());
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].code, Code::limit);
  EXPECT_EQ(p.diags.items()[0].message, "nesting deeper than 256 levels");
  EXPECT_EQ(p.diags.items()[0].location.column, 271u);
}

TEST(ParseLimits, DeepNotIsOneLimitError) {
  Parsed ok = parse(nested(256, "not ", "a", ""));
  ASSERT_TRUE(ok.file.has_value());
  EXPECT_EQ(error_line(nested(257, "not ", "a", "")),
            "test.proviso:1:1039: error[limit]: nesting deeper than 256 levels");
  Parsed p = parse(nested(5'000, "not ", "a", ""));
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].code, Code::limit);
  EXPECT_EQ(p.diags.items()[0].message, "nesting deeper than 256 levels");
}

TEST(ParseLimits, ArithmeticChainsCountAsNesting) {
  // Each '+' of a chain adds a level to the (binary) tree.
  auto sum = [](int terms) {
    std::string s = "condition c = t0";
    for (int i = 1; i < terms; ++i) s += " + t" + std::to_string(i);
    return s + " > 0";
  };
  // 255 levels of '+' under the '>' make 256; one more term is too deep.
  EXPECT_TRUE(parse(sum(256)).file.has_value());
  Parsed deep = parse(sum(257));
  EXPECT_FALSE(deep.file.has_value());
  ASSERT_EQ(deep.diags.items().size(), 1u);
  EXPECT_EQ(deep.diags.items()[0].code, Code::limit);
  EXPECT_EQ(deep.diags.items()[0].message, "nesting deeper than 256 levels");
}

TEST(ParseLimits, TheLimitIsAnOption) {
  ParseOptions options;
  options.max_nesting = 3;
  EXPECT_TRUE(parse(nested(3, "(", "a", ")"), options).file.has_value());
  EXPECT_EQ(error_line(nested(4, "(", "a", ")"), options),
            "test.proviso:1:18: error[limit]: nesting deeper than 3 levels");
  EXPECT_TRUE(parse("condition c = not not not a", options).file.has_value());
  EXPECT_EQ(error_line("condition c = not not not not a", options),
            "test.proviso:1:27: error[limit]: nesting deeper than 3 levels");
  // a + b + c + d: three levels of '+'; one more under a comparison is a fourth.
  EXPECT_TRUE(parse("condition c = a + b + c + d", options).file.has_value());
  EXPECT_EQ(error_line("condition c = a + b + c + d == 1", options),
            "test.proviso:1:29: error[limit]: nesting deeper than 3 levels");
}

// ------------------------------------------------------------------ bytes
TEST(ParseBytes, ByteOrderMarkIsSkipped) {
  const std::string src = "\xEF\xBB\xBF" "fact a: bool";
  ast::File f = parse_ok(src);
  ASSERT_EQ(f.facts.size(), 1u);
  EXPECT_EQ(f.facts[0].span.begin, 3u);  // offsets still count the BOM's bytes
  EXPECT_EQ(text_at(src, f.facts[0].name.span), "a");
  // Columns count bytes, the BOM's included.
  EXPECT_EQ(error_line("\xEF\xBB\xBF" "fact a bool"), "test.proviso:1:11: error[syntax]: expected ':' and a type "
                                                       "after the fact's name");
}

TEST(ParseBytes, CrlfLineEndsAreWhitespace) {
  const std::string src = "fact a: bool   # comment\r\nfact b: int\r\ncondition c = a and\r\n  b > 1\r\n";
  ast::File f = parse_ok(src);
  ASSERT_EQ(f.facts.size(), 2u);
  EXPECT_EQ(text_at(src, f.conditions[0].span), "condition c = a and\r\n  b > 1");
  EXPECT_EQ(error_line("fact a: bool\r\nfact b int\r\n"), "test.proviso:2:8: error[syntax]: expected ':' and a "
                                                           "type after the fact's name");
  EXPECT_EQ(error_line("obligation o \"x\r\n\""), "test.proviso:1:14: error[syntax]: unterminated string");
}

TEST(ParseBytes, Utf8IsAcceptedInCommentsAndStrings) {
  ast::File f = parse_ok("# caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\nobligation o \"na\xC3\xAFve\"");
  EXPECT_EQ(f.obligations[0].text, "na\xC3\xAFve");
}

TEST(ParseBytes, InvalidUtf8IsASyntaxErrorAtTheByte) {
  const ErrorCase cases[] = {
      {"fact a: bool # caf\xC3\n", "test.proviso:1:19: error[syntax]: invalid UTF-8"},  // truncated sequence
      {"fact a: bool\n# \xFF", "test.proviso:2:3: error[syntax]: invalid UTF-8"},
      {"obligation o \"\xC0\xAF\"", "test.proviso:1:15: error[syntax]: invalid UTF-8"},       // overlong '/'
      {"obligation o \"\xED\xA0\x80\"", "test.proviso:1:15: error[syntax]: invalid UTF-8"},   // a surrogate
      {"obligation o \"\xF4\x90\x80\x80\"", "test.proviso:1:15: error[syntax]: invalid UTF-8"},  // above U+10FFFF
      {"obligation o \"\x80\"", "test.proviso:1:15: error[syntax]: invalid UTF-8"},  // a lone continuation
      {"fact \xE2\x82", "test.proviso:1:6: error[syntax]: invalid UTF-8"},  // cut off by the end of the file
  };
  for (const ErrorCase& c : cases) EXPECT_EQ(error_line(c.source), c.expected) << c.source;
}

TEST(ParseBytes, NulByteIsASyntaxError) {
  EXPECT_EQ(error_line(std::string("fact a: bool\n# a\0b", 18)), "test.proviso:2:4: error[syntax]: NUL byte");
}

}  // namespace
}  // namespace proviso
