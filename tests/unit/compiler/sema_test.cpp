// Semantic analysis: names, duplicates, types, enum literals, limits, requires and
// did-you-mean hints, each with its code, message and place.
#include <gtest/gtest.h>

#include "proviso/base/suggest.hpp"
#include "sema_test_util.hpp"

namespace proviso::test {
namespace {

constexpr std::uint32_t L = kFirstLine;

// ---------------------------------------------------------------- duplicate-name

TEST(SemaDuplicates, SecondDeclarationIsReportedWithANoteAtTheFirst) {
  Compilation c = compile_with_prelude(
      "fact lawful: bool \"Is it lawful?\"\n"
      "condition lawful = people > 3\n");
  Diagnostic d = only(c, Code::duplicate_name);
  EXPECT_EQ(d.message, "'lawful' is already declared as a fact");
  EXPECT_EQ(d.location.line, L + 1);
  EXPECT_EQ(d.location.column, 11u);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "first declared here");
  EXPECT_EQ(d.notes[0].location.line, L);
  EXPECT_EQ(d.notes[0].location.column, 6u);
  EXPECT_FALSE(c.program);
}

TEST(SemaDuplicates, KindsShareOneNamespace) {
  Compilation c = compile_with_prelude("policy dpia { rule r: deny when true }\n");
  Diagnostic d = only(c, Code::duplicate_name);
  EXPECT_EQ(d.message, "'dpia' is already declared as an obligation");
  EXPECT_EQ(d.location.line, L);
}

TEST(SemaDuplicates, LocalNames) {
  Compilation c = compile_with_prelude(
      "type t = enum { a, b, a }\n"
      "framework f \"F\" { question q1 \"One\" question q1 \"Again\" }\n"
      "policy p { rule r: deny when true rule r: share when false }\n");
  c.diagnostics.sort();
  auto found = with_code(c, Code::duplicate_name);
  ASSERT_EQ(found.size(), 3u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "enum value 'a' is declared twice");
  EXPECT_EQ(found[1]->message, "question 'q1' is declared twice in framework 'f'");
  EXPECT_EQ(found[2]->message, "rule 'r' is declared twice in policy 'p'");
  EXPECT_EQ(found[2]->location.line, L + 2);
  EXPECT_EQ(found[2]->location.column, 40u);
}

TEST(SemaDuplicates, SectorsTwice) {
  Compilation c = compile_with_prelude("sectors { education }\n");
  Diagnostic d = only(c, Code::duplicate_name);
  EXPECT_EQ(d.message, "'sectors' is declared more than once; a bundle lists its sectors exactly once");
  EXPECT_EQ(d.location.line, L);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].location.line, 1u);
}

TEST(SemaDuplicates, NoSectorsIsReportedAtTheFirstFile) {
  Compilation c = compile("fact x: bool\n");
  Diagnostic d = only(c, Code::undefined_name);
  EXPECT_EQ(d.message, "the bundle declares no sectors; one file must say 'sectors { ... }'");
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_EQ(d.location.column, 1u);
}

TEST(SemaDuplicates, AFactCannotAlsoBeAGroupOfFacts) {
  Compilation c = compile_with_prelude("fact people.adults: int\n");
  Diagnostic d = only(c, Code::duplicate_name);
  EXPECT_EQ(d.message,
            "fact 'people.adults' is nested under fact 'people'; a name cannot be both a fact and a group of facts");
}

// ---------------------------------------------------------------- undefined-name

TEST(SemaNames, UndefinedNameInAnExpressionSuggestsTheClosest) {
  Compilation c = compile_with_prelude("condition c = consnt == explicit and peeple > 2\n");
  auto found = with_code(c, Code::undefined_name);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "undefined name 'consnt'");
  EXPECT_EQ(found[0]->hint, "did you mean 'consent'?");
  EXPECT_EQ(found[0]->location.line, L);
  EXPECT_EQ(found[0]->location.column, 15u);
  EXPECT_EQ(found[1]->message, "undefined name 'peeple'");
  EXPECT_EQ(found[1]->hint, "did you mean 'people'?");
}

