// verify(): every program the compiler and the test generators make is sound, and each
// class of damage is caught with a message naming it. Damage the runtime would survive
// by luck is still damage: the point is that nothing unsound reaches it.
#include "proviso/program/verify.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "program/workloads.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/trace.hpp"
#include "support/test_support.hpp"

namespace proviso {
namespace {

std::string joined(const std::vector<std::string>& problems) {
  std::string out;
  for (const std::string& p : problems) out += "  " + p + "\n";
  return out;
}

TEST(Verify, EveryRepositoryBundleIsSound) {
  const auto workloads = test::repository_workloads();
  EXPECT_GE(workloads.size(), 12u);
  for (const test::Workload& w : workloads) EXPECT_EQ(joined(verify(*w.program)), "") << w.name;
}

TEST(Verify, GeneratedPoliciesAreSound) {
  for (const test::Workload& w : test::generated_workloads(7'000, 150, false)) {
    EXPECT_EQ(joined(verify(*w.program)), "") << w.name << "\n" << w.source;
  }
  for (const test::Workload& w : test::generated_workloads(8'000, 150, true)) {
    EXPECT_EQ(joined(verify(*w.program)), "") << w.name << "\n" << w.source;
  }
}

TEST(Verify, BuiltProgramsAreSound) {
  for (const test::Workload& w : test::built_workloads(1, 300)) {
    EXPECT_EQ(joined(verify(*w.program)), "") << w.name << "\n" << w.source;
  }
}

// Sets, enums, bounded ints, arithmetic, conditions over conditions, a chain of
// overrides, two policies (one with a sector), scenarios with expectations.
constexpr const char* kRich = R"(
sectors { health, housing, education }
type basis_kind = enum { consent, duty, none }
type category = enum { contact, health_record, school_record }
obligation minimise "Share only the fields needed"
obligation log "Log the disclosure"
fact basis: basis_kind "What is the lawful basis?"
fact urgent: bool "Is it urgent?"
fact people: int (0 .. 1000) "How many people?"
fact categories: set of category "Which categories?"
condition lawful = basis in { consent, duty }
condition small = 2 * people + 1 <= 201 and people - 1 >= 0 and lawful
policy sharing {
  rule lawful_share: share when small require minimise, log
  rule bulk: refer when lawful and not small
  rule unlawful: deny when not lawful unless urgent == true
  rule urgent_school: share when urgent and school_record in categories overrides unlawful
  rule school_block: deny when basis == none and health_record in categories overrides urgent_school
}
policy housing_rules {
  sector housing
  default share
  rule crowd: refer when people > 500 or not urgent
}
scenario "A lawful, small share" {
  from health to housing
  basis = duty
  urgent = false
  people = 12
  categories = { contact, health_record }
  expect share require log, minimise
}
scenario "Unknown size" {
  from health to housing
  basis = duty
  expect undetermined missing people
}
)";

class VerifyDamage : public ::testing::Test {
 protected:
  void SetUp() override {
    Compilation c = test::compile_ok(kRich);
    ASSERT_TRUE(c.program);
    base_ = *c.program;
    ASSERT_EQ(joined(verify(base_)), "");
  }

  // Applies `damage` to a copy of the program and expects a problem containing `words`.
  void expect_caught(const std::string& words, const std::function<void(Program&)>& damage) {
    Program p = base_;
    damage(p);
    const std::vector<std::string> problems = verify(p);
    ASSERT_FALSE(problems.empty()) << "not caught: " << words;
    bool named = false;
    for (const std::string& problem : problems) named |= problem.find(words) != std::string::npos;
    EXPECT_TRUE(named) << "expected a problem with \"" << words << "\", got:\n" << joined(problems);
  }

  std::uint32_t node_with(Op op) const {
    for (std::uint32_t i = 0; i < base_.nodes.size(); ++i) {
      if (base_.nodes[i].op == op) return i;
    }
    ADD_FAILURE() << "the program has no " << to_string(op) << " node";
    return 0;
  }
  std::uint32_t type_of_kind(TypeKind kind, std::uint32_t skip = kNone) const {
    for (std::uint32_t i = 0; i < base_.types.size(); ++i) {
      if (base_.types[i].kind == kind && i != skip && i != base_.sector_type) return i;
    }
    ADD_FAILURE() << "no type of that kind";
    return 0;
  }
  std::uint32_t rule(std::string_view qualified) const {
    const std::uint32_t r = base_.find_rule(qualified);
    EXPECT_NE(r, kNone) << qualified;
    return r;
  }

  Program base_;
};

TEST_F(VerifyDamage, Types) {
  const std::uint32_t set = type_of_kind(TypeKind::set);
  const std::uint32_t enumeration = base_.types[set].element;
  expect_caught("is not an enumeration", [&](Program& p) { p.types[set].element = decltype(p.types[set].element)(p.bool_type); });
  expect_caught("is not an enumeration", [&](Program& p) { p.types[set].element = decltype(p.types[set].element)(999); });
  expect_caught("at most 64", [&](Program& p) {
    for (int i = 0; i < 62; ++i) p.types[enumeration].values.push_back("v" + std::to_string(i));
  });
  expect_caught("appears twice", [&](Program& p) { p.types[enumeration].values[1] = p.types[enumeration].values[0]; });
  expect_caught("lower bound", [&](Program& p) {
    Type& t = p.types[p.facts[p.find_fact("people")].type];
    std::swap(t.lo, t.hi);
  });
  expect_caught("unknown kind", [&](Program& p) { p.types[0].kind = static_cast<TypeKind>(9); });
  expect_caught("the bool type", [&](Program& p) { p.bool_type = decltype(p.bool_type)(p.int_type); });
  expect_caught("the int type", [&](Program& p) { p.int_type = decltype(p.int_type)(1'000); });
  expect_caught("the sector type", [&](Program& p) { p.sector_type = decltype(p.sector_type)(p.bool_type); });
}

TEST_F(VerifyDamage, Facts) {
  expect_caught("facts 0 and 1", [](Program& p) { p.facts.resize(1); });
  expect_caught("must be 'from'", [](Program& p) { p.facts[0].name = "source"; });
  expect_caught("must be 'to'", [](Program& p) { p.facts[1].type = decltype(p.facts[1].type)(p.bool_type); });
  expect_caught("does not exist", [](Program& p) { p.facts[3].type = decltype(p.facts[3].type)(77); });
  expect_caught("declared twice", [](Program& p) { p.facts[3].name = p.facts[2].name; });
}

TEST_F(VerifyDamage, NodesReadOnlyEarlierNodes) {
  const std::uint32_t not_node = node_with(Op::not_);
  expect_caught("not an earlier node", [&](Program& p) { p.nodes[not_node].a = not_node; });
  expect_caught("not an earlier node", [&](Program& p) { p.nodes[not_node].a = static_cast<std::uint32_t>(p.nodes.size()); });
  const std::uint32_t and_node = node_with(Op::and_);
  expect_caught("not an earlier node", [&](Program& p) { p.operands[p.nodes[and_node].a] = and_node + 1; });
  expect_caught("past the operand list", [&](Program& p) { p.nodes[and_node].b = 1'000; });
  expect_caught("past the operand list", [&](Program& p) { p.nodes[and_node].a = 0xfffffff0u; });
  const std::uint32_t cmp = node_with(Op::le);
  expect_caught("not an earlier node", [&](Program& p) { p.nodes[cmp].b = kNone; });
}

TEST_F(VerifyDamage, NodesAreWellTyped) {
  const std::uint32_t fact_node = node_with(Op::fact);
  expect_caught("fact 500 does not exist", [&](Program& p) { p.nodes[fact_node].a = 500; });
  expect_caught("not its type", [&](Program& p) {
    Node& n = p.nodes[fact_node];
    n.type = n.type == p.bool_type ? p.int_type : p.bool_type;
  });
  expect_caught("type 4000 does not exist", [&](Program& p) { p.nodes[fact_node].type = decltype(p.nodes[fact_node].type)(4'000); });
  expect_caught("unknown operation", [&](Program& p) { p.nodes[fact_node].op = static_cast<Op>(200); });
  expect_caught("not a truth value", [&](Program& p) { p.nodes[node_with(Op::const_bool)].imm = 2; });
  const std::uint32_t in_node = node_with(Op::in_values);
  expect_caught("mask names values past", [&](Program& p) { p.nodes[in_node].imm = 1 << 3; });
  // An `and` over an int: the sweep would read a truth slot the int never writes.
  const std::uint32_t and_node = node_with(Op::and_);
  expect_caught("its operand is node", [&](Program& p) {
    p.operands[p.nodes[and_node].a] = node_with(Op::add);
  });
  expect_caught("is not what the operation gives", [&](Program& p) { p.nodes[and_node].type = decltype(p.nodes[and_node].type)(p.int_type); });
  const std::uint32_t mul = node_with(Op::mul);
  expect_caught("neither of which is a constant", [&](Program& p) {
    Node& m = p.nodes[mul];
    if (p.nodes[m.a].op == Op::const_int) m.a = m.b; else m.b = m.a;
  });
  const std::uint32_t le = node_with(Op::le);
  expect_caught("of type", [&](Program& p) { p.nodes[le].a = node_with(Op::in_values); });
  const std::uint32_t has = node_with(Op::has);
  expect_caught("looks for", [&](Program& p) { p.nodes[has].b = node_with(Op::const_int); });
  expect_caught("its set is node", [&](Program& p) { p.nodes[has].a = p.nodes[has].b; });
  // `basis == none`, made to compare an enum with a bool.
  std::uint32_t eq = kNone;
  for (std::uint32_t i = 0; i < base_.nodes.size() && eq == kNone; ++i) {
    const Node& n = base_.nodes[i];
    if (n.op == Op::eq && base_.types[base_.nodes[n.a].type].kind == TypeKind::enumeration) eq = i;
  }
  ASSERT_NE(eq, kNone);
  expect_caught("compares", [&](Program& p) { p.nodes[eq].b = node_with(Op::const_bool); });
  // An enum constant outside its enumeration.
  expect_caught("is not a value of type", [&](Program& p) {
    for (Node& n : p.nodes) {
      if (n.op == Op::const_int && p.types[n.type].kind == TypeKind::enumeration) n.imm = 3;
    }
  });
}

// A node shared by two users: harmless to the sweep, but the trace would explain it
// once per use, and a chain of such nodes doubles at every step.
TEST_F(VerifyDamage, ExpressionsAreTrees) {
  const std::uint32_t and_node = node_with(Op::and_);
  expect_caught("is used more than once", [&](Program& p) {
    p.operands[p.nodes[and_node].a + 1] = p.operands[p.nodes[and_node].a];
  });
  expect_caught("is used more than once", [&](Program& p) { p.rules[2].when = decltype(p.rules[2].when)(p.rules[1].when); });
  expect_caught("is used more than once", [&](Program& p) {
    const std::uint32_t le = node_with(Op::le);
    p.rules.back().unless = decltype(p.rules.back().unless)(le);
  });
  // Facts, constants and conditions are shared by every user.
  Program p = base_;
  const std::uint32_t cond = node_with(Op::condition);
  p.rules[0].unless = decltype(p.rules[0].unless)(cond);
  p.rules[1].unless = decltype(p.rules[1].unless)(cond);
  p.rules[4].unless = decltype(p.rules[4].unless)(node_with(Op::const_bool));
  EXPECT_EQ(p.nodes[p.rules[0].when].op, Op::condition);
  p.rules[3].when = decltype(p.rules[3].when)(p.rules[0].when);
  EXPECT_EQ(joined(verify(p)), "");
}

TEST_F(VerifyDamage, Conditions) {
  const std::uint32_t cond = node_with(Op::condition);
  expect_caught("condition 9 does not exist", [&](Program& p) { p.nodes[cond].label = decltype(p.nodes[cond].label)(9); });
  expect_caught("is not its condition node", [&](Program& p) { p.conditions[0].node = decltype(p.conditions[0].node)(0); });
  expect_caught("declared twice", [&](Program& p) { p.conditions[1].name = p.conditions[0].name; });
}

TEST_F(VerifyDamage, Obligations) {
  expect_caught("not in order of name", [](Program& p) { std::swap(p.obligations[0], p.obligations[1]); });
  expect_caught("not in order of name", [](Program& p) { p.obligations[1].name = p.obligations[0].name; });
}

TEST_F(VerifyDamage, PolicyRangesAreContiguousAndCoverEveryRule) {
  expect_caught("not at 5", [](Program& p) { p.policies[1].first_rule = decltype(p.policies[1].first_rule)(4); });
  expect_caught("but the program has 6 rules", [](Program& p) { p.policies[1].rule_count = 2; });
  expect_caught("but the program has 7 rules", [](Program& p) { p.rules.push_back(p.rules.back()); });
  expect_caught("rules start at", [](Program& p) {
    p.policies.assign(1, Policy{});
    p.policies[0].first_rule = decltype(p.policies[0].first_rule)(1);
  });
  expect_caught("names policy 1", [&](Program& p) { p.rules[rule("sharing.bulk")].policy = PolicyId(1); });
  expect_caught("sector 3 does not exist", [](Program& p) { p.policies[1].sector = 3; });
  expect_caught("sector -2 does not exist", [](Program& p) { p.policies[1].sector = -2; });
  expect_caught("declared twice", [](Program& p) { p.policies[1].name = p.policies[0].name; });
  expect_caught("unknown default effect", [](Program& p) { p.policies[0].default_effect = static_cast<Effect>(3); });
  expect_caught("unknown combine mode", [](Program& p) { p.policies[0].combine = static_cast<Combine>(7); });
}

TEST_F(VerifyDamage, RuleReferences) {
  const std::uint32_t bulk = rule("sharing.bulk");
  expect_caught("its when is node", [&](Program& p) { p.rules[bulk].when = decltype(p.rules[bulk].when)(static_cast<std::uint32_t>(p.nodes.size())); });
  expect_caught("its unless is node", [&](Program& p) { p.rules[bulk].unless = decltype(p.rules[bulk].unless)(node_with(Op::add)); });
  expect_caught("obligation 2 does not exist", [&](Program& p) { p.rules[bulk].requires_ = {2}; });
  expect_caught("ascending order", [&](Program& p) { p.rules[bulk].requires_ = {1, 0}; });
  expect_caught("fact 9 does not exist", [&](Program& p) { p.rules[bulk].facts = {0, 9}; });
  expect_caught("ascending order", [&](Program& p) { p.rules[bulk].facts = {2, 2}; });
  expect_caught("overridden rule 6 does not exist", [&](Program& p) { p.rules[bulk].overrides = {6}; });
  expect_caught("beating rule 60 does not exist", [&](Program& p) { p.rules[bulk].beaten_by = {60}; });
  expect_caught("declared twice", [&](Program& p) { p.rules[bulk].name = p.rules[0].name; });
  expect_caught("unknown effect", [&](Program& p) { p.rules[bulk].effect = static_cast<Effect>(5); });
}

TEST_F(VerifyDamage, OverridesAndBeatenBy) {
  const std::uint32_t unlawful = rule("sharing.unlawful"), school = rule("sharing.urgent_school"),
                      block = rule("sharing.school_block"), crowd = rule("housing_rules.crowd"),
                      bulk = rule("sharing.bulk");
  ASSERT_EQ(base_.rules[unlawful].beaten_by, (std::vector<std::uint32_t>{school, block}));
  expect_caught("of another policy", [&](Program& p) { p.rules[crowd].overrides = {bulk}; });
  expect_caught("overrides itself", [&](Program& p) { p.rules[bulk].overrides = {bulk}; });
  expect_caught("has a cycle", [&](Program& p) {
    p.rules[unlawful].overrides = {block};
    p.rules[block].beaten_by = {unlawful, school};
  });
  // The closure: a transitive winner left out, a direct one left out, one added.
  expect_caught("beats rule 'sharing.urgent_school', which overrides rule 'sharing.unlawful'",
                [&](Program& p) { p.rules[unlawful].beaten_by = {school}; });
  expect_caught("overrides rule 'sharing.unlawful' but is not in its beaten_by list",
                [&](Program& p) { p.rules[unlawful].beaten_by = {block}; });
  expect_caught("does not override it", [&](Program& p) { p.rules[bulk].beaten_by = {school}; });
  expect_caught("of another policy", [&](Program& p) { p.rules[bulk].beaten_by = {crowd}; });
}

TEST_F(VerifyDamage, Scenarios) {
  expect_caught("values and", [](Program& p) { p.scenarios[0].facts.values.pop_back(); });
  expect_caught("known flags", [](Program& p) { p.scenarios[0].facts.known.push_back(0); });
  expect_caught("known flag 2", [](Program& p) { p.scenarios[0].facts.known[3] = 2; });
  expect_caught("not one of type", [&](Program& p) { p.scenarios[0].facts.values[p.find_fact("people")] = 1'001; });
  expect_caught("not one of type", [&](Program& p) { p.scenarios[0].facts.values[p.find_fact("basis")] = 3; });
  expect_caught("not one of type", [&](Program& p) { p.scenarios[0].facts.values[p.find_fact("urgent")] = -1; });
  expect_caught("not one of type", [&](Program& p) { p.scenarios[0].facts.values[p.find_fact("categories")] = 8; });
  expect_caught("not one of type", [](Program& p) { p.scenarios[0].facts.values[kFactTo] = 3; });
  expect_caught("expects obligation 2", [](Program& p) { p.scenarios[0].expect->obligations.push_back(2); });
  expect_caught("expects missing fact 6", [](Program& p) { p.scenarios[1].expect->missing.push_back(6); });
  expect_caught("unknown expected outcome", [](Program& p) { p.scenarios[1].expect->outcome = static_cast<Outcome>(4); });
}

// Names as the compiler makes them; a crafted name cannot put control characters on a
// terminal through a problem's message, nor make it endless.
TEST_F(VerifyDamage, NamesArePrintable) {
  expect_caught("fact 3: its name '' is empty", [](Program& p) { p.facts[3].name.clear(); });
  expect_caught("its name 'a\\x1b[31mb' is empty or has control characters",
                [](Program& p) { p.facts[3].name = "a\x1b[31mb"; });
  expect_caught("condition 0: its name", [](Program& p) { p.conditions[0].name = "\n"; });
  expect_caught("obligation 0: its name", [](Program& p) { p.obligations[0].name = "\x7f"; });
  expect_caught("policy 1: its name", [](Program& p) { p.policies[1].name.clear(); });
  expect_caught("rule 'sharing.\\x00': its name", [](Program& p) { p.rules[1].name = std::string(1, '\0'); });
  expect_caught("value '' is empty", [](Program& p) { p.types[p.sector_type].values[0].clear(); });
  expect_caught("type 0: its name", [](Program& p) { p.types[0].name = "\t"; });
  Program p = base_;
  p.facts[3].name = std::string(10'000, 'x');
  p.facts[4].name = p.facts[3].name;
  const std::vector<std::string> problems = verify(p);
  ASSERT_FALSE(problems.empty());
  EXPECT_LE(problems[0].size(), 403u);
  EXPECT_EQ(problems[0].substr(problems[0].size() - 3), "...");
}

TEST_F(VerifyDamage, StopsAtTheLimit) {
  Program p = base_;
  for (Node& n : p.nodes) n.type = decltype(n.type)(5'000);
  EXPECT_EQ(verify(p, 5).size(), 5u);
  EXPECT_EQ(verify(p, 0).size(), 1u);
}

// Random damage to the numbers of a program: verify never crashes, and whatever it
// accepts the runtime evaluates and renders (the sanitizer builds watch the reads).
TEST(Verify, RandomDamageIsCaughtOrHarmless) {
  Compilation c = test::compile_ok(kRich);
  ASSERT_TRUE(c.program);
  std::mt19937 rng(20'260'101);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % std::max<std::size_t>(n, 1)); };
  auto small = [&]() -> std::uint32_t {
    switch (rng() % 4) {
      case 0: return kNone;
      case 1: return static_cast<std::uint32_t>(rng() % 64);
      default: return static_cast<std::uint32_t>(rng() % 16);
    }
  };
  int accepted = 0;
  for (int round = 0; round < 4'000; ++round) {
    Program p = *c.program;
    for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) {
      switch (rng() % 12) {
        case 0: { Node& n = p.nodes[pick(p.nodes.size())]; n.a = small(); break; }
        case 1: { Node& n = p.nodes[pick(p.nodes.size())]; n.b = small(); break; }
        case 2: { Node& n = p.nodes[pick(p.nodes.size())]; n.type = decltype(n.type)(small()); break; }
        case 3: { Node& n = p.nodes[pick(p.nodes.size())]; n.imm = static_cast<std::int64_t>(rng()) - (1 << 30); break; }
        case 4: { Node& n = p.nodes[pick(p.nodes.size())]; n.op = static_cast<Op>(rng() % 19); break; }
        case 5: p.operands[pick(p.operands.size())] = small(); break;
        case 6: { Rule& r = p.rules[pick(p.rules.size())]; (rng() % 2 ? r.when : r.unless) = NodeId(small()); break; }
        case 7: { Rule& r = p.rules[pick(p.rules.size())]; r.beaten_by.push_back(small()); break; }
        case 8: { Rule& r = p.rules[pick(p.rules.size())]; r.overrides = {small()}; break; }
        case 9: {
          Policy& pol = p.policies[pick(p.policies.size())];
          if (rng() % 2) {
            pol.first_rule = RuleId(small());
          } else {
            pol.rule_count = small();
          }
          break;
        }
        case 10: p.facts[pick(p.facts.size())].type = decltype(p.facts[pick(p.facts.size())].type)(small()); break;
        default: { Rule& r = p.rules[pick(p.rules.size())]; r.facts.push_back(small()); break; }
      }
    }
    if (!verify(p).empty()) continue;
    ++accepted;
    p.index();
    Evaluation ev(make_plan(std::shared_ptr<const Program>(&p, [](const Program*) {})));
    Scenario s;
    s.reset(p.facts.size());
    Result r = ev.evaluate(s, EvaluateOptions{.keep_values = true});
    Trace trace = build_trace(p, s, r);
    RenderContext context{p, s, r, &trace, "damaged", "2026-01-01T00:00:00Z"};
    EXPECT_FALSE(render_result_json(context).empty());
    EXPECT_FALSE(render_result_text(context).empty());
  }
  // Some damage is harmless (a node's unused field, a fact list that merely grows).
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 4'000);
}

}  // namespace
}  // namespace proviso
