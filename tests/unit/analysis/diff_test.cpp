// proviso diff on hand-made versions: facts added, enum values added, kinds and bounds
// changed, sectors added. Every witness must be a scenario each version accepts, and
// must show the change when each version's runtime evaluates it.
#include <gtest/gtest.h>

#include "proviso/analysis/diff.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "support/test_support.hpp"

namespace proviso::test {
namespace {

struct Versions {
  Compilation old_c, new_c;
  DiffResult r;
};

Versions diff_texts(const std::string& old_text, const std::string& new_text) {
  Versions v{compile_ok(old_text), compile_ok(new_text), {}};
  if (v.old_c.program && v.new_c.program) v.r = diff_programs(*v.old_c.program, *v.new_c.program);
  return v;
}

Result run(const Program& p, const std::string& json) {
  ScenarioReader reader(p);
  Scenario s;
  Diagnostic error;
  EXPECT_TRUE(reader.read(json, s, error)) << error.message << " in " << json;
  return Evaluation(make_plan(p)).evaluate(s);
}

void expect_replays(const Versions& v) {
  for (const DecisionChange& c : v.r.changes) {
    EXPECT_EQ(run(*v.old_c.program, c.old_witness_json).decision, c.from) << c.old_witness_json;
    EXPECT_EQ(run(*v.new_c.program, c.new_witness_json).decision, c.to) << c.new_witness_json;
  }
}

std::vector<std::string> kinds(const DiffResult& r) {
  std::vector<std::string> out;
  for (const DecisionChange& c : r.changes) {
    out.push_back(std::string(to_string(c.from)) + "->" + std::string(to_string(c.to)) + " " + std::string(to_string(c.kind)));
  }
  return out;
}

const char* kOld = R"(
sectors { health, housing }
type purpose_kind = enum { care, research }
fact purpose: purpose_kind "Why?"
fact age: int (0 .. 120) "Age?"
obligation pseudonymise "Pseudonymise first"
policy p {
  sector health
  rule care: share when purpose == care and age >= 18
  rule research: share when purpose == research require pseudonymise
}
)";

TEST(Diff, ThresholdNewFactNewValueAndObligation) {
  Versions v = diff_texts(kOld, R"(
sectors { health, housing }
type purpose_kind = enum { care, research, audit }
fact purpose: purpose_kind "Why?"
fact age: int (0 .. 120) "Age?"
fact consent: bool "Consent?"
obligation pseudonymise "Pseudonymise first"
obligation dpia "Impact assessment"
policy p {
  sector health
  rule care: share when purpose == care and age >= 21
  rule research: share when purpose == research and consent require pseudonymise, dpia
  rule audit: refer when purpose == audit
}
)");
  EXPECT_EQ(kinds(v.r), (std::vector<std::string>{"share->deny decision", "share->share obligations-added"}));
  EXPECT_TRUE(v.r.inconclusive.empty());
  ASSERT_EQ(v.r.changes.size(), 2u);
  // The new value `audit` cannot be in a witness: the old version would reject it.
  for (const auto& c : v.r.changes) EXPECT_EQ(c.new_witness_json.find("audit"), std::string::npos);
  const DecisionChange& obligations = v.r.changes[1];
  EXPECT_EQ(obligations.obligations_added, std::vector<std::string>{"dpia"});
  EXPECT_EQ(obligations.old_outcome.rules, std::vector<std::string>{"p.research"});
  EXPECT_EQ(obligations.new_outcome.obligations, (std::vector<std::string>{"dpia", "pseudonymise"}));
  EXPECT_EQ(v.r.notes, (std::vector<std::string>{
                           "value `audit` of `purpose` is only in the new version: scenarios using it are not compared",
                           "fact `consent` is only in the new version"}));
  expect_replays(v);
}

TEST(Diff, IdenticalBundlesDoNotChange) {
  Versions v = diff_texts(kOld, kOld);
  EXPECT_TRUE(v.r.changes.empty());
  EXPECT_TRUE(v.r.notes.empty());
  EXPECT_EQ(render_diff_text(v.r, "a", "b"), "no decision changes from a to b\n");
}

TEST(Diff, ChangedKindAndBoundsAndAddedSector) {
  Versions v = diff_texts(R"(
sectors { health, housing }
fact consent: bool "Consent?"
fact age: int (0 .. 120) "Age?"
policy p {
  rule yes: share when consent and age < 100
}
)", R"(
sectors { health, housing, welfare }
type consent_kind = enum { explicit, implied, none }
fact consent: consent_kind "Consent?"
fact age: int (0 .. 150) "Age?"
policy p {
  rule yes: share when consent == explicit
  rule welfare_flows: refer when to == welfare
  rule old: deny when age > 110
}
)");
  EXPECT_TRUE(v.r.inconclusive.empty());
  ASSERT_FALSE(v.r.changes.empty());
  for (const DecisionChange& c : v.r.changes) {
    // Each version reads its own witness: `consent` is a bool in one, an enum in the other.
    EXPECT_NE(c.old_witness_json, c.new_witness_json);
    EXPECT_EQ(c.new_witness_json.find("welfare"), std::string::npos) << c.new_witness_json;
  }
  expect_replays(v);
  EXPECT_EQ(v.r.notes, (std::vector<std::string>{
                           "sector `welfare` is only in the new version: flows from or to it are not compared",
                           "fact `consent` changed kind: its old and new values are independent",
                           "fact `age` changed bounds: only values inside both are compared"}));
}

TEST(Diff, JsonShape) {
  Versions v = diff_texts(kOld, R"(
sectors { health, housing }
type purpose_kind = enum { care, research }
fact purpose: purpose_kind "Why?"
fact age: int (0 .. 120) "Age?"
obligation pseudonymise "Pseudonymise first"
policy p {
  sector health
  rule care: share when purpose == care and age >= 18
  rule research: deny when purpose == research
}
)");
  ASSERT_EQ(v.r.changes.size(), 1u);
  std::string json = render_diff_json(v.r);
  EXPECT_NE(json.find("\"changed\": true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"kind\": \"decision\", \"from\": \"share\", \"to\": \"deny\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"old\": {\"decision\": \"share\", \"no_covering_policy\": false, \"rules\": [\"p.research\"]"),
            std::string::npos) << json;
  EXPECT_NE(json.find("\"new\": {\"decision\": \"deny\", \"no_covering_policy\": false, \"rules\": [\"p.research\"]"),
            std::string::npos) << json;
}

}  // namespace
}  // namespace proviso::test