TEST(SemaNames, AnUnknownEnumValueSuggestsAValueOfThatEnum) {
  Compilation c = compile_with_prelude("condition c = consent == implyed\n");
  Diagnostic d = only(c, Code::undefined_name);
  EXPECT_EQ(d.message, "'implyed' is not a value of 'consent_basis', nor a fact or condition");
  EXPECT_EQ(d.hint, "did you mean 'implied'?");
  EXPECT_EQ(d.location.column, 26u);
}

TEST(SemaNames, AnEnumValueBesideAnUndefinedNameIsNotReportedToo) {
  Compilation c = compile_with_prelude(
      "condition a = explicit == consnt\n"
      "condition b = consnt != none\n"
      "condition c = research in nowhere\n");
  auto found = with_code(c, Code::undefined_name);
  ASSERT_EQ(found.size(), 3u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "undefined name 'consnt'");
  EXPECT_EQ(found[0]->location.column, 27u);
  EXPECT_EQ(found[1]->message, "undefined name 'consnt'");
  EXPECT_EQ(found[2]->message, "undefined name 'nowhere'");
}

TEST(SemaNames, NoHintWhenNothingIsClose) {
  Compilation c = compile_with_prelude("condition c = zzzzzzzz\n");
  Diagnostic d = only(c, Code::undefined_name);
  EXPECT_EQ(d.hint, "");
}

TEST(SemaNames, ANameOfTheWrongKind) {
  Compilation c = compile_with_prelude("condition c = dpia\n");
  Diagnostic d = only(c, Code::undefined_name);
  EXPECT_EQ(d.message, "'dpia' is an obligation, not a fact or condition");
}

TEST(SemaNames, EveryKindOfReference) {
  Compilation c = compile_with_prelude(
      "framework dpb \"DPB\" { question q3 \"Measurable?\" }\n"
      "fact level: scroe\n"
      "fact a: bool cite dpx.q3\n"
      "fact b: bool cite dpb.q4\n"
      "policy p {\n"
      "  sector hosing\n"
      "  rule r: share when a and b require pseudonymize\n"
      "  rule s: deny when a overrides q\n"
      "}\n");
  auto found = with_code(c, Code::undefined_name);
  ASSERT_EQ(found.size(), 6u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "undefined type 'scroe'");
  EXPECT_EQ(found[1]->message, "undefined framework 'dpx'");
  EXPECT_EQ(found[1]->hint, "did you mean 'dpb'?");
  EXPECT_EQ(found[1]->location.column, 19u);
  EXPECT_EQ(found[2]->message, "framework 'dpb' has no question 'q4'");
  EXPECT_EQ(found[2]->hint, "did you mean 'q3'?");
  EXPECT_EQ(found[3]->message, "undefined sector 'hosing'");
  EXPECT_EQ(found[3]->hint, "did you mean 'housing'?");
  EXPECT_EQ(found[4]->message, "undefined obligation 'pseudonymize'");
  EXPECT_EQ(found[4]->hint, "did you mean 'pseudonymise'?");
  EXPECT_EQ(found[5]->message, "policy 'p' has no rule 'q'");
  EXPECT_EQ(found[5]->hint, "did you mean 'r'?");
}

TEST(SemaNames, OverridesMustNameARuleOfTheSamePolicy) {
  Compilation c = compile_with_prelude(
      "policy p { rule r: deny when true }\n"
      "policy q { rule s: share when true overrides r }\n");
  Diagnostic d = only(c, Code::undefined_name);
  EXPECT_EQ(d.message, "policy 'q' has no rule 'r'");
}

TEST(SemaNames, QuestionGroupsAreFreeIdentifiers) {
  compile_ok(std::string(kPrelude) +
             "framework f \"F\" { question q1 \"One\" group anything question q2 \"Two\" group else_at_all }\n"
             "fact a: bool cite f.q1 cite f.q2\n"
             "policy p { rule r: deny when a }\n");
}

// ---------------------------------------------------------------- enum literals

