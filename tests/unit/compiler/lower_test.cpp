// Lowering: the shape of the Program exactly as runtime/program.hpp describes it.
#include <gtest/gtest.h>

#include <algorithm>

#include "proviso/compiler/lower.hpp"
#include "sema_test_util.hpp"

namespace proviso::test {
namespace {

std::vector<std::string> fact_names(const Program& p) {
  std::vector<std::string> names;
  for (const Fact& f : p.facts) names.push_back(f.name);
  return names;
}

// Every operand of a node has a smaller id: one forward sweep evaluates everything.
void expect_children_first(const Program& p) {
  for (std::uint32_t i = 0; i < p.nodes.size(); ++i) {
    const Node& n = p.nodes[i];
    switch (n.op) {
      case Op::and_:
      case Op::or_:
        ASSERT_LE(n.a + n.b, p.operands.size());
        for (std::uint32_t k = n.a; k < n.a + n.b; ++k) EXPECT_LT(p.operands[k], i) << n.text;
        break;
      case Op::not_:
      case Op::in_values:
      case Op::condition:
        EXPECT_LT(n.a, i) << n.text;
        break;
      case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge:
      case Op::add: case Op::sub: case Op::mul: case Op::has:
        EXPECT_LT(n.a, i) << n.text;
        EXPECT_LT(n.b, i) << n.text;
        break;
      default:
        break;
    }
  }
}

TEST(Lower, FactsInDeclarationOrderAfterFromAndTo) {
  Compilation c = compile_ok(std::string(kPrelude) + "fact z.last: bool\npolicy p { rule r: deny when z.last }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  EXPECT_EQ(fact_names(p), (std::vector<std::string>{"from", "to", "consent", "purpose", "people", "z.last"}));
  EXPECT_EQ(p.facts[kFactFrom].type, p.sector_type);
  EXPECT_EQ(p.facts[kFactTo].type, p.sector_type);
  EXPECT_EQ(p.types[p.sector_type].values, (std::vector<std::string>{"health", "housing", "welfare"}));
  EXPECT_EQ(p.types[p.bool_type].kind, TypeKind::boolean);
  EXPECT_EQ(p.types[p.int_type].kind, TypeKind::integer);
  const Type& people = p.types[p.facts[4].type];
  EXPECT_EQ(people.name, "int (0 .. 1000)");
  EXPECT_EQ(people.lo, 0);
  EXPECT_EQ(people.hi, 1000);
  EXPECT_EQ(p.facts[2].question, "What consent is in place?");
  EXPECT_EQ(p.facts[2].place.line, 6u);
  EXPECT_EQ(p.facts[2].place.column, 6u);
}

TEST(Lower, ImportedFilesComeFirstInLoadOrder) {
  Compilation c = compile_paths({source_path("tests/ok/imports.proviso")});
  ASSERT_TRUE(c.program) << diagnostics_text(c);
  EXPECT_EQ(fact_names(*c.program), (std::vector<std::string>{"from", "to", "purpose", "lawful", "approved"}));
  EXPECT_EQ(c.program->policies.size(), 2u);
}

TEST(Lower, NodesAreChildrenFirstAndConditionsAreShared) {
  Compilation c = compile_ok(std::string(kPrelude) +
                             "condition later_used = base and people > 2\n"
                             "condition base = consent == explicit or consent == implied\n"
                             "policy p {\n"
                             "  rule a: share when base and later_used\n"
                             "  rule b: deny when not base unless people * 2 + 1 >= 30 - people\n"
                             "}\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  expect_children_first(p);
  ASSERT_EQ(p.conditions.size(), 2u);
  EXPECT_EQ(p.conditions[0].name, "later_used");
  EXPECT_EQ(p.conditions[1].name, "base");
  // base is lowered first because later_used depends on it.
  EXPECT_LT(p.conditions[1].node, p.conditions[0].node);
  int condition_nodes = 0;
  for (const Node& n : p.nodes) condition_nodes += n.op == Op::condition;
  EXPECT_EQ(condition_nodes, 2) << "one node per condition, shared by every user";
  const Node& base = p.nodes[p.conditions[1].node];
  EXPECT_EQ(base.op, Op::condition);
  EXPECT_EQ(base.label, 1u);
  EXPECT_EQ(base.text, "base");
  EXPECT_EQ(p.nodes[base.a].op, Op::or_);
  EXPECT_EQ(p.nodes[base.a].b, 2u);
  EXPECT_EQ(p.nodes[base.a].text, "consent == explicit or consent == implied");
  const Node& a_when = p.nodes[p.rules[0].when];
  ASSERT_EQ(a_when.op, Op::and_);
  EXPECT_EQ(p.operands[a_when.a], p.conditions[1].node);
  EXPECT_EQ(p.operands[a_when.a + 1], p.conditions[0].node);
  const Node& b_when = p.nodes[p.rules[1].when];
  EXPECT_EQ(b_when.op, Op::not_);
  EXPECT_EQ(b_when.a, p.conditions[1].node);
  ASSERT_NE(p.rules[1].unless, kNone);
  const Node& unless = p.nodes[p.rules[1].unless];
  EXPECT_EQ(unless.op, Op::ge);
  EXPECT_EQ(unless.text, "people * 2 + 1 >= 30 - people");
  EXPECT_EQ(p.nodes[unless.a].op, Op::add);
  EXPECT_EQ(p.nodes[p.nodes[unless.a].a].op, Op::mul);
  EXPECT_EQ(p.rules[0].unless, kNone);
  // One fact node per fact read.
  int people_reads = 0;
  for (const Node& n : p.nodes) people_reads += n.op == Op::fact && n.a == 4;
  EXPECT_EQ(people_reads, 1);
}

TEST(Lower, MembershipMasksAndSets) {
  Compilation c = compile_ok(std::string(kPrelude) +
                             "type category = enum { contact, health_record, school_record }\n"
                             "fact cats: set of category\n"
                             "policy p { rule r: deny when purpose in { planning, direct_care } and school_record in cats }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  const Node& when = p.nodes[p.rules[0].when];
  const Node& in = p.nodes[p.operands[when.a]];
  EXPECT_EQ(in.op, Op::in_values);
  EXPECT_EQ(in.imm, 0b101);  // direct_care is value 0, planning value 2
  const Node& has = p.nodes[p.operands[when.a + 1]];
  EXPECT_EQ(has.op, Op::has);
  EXPECT_EQ(p.nodes[has.a].op, Op::fact);
  EXPECT_EQ(p.types[p.nodes[has.a].type].kind, TypeKind::set);
  EXPECT_EQ(p.nodes[has.b].op, Op::const_int);
  EXPECT_EQ(p.nodes[has.b].imm, 2);
}

TEST(Lower, ListsOverLargeEnumsBecomeComparisons) {
  std::string values;
  for (int i = 0; i < 70; ++i) values += (i ? ", v" : "v") + std::to_string(i);
  Compilation c = compile_ok(std::string(kPrelude) + "type big = enum { " + values +
                             " }\nfact b: big\npolicy p { rule r: deny when b in { v1, v69 } }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  const Node& when = p.nodes[p.rules[0].when];
  ASSERT_EQ(when.op, Op::or_);
  ASSERT_EQ(when.b, 2u);
  const Node& second = p.nodes[p.operands[when.a + 1]];
  EXPECT_EQ(second.op, Op::eq);
  EXPECT_EQ(second.text, "b == v69");
  EXPECT_EQ(p.nodes[second.b].imm, 69);
}

TEST(Lower, RulesPoliciesObligationsAndCitations) {
  Compilation c = compile_ok(std::string(kPrelude) +
                             "obligation audit \"Keep an audit log\"\n"
                             "framework dpb \"DPB\" { question q3 \"Can the benefit be measured?\" }\n"
                             "policy first_policy {\n"
                             "  sector housing\n"
                             "  default refer\n"
                             "  combine first\n"
                             "  rule r0: share when people > 1 require pseudonymise, audit, dpia, audit\n"
                             "    because \"It helps\" cite dpb.q3 cite \"Caldicott principle 7\"\n"
                             "  rule r1: deny when consent == none overrides r0\n"
                             "  rule r2: refer when purpose == research overrides r1\n"
                             "}\n"
                             "policy second { rule s0: deny when people > 900 }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  ASSERT_EQ(p.obligations.size(), 3u);
  EXPECT_EQ(p.obligations[0].name, "audit");
  EXPECT_EQ(p.obligations[1].name, "dpia");
  EXPECT_EQ(p.obligations[2].name, "pseudonymise");
  EXPECT_EQ(p.obligations[2].text, "Pseudonymise the records");

  ASSERT_EQ(p.policies.size(), 2u);
  const Policy& first = p.policies[0];
  EXPECT_EQ(first.name, "first_policy");
  EXPECT_EQ(first.sector, 1);
  EXPECT_EQ(first.default_effect, Effect::refer);
  EXPECT_EQ(first.combine, Combine::first);
  EXPECT_EQ(first.first_rule, 0u);
  EXPECT_EQ(first.rule_count, 3u);
  const Policy& second = p.policies[1];
  EXPECT_EQ(second.sector, -1);
  EXPECT_EQ(second.default_effect, Effect::deny);
  EXPECT_EQ(second.combine, Combine::strictest);
  EXPECT_EQ(second.first_rule, 3u);
  EXPECT_EQ(second.rule_count, 1u);

  ASSERT_EQ(p.rules.size(), 4u);
  const Rule& r0 = p.rules[0];
  EXPECT_EQ(r0.requires_, (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(r0.because, "It helps");
  ASSERT_EQ(r0.cites.size(), 2u);
  EXPECT_EQ(r0.cites[0].ref, "dpb.q3");
  EXPECT_EQ(r0.cites[0].text, "Can the benefit be measured?");
  EXPECT_EQ(r0.cites[1].ref, "");
  EXPECT_EQ(r0.cites[1].text, "Caldicott principle 7");
  EXPECT_EQ(r0.beaten_by, (std::vector<std::uint32_t>{1, 2})) << "r2 beats r1 beats r0";
  EXPECT_EQ(p.rules[1].overrides, (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(p.rules[1].beaten_by, (std::vector<std::uint32_t>{2}));
  EXPECT_TRUE(p.rules[2].beaten_by.empty());
  EXPECT_EQ(p.rules[1].effect, Effect::deny);
  EXPECT_EQ(p.rules[3].policy, 1u);
  EXPECT_EQ(p.rules[3].name, "s0");
  EXPECT_EQ(p.rules[0].facts, (std::vector<std::uint32_t>{4}));
  EXPECT_EQ(p.rules[0].place.line, kFirstLine + 6);
  EXPECT_EQ(p.rules[0].place.column, 8u);
  EXPECT_EQ(p.find_rule("first_policy.r2"), 2u);
}

TEST(Lower, DefersFlags) {
  Compilation c = compile_ok(std::string(kPrelude) +
                             "policy baseline {\n"
                             "  defers\n"
                             "  default share\n"
                             "  rule a: share when people > 1 require dpia\n"
                             "  rule b: deny when consent == none\n"
                             "  rule c: refer when people > 500\n"
                             "}\n"
                             "policy receiver {\n"
                             "  sector housing\n"
                             "  rule accept: share when purpose == direct_care defers\n"
                             "  rule own: share when purpose == research\n"
                             "  rule refuse: deny when consent == none\n"
                             "}\n"
                             "policy plain { rule x: share when people > 2 }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  ASSERT_EQ(p.policies.size(), 3u);
  EXPECT_TRUE(p.policies[0].defers);
  EXPECT_FALSE(p.policies[1].defers) << "a deferring rule does not make its policy defer";
  EXPECT_FALSE(p.policies[2].defers);
  auto defers = [&](const char* name) {
    std::uint32_t r = p.find_rule(name);
    EXPECT_NE(r, kNone) << name;
    return r != kNone && p.rules[r].defers;
  };
  // A deferring policy's share rules defer; its refer and deny rules do not.
  EXPECT_TRUE(defers("baseline.a"));
  EXPECT_FALSE(defers("baseline.b"));
  EXPECT_FALSE(defers("baseline.c"));
  EXPECT_TRUE(defers("receiver.accept"));
  EXPECT_FALSE(defers("receiver.own"));
  EXPECT_FALSE(defers("receiver.refuse"));
  EXPECT_FALSE(defers("plain.x"));
}

TEST(Lower, Scenarios) {
  Compilation c = compile_ok(std::string(kPrelude) +
                             "type category = enum { contact, health_record, school_record }\n"
                             "fact cats: set of category\n"
                             "fact urgent: bool\n"
                             "policy p { rule r: share when urgent and contact in cats and consent == none and "
                             "people > 2 and purpose == research require pseudonymise, dpia }\n"
                             "scenario \"full\" {\n"
                             "  from housing to welfare\n"
                             "  consent = implied\n"
                             "  people = 7\n"
                             "  cats = { school_record, contact }\n"
                             "  urgent = true\n"
                             "  expect share require pseudonymise, dpia\n"
                             "}\n"
                             "scenario \"partial\" { from health to health expect undetermined missing people, consent }\n"
                             "scenario \"bare\" { from health to welfare }\n");
  ASSERT_TRUE(c.program);
  const Program& p = *c.program;
  ASSERT_EQ(p.scenarios.size(), 3u);
  const NamedScenario& full = p.scenarios[0];
  EXPECT_EQ(full.title, "full");
  ASSERT_EQ(full.facts.values.size(), p.facts.size());
  EXPECT_EQ(full.facts.values[kFactFrom], 1);
  EXPECT_EQ(full.facts.values[kFactTo], 2);
  EXPECT_EQ(full.facts.values[2], 1);  // implied
  EXPECT_EQ(full.facts.values[4], 7);
  EXPECT_EQ(full.facts.values[5], 0b101);
  EXPECT_EQ(full.facts.values[6], 1);
  EXPECT_EQ(full.facts.known, (std::vector<std::uint8_t>{1, 1, 1, 0, 1, 1, 1}));
  ASSERT_TRUE(full.expect);
  EXPECT_EQ(full.expect->outcome, Outcome::share);
  EXPECT_TRUE(full.expect->check_obligations);
  EXPECT_EQ(full.expect->obligations, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(full.place.line, kFirstLine + 4);

  const NamedScenario& partial = p.scenarios[1];
  ASSERT_TRUE(partial.expect);
  EXPECT_EQ(partial.expect->outcome, Outcome::undetermined);
  EXPECT_TRUE(partial.expect->check_missing);
  EXPECT_EQ(partial.expect->missing, (std::vector<std::uint32_t>{2, 4}));
  EXPECT_FALSE(p.scenarios[2].expect);
}

TEST(Lower, VersionIsAHashOfTheSources) {
  std::vector<SourceFile> one{SourceFile("a.proviso", "sectors { x }\n")};
  std::vector<SourceFile> other{SourceFile("a.proviso", "sectors { y }\n")};
  std::vector<SourceFile> moved{SourceFile("a.proviso", "sectors { x }\n"), SourceFile("b.proviso", "")};
  std::string v = bundle_version(one);
  EXPECT_EQ(v.size(), 16u);
  EXPECT_EQ(v.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(v, bundle_version(one));
  EXPECT_NE(v, bundle_version(other));
  EXPECT_NE(v, bundle_version(moved));
  EXPECT_EQ(bundle_version({}), "cbf29ce484222325");  // the FNV-1a 64 offset basis

  Compilation c = compile_ok(std::string(kPrelude) + "policy p { rule r: deny when people > consent_count }\n"
                                                      "fact consent_count: int\n"
                                                      "scenario \"s\" { from health to health consent = none purpose = planning }\n");
  ASSERT_TRUE(c.program);
  EXPECT_EQ(c.program->version, bundle_version(c.sources));
}

TEST(Lower, NoProgramWhenThereAreErrors) {
  Compilation c = compile_with_prelude("policy p { rule r: deny when nothing }\n");
  EXPECT_FALSE(c.program);
  EXPECT_GT(error_count(c), 0u);
}

}  // namespace
}  // namespace proviso::test