TEST(SemaEnumLiterals, ABareValueOnEitherSideMeansTheValue) {
  Compilation c = compile_ok(std::string(kPrelude) +
                             "condition left = explicit == consent\n"
                             "condition right = consent != none\n"
                             "condition listed = purpose in { research, planning }\n"
                             "condition flow = health == from and to != welfare\n"
                             "policy p { rule r: deny when left and right and listed and flow and people > 1 }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  int enum_constants = 0;
  for (const Node& n : p.nodes) {
    if (n.op == Op::const_int && p.types[n.type].kind == TypeKind::enumeration) ++enum_constants;
  }
  EXPECT_EQ(enum_constants, 4);  // explicit, none, health, welfare
}

TEST(SemaEnumLiterals, TheValueWinsOverAFactOfTheSameName) {
  Compilation c = compile_ok(std::string(kPrelude) +
                             "fact implied: bool\n"
                             "policy p { rule r: deny when consent == implied and implied }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  const Node& when = p.nodes[p.rules[0].when];
  ASSERT_EQ(when.op, Op::and_);
  const Node& compare = p.nodes[p.operands[when.a]];
  ASSERT_EQ(compare.op, Op::eq);
  EXPECT_EQ(p.nodes[compare.b].op, Op::const_int);
  EXPECT_EQ(p.nodes[compare.b].imm, 1);  // implied is the second value
  EXPECT_EQ(p.nodes[p.operands[when.a + 1]].op, Op::fact);
}

TEST(SemaEnumLiterals, AValueOfAnotherEnumIsATypeMismatch) {
  Compilation c = compile_with_prelude("condition c = consent == research\n");
  Diagnostic d = only(c, Code::type_mismatch);
  EXPECT_EQ(d.message, "cannot compare 'consent_basis' with 'purpose_kind' ('research' is a value of 'purpose_kind')");
}

TEST(SemaEnumLiterals, ValuesInAListMustBelongToTheEnum) {
  Compilation c = compile_with_prelude("condition c = consent in { explicit, research, nonne }\n");
  Diagnostic mismatch = only(c, Code::type_mismatch);
  EXPECT_EQ(mismatch.message, "'research' is a value of 'purpose_kind', not of 'consent_basis'");
  Diagnostic undefined = only(c, Code::undefined_name);
  EXPECT_EQ(undefined.message, "'nonne' is not a value of 'consent_basis'");
  EXPECT_EQ(undefined.hint, "did you mean 'none'?");
}

TEST(SemaEnumLiterals, ABareValueWithoutAnEnumPartnerGetsAHint) {
  Compilation c = compile_with_prelude("condition c = research\n");
  Diagnostic d = only(c, Code::undefined_name);
  EXPECT_EQ(d.message, "undefined name 'research'");
  EXPECT_EQ(d.hint, "'research' is a value of 'purpose_kind'; compare a fact of that type with it");
}

// ---------------------------------------------------------------- type-mismatch

TEST(SemaTypes, ComparisonsNameBothTypes) {
  Compilation c = compile_with_prelude(
      "condition a = consent == 3\n"
      "condition b = purpose < research\n"
      "condition c = people == true\n");
  auto found = with_code(c, Code::type_mismatch);
  ASSERT_EQ(found.size(), 3u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "cannot compare 'consent_basis' with 'int'");
  EXPECT_EQ(found[0]->location.line, L);
  EXPECT_EQ(found[0]->location.column, 15u);
  EXPECT_EQ(found[1]->message, "'<' needs two ints, not 'purpose_kind' and 'purpose_kind'");
  EXPECT_EQ(found[2]->message, "cannot compare 'int (0 .. 1000)' with 'bool'");
}

TEST(SemaTypes, IntsOfAnyBoundsCompare) {
  compile_ok(std::string(kPrelude) +
             "type score = int (1 .. 5)\n"
             "fact s: score\n"
             "fact n: int\n"
             "policy p { rule r: deny when s == people and n != s and s + n > people * 2 }\n");
}

TEST(SemaTypes, OperatorsCheckTheirOperands) {
  Compilation c = compile_with_prelude(
      "fact flag: bool\n"
      "condition a = flag and people\n"
      "condition b = not consent\n"
      "condition c = people + flag > 1\n"
      "condition d = people in { explicit }\n"
      "condition e = explicit in consent\n"
      "condition f = people\n"
      "policy p { rule r: deny when a and b and c and d and e and f unless 3 }\n");
  auto found = with_code(c, Code::type_mismatch);
  ASSERT_EQ(found.size(), 7u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "'and' needs 'bool' operands, not 'int (0 .. 1000)'");
  EXPECT_EQ(found[0]->location.column, 24u);
  EXPECT_EQ(found[1]->message, "'not' needs 'bool' operands, not 'consent_basis'");
  EXPECT_EQ(found[2]->message, "'+' needs two ints, not 'int (0 .. 1000)' and 'bool'");
  EXPECT_EQ(found[3]->message, "'in { ... }' needs an enum on the left, not 'int (0 .. 1000)'");
  EXPECT_EQ(found[4]->message, "'in' needs a set on the right, not 'consent_basis'");
  EXPECT_EQ(found[5]->message, "condition 'f' must be 'bool', not 'int (0 .. 1000)'");
  EXPECT_EQ(found[6]->message, "the 'unless' of rule 'r' must be 'bool', not 'int'");
}

TEST(SemaTypes, SetMembershipChecksTheElementType) {
  Compilation c = compile_with_prelude(
      "type category = enum { contact, health_record }\n"
      "fact cats: set of category\n"
      "fact others: set of consent_basis\n"
      "condition ok = contact in cats and cats == cats\n"
      "condition bad = consent in cats\n"
      "condition sets = cats == others\n");
  auto found = with_code(c, Code::type_mismatch);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "cannot look for 'consent_basis' in 'set of category'");
  EXPECT_EQ(found[1]->message, "cannot compare 'set of category' with 'set of consent_basis'");
}

TEST(SemaTypes, BadTypeDeclarations) {
  Compilation c = compile_with_prelude(
      "type empty = int (5 .. 1)\n"
      "fact cats: set of empty\n"
      "fact counts: set of int_alias\n"
      "type int_alias = int (0 .. 3)\n");
  auto found = with_code(c, Code::type_mismatch);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "empty int range: the low bound 5 is above the high bound 1");
  EXPECT_EQ(found[1]->message, "'set of' needs an enum type, not 'int_alias'");
}

TEST(SemaTypes, AliasCyclesAreCycles) {
  Compilation c = compile_with_prelude(
      "type a = b\n"
      "type b = a\n");
  Diagnostic d = only(c, Code::cycle);
  EXPECT_EQ(d.message, "type aliases form a cycle: a -> b -> a");
  EXPECT_EQ(d.notes.size(), 2u);
}

// ---------------------------------------------------------------- nonlinear, limits

TEST(SemaTypes, ProductsNeedANumberOnOneSide) {
  Compilation c = compile_with_prelude(
      "fact n: int\n"
      "condition ok = 3 * n > people * -2\n"
      "condition bad = (n + 1) * people > 0\n");
  Diagnostic d = only(c, Code::nonlinear);
  EXPECT_EQ(d.message, "'(n + 1) * people' multiplies two unknowns; one side of '*' must be a number");
  EXPECT_EQ(d.location.line, L + 2);
  EXPECT_EQ(d.location.column, 17u);
}

// The message quotes the product in one canonical spelling, so that `proviso fmt`, which
// only moves spaces, cannot change a diagnostic (the format fuzzer found this).
TEST(SemaTypes, ProductMessageDoesNotDependOnSpacing) {
  Compilation c = compile_with_prelude(
      "fact n: int\n"
      "condition bad = ((n+1))  *people-  (n - (2 - n)) * n > 0\n");
  std::vector<std::string> messages;
  for (const Diagnostic& d : c.diagnostics.items()) {
    if (d.code == Code::nonlinear) messages.push_back(d.message);
  }
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], "'(n + 1) * people' multiplies two unknowns; one side of '*' must be a number");
  EXPECT_EQ(messages[1], "'(n - (2 - n)) * n' multiplies two unknowns; one side of '*' must be a number");
}

TEST(SemaLimits, SetsOfLargeEnums) {
  CompileOptions options;
  options.sema.max_set_members = 2;
  Compilation c = compile_with_prelude("fact consents: set of consent_basis\n", options);
  Diagnostic d = only(c, Code::limit);
  EXPECT_EQ(d.message,
            "'set of consent_basis': 'consent_basis' has 3 values, and a set's enum may have at most 2");
  EXPECT_EQ(d.location.line, L);
}

TEST(SemaLimits, NoSetBeyondSixtyFourBitsWhateverTheOptions) {
  std::string values;
  for (int i = 0; i < 65; ++i) values += (i ? ", v" : "v") + std::to_string(i);
  CompileOptions options;
  options.sema.max_set_members = 1000;
  Compilation c = compile_with_prelude("type big = enum { " + values + " }\nfact s: set of big\n", options);
  EXPECT_EQ(with_code(c, Code::limit).size(), 1u) << diagnostics_text(c);
}

TEST(SemaLimits, RuleAndFactCounts) {
  CompileOptions options;
  options.sema.max_rules = 2;
  options.sema.max_facts = 3;
  Compilation c = compile_with_prelude(
      "fact extra: bool\n"
      "policy p { rule a: deny when extra rule b: deny when extra rule c: deny when extra }\n",
      options);
  auto found = with_code(c, Code::limit);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "too many facts: the bundle declares 4, the limit is 3");
  EXPECT_EQ(found[0]->location.line, L);
  EXPECT_EQ(found[1]->message, "too many rules: the bundle declares 3, the limit is 2");
  EXPECT_EQ(found[1]->location.column, 65u);
}

TEST(SemaLimits, TenThousandConditionsJoinedByAnd) {
  std::string text;
  std::string chain;
  for (int i = 0; i < 10000; ++i) {
    text += "condition c" + std::to_string(i) + " = people > " + std::to_string(i % 1000) + "\n";
    chain += (i ? " and c" : "c") + std::to_string(i);
  }
  Compilation c = compile_ok(std::string(kPrelude) + text + "policy p { rule r: share when " + chain + " }\n");
  ASSERT_TRUE(c.program);
  EXPECT_EQ(c.program->conditions.size(), 10000u);
}

// ---------------------------------------------------------------- require

TEST(SemaRequire, OnlyShareRulesMayRequire) {
  Compilation c = compile_with_prelude("policy p { rule r: deny when true require dpia }\n");
  Diagnostic d = only(c, Code::syntax);
  EXPECT_EQ(d.message, "only 'share' rules may require obligations; rule 'r' is 'deny'");
  EXPECT_EQ(d.location.line, L);
  EXPECT_EQ(d.location.column, 43u);
}

// ---------------------------------------------------------------- defers

TEST(SemaDefers, OnlyShareRulesMayDefer) {
  Compilation c = compile_with_prelude(
      "policy p {\n"
      "  rule r: deny when consent == none defers\n"
      "  rule s: refer when people > 10 defers because \"Ask\"\n"
      "  rule t: share when people < 5 defers\n"
      "}\n");
  c.diagnostics.sort();
  auto found = with_code(c, Code::syntax);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "only 'share' rules may defer; rule 'r' is 'deny'");
  EXPECT_EQ(found[0]->location.line, L + 1);
  EXPECT_EQ(found[0]->location.column, 37u);  // at the word `defers`
  EXPECT_EQ(found[0]->location.length, 6u);
  EXPECT_EQ(found[1]->message, "only 'share' rules may defer; rule 's' is 'refer'");
  EXPECT_EQ(found[1]->location.line, L + 2);
  EXPECT_EQ(found[1]->location.column, 34u);
  EXPECT_EQ(error_count(c), 2u);
  EXPECT_FALSE(c.program);
}

TEST(SemaDefers, DefersAfterADenyRuleIsThatRulesClause) {
  // A policy's settings come before its rules: a `defers` written last in the policy
  // belongs to its last rule, here a deny, and is refused there.
  Compilation c = compile_with_prelude(
      "policy p {\n"
      "  rule r: share when people > 1\n"
      "  rule s: deny when consent == none\n"
      "  defers\n"
      "}\n");
  Diagnostic d = only(c, Code::syntax);
  EXPECT_EQ(d.message, "only 'share' rules may defer; rule 's' is 'deny'");
  EXPECT_EQ(d.location.line, L + 3);
  EXPECT_EQ(d.location.column, 3u);
}

TEST(SemaDefers, APolicyWithRefusingRulesMayDefer) {
  // A deferring policy's refer and deny rules simply do not defer: no error.
  Compilation c = compile_with_prelude(
      "policy p {\n"
      "  defers\n"
      "  default share\n"
      "  rule r: deny when consent == none\n"
      "  rule s: refer when people > 10\n"
      "  rule t: share when people < 5 defers\n"
      "}\n");
  EXPECT_EQ(error_count(c), 0u) << diagnostics_text(c);
  EXPECT_TRUE(c.program);
}

TEST(SemaDefers, AFactNamedDefers) {
  Compilation c = compile_with_prelude(
      "fact defers: bool \"Is the decision deferred?\"\n"
      "condition deferred = defers and people > 0\n"
      "policy p {\n"
      "  rule r: share when defers defers\n"
      "  rule s: deny when not deferred\n"
      "}\n");
  EXPECT_EQ(error_count(c), 0u) << diagnostics_text(c);
  ASSERT_TRUE(c.program);
  EXPECT_TRUE(c.program->rules[0].defers);
  EXPECT_FALSE(c.program->rules[1].defers);
  EXPECT_EQ(c.program->facts[c.program->rules[0].facts[0]].name, "defers");
}

// ---------------------------------------------------------------- unused

TEST(SemaUnused, FactsAndConditionsNothingUses) {
  Compilation c = compile_with_prelude(
      "fact spare: bool\n"
      "condition idle = people > 3\n"
      "policy p { rule r: deny when consent == none and purpose == research }\n"
      "scenario \"uses spare\" { from health to housing spare = true }\n");
  ASSERT_TRUE(c.program) << diagnostics_text(c);
  auto found = with_code(c, Code::unused);
  ASSERT_EQ(found.size(), 2u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->severity, Severity::info);
  // A scenario is no user: spare is unused. people is used, if only by idle.
  EXPECT_EQ(found[0]->message, "fact 'spare' is not used by any condition or rule");
  EXPECT_EQ(found[0]->location.line, L);
  EXPECT_EQ(found[1]->message, "condition 'idle' is not used by any rule or condition");
  EXPECT_EQ(found[1]->location.line, L + 1);
}

TEST(SemaUnused, FromAndToAreNeverUnused) {
  Compilation c = compile_with_prelude(
      "policy p { rule r: deny when consent == none and purpose == research }\n");
  auto found = with_code(c, Code::unused);
  ASSERT_EQ(found.size(), 1u) << diagnostics_text(c);
  EXPECT_EQ(found[0]->message, "fact 'people' is not used by any condition or rule");
  EXPECT_EQ(found[0]->location.line, 8u);
}

// ---------------------------------------------------------------- did you mean

TEST(Suggest, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("consent", "consnet"), 1u);  // a transposition
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Suggest, ClosestWithinAThreshold) {
  std::vector<std::string_view> names{"consent", "purpose", "people"};
  EXPECT_EQ(closest_name("Consent", names), "consent");
  EXPECT_EQ(closest_name("peple", names), "people");
  EXPECT_EQ(closest_name("xyz", names), "");
  EXPECT_EQ(closest_name("consent", names), "");  // the same name is no suggestion
  EXPECT_EQ(did_you_mean("purpse", names), "did you mean 'purpose'?");
  EXPECT_EQ(did_you_mean("q", {"r", "s"}), "did you mean 'r'?");  // ties: the first
}

}  // namespace
}  // namespace proviso::test
