// Scenario JSON: the contract's shape, strict validation with messages naming the fact,
// error placement, limits, and the writer's round trip.
#include <gtest/gtest.h>

#include <random>

#include "proviso/runtime/scenario_json.hpp"
#include "support/program_builder.hpp"

namespace proviso {
namespace {

struct Bundle {
  Program p;
  std::uint32_t consent, purpose, measurable, helped, categories, count, opted_out;
  Bundle() {
    test::ProgramBuilder b;
    auto basis = b.enum_type("consent_basis", {"explicit", "implied", "none"});
    auto purposes = b.enum_type("purpose_kind", {"direct_care", "research", "prevent_homelessness"});
    auto category = b.enum_type("data_category", {"health", "contact", "location"});
    consent = b.fact("consent", basis, "What consent is in place?");
    purpose = b.fact("purpose", purposes);
    measurable = b.fact("benefit.measurable", b.bool_type(), "Can the benefit be measured?");
    helped = b.fact("benefit.people_helped", b.int_type("people", 0, 100));
    categories = b.fact("data.categories", b.set_type(category));
    count = b.fact("count", b.int_type());
    opted_out = b.fact("national_opt_out", b.bool_type());
    p = b.build();
  }
};

struct Read {
  bool ok;
  Scenario s;
  Diagnostic error;
};

Read read(const Program& p, std::string_view json, std::uint32_t line = 0, ScenarioLimits limits = {}) {
  ScenarioReader reader(p, limits);
  Read r;
  r.ok = reader.read(json, r.s, r.error, "in.json", line);
  return r;
}

constexpr const char* kFlow = R"("from": "health", "to": "housing")";

std::string doc(const std::string& facts) { return std::string("{") + kFlow + R"(, "facts": )" + facts + "}"; }

TEST(ScenarioJson, ReadsTheContractShape) {
  Bundle b;
  Read r = read(b.p, doc(R"({"purpose": "prevent_homelessness", "consent": "implied",
      "benefit": {"measurable": true, "people_helped": 42}, "data.categories": ["health", "contact"],
      "count": -9000000000})"));
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(r.s.values[kFactFrom], 0);
  EXPECT_EQ(r.s.values[kFactTo], 1);
  EXPECT_EQ(r.s.values[b.purpose], 2);
  EXPECT_EQ(r.s.values[b.consent], 1);
  EXPECT_EQ(r.s.values[b.measurable], 1);
  EXPECT_EQ(r.s.values[b.helped], 42);
  EXPECT_EQ(r.s.values[b.categories], 0b011);
  EXPECT_EQ(r.s.values[b.count], -9000000000);
  EXPECT_FALSE(r.s.known[b.opted_out]);  // absent: unknown
}

TEST(ScenarioJson, NestedObjectsEqualDottedPaths) {
  Bundle b;
  Read nested = read(b.p, doc(R"({"benefit": {"measurable": false}, "data": {"categories": []}})"));
  Read dotted = read(b.p, doc(R"({"benefit.measurable": false, "data.categories": []})"));
  ASSERT_TRUE(nested.ok) << nested.error.message;
  ASSERT_TRUE(dotted.ok) << dotted.error.message;
  EXPECT_EQ(nested.s.values, dotted.s.values);
  EXPECT_EQ(nested.s.known, dotted.s.known);
  EXPECT_TRUE(nested.s.known[b.categories]);
}

TEST(ScenarioJson, RoundTripsThroughTheWriter) {
  Bundle b;
  Read r = read(b.p, doc(R"({"consent": "none", "benefit.people_helped": 0,
                            "data.categories": ["location", "health"], "national_opt_out": true})"));
  ASSERT_TRUE(r.ok) << r.error.message;
  const std::string json = scenario_to_json(b.p, r.s);
  EXPECT_EQ(json,
            R"({"from":"health","to":"housing","facts":{"consent":"none","benefit.people_helped":0,)"
            R"("data.categories":["health","location"],"national_opt_out":true}})");
  Read again = read(b.p, json);
  ASSERT_TRUE(again.ok) << again.error.message;
  EXPECT_EQ(again.s.values, r.s.values);
  EXPECT_EQ(again.s.known, r.s.known);
}

TEST(ScenarioJson, WriterLeavesOutUnknownFacts) {
  Bundle b;
  Scenario s;
  s.reset(b.p.facts.size());
  s.set(b.measurable, 0);
  EXPECT_EQ(scenario_to_json(b.p, s), R"({"facts":{"benefit.measurable":false}})");
}

struct Bad {
  const char* name;
  std::string json;
  Code code;
  std::string message;
};

TEST(ScenarioJson, RejectsWithAMessageNamingTheProblem) {
  Bundle b;
  const std::string huge_string(5000, 'x');
  const Bad cases[] = {
      {"unknown top-level key", R"({"from": "health", "to": "housing", "fact": {}})", Code::bad_scenario,
       "unknown key 'fact' in a scenario; expected 'from', 'to', 'on', 'id' and 'facts'; did you mean 'facts'?"},
      {"unknown fact", doc(R"({"benefit.mesurable": true})"), Code::bad_scenario,
       "unknown fact 'benefit.mesurable'; did you mean 'benefit.measurable'?"},
      {"unknown fact, nothing close", doc(R"({"weather": "rain"})"), Code::bad_scenario, "unknown fact 'weather'"},
      {"unknown nested prefix", doc(R"({"benifit": {"measurable": true}})"), Code::bad_scenario,
       "unknown fact 'benifit'"},
      {"unknown nested fact", doc(R"({"benefit": {"measureable": true}})"), Code::bad_scenario,
       "unknown fact 'benefit.measureable'; did you mean 'benefit.measurable'?"},
      {"wrong type for an enum", doc(R"({"consent": 42})"), Code::bad_scenario,
       "fact 'consent' expects one of explicit, implied, none; got 42"},
      {"enum value not in its type", doc(R"({"consent": "maybe"})"), Code::bad_scenario,
       "fact 'consent' expects one of explicit, implied, none; got \"maybe\""},
      {"wrong type for a bool", doc(R"({"national_opt_out": "yes"})"), Code::bad_scenario,
       "fact 'national_opt_out' expects true or false; got \"yes\""},
      {"null is not a value", doc(R"({"national_opt_out": null})"), Code::bad_scenario,
       "fact 'national_opt_out' expects true or false; got null"},
      {"int out of bounds", doc(R"({"benefit.people_helped": 101})"), Code::bad_scenario,
       "fact 'benefit.people_helped' expects an int in 0 .. 100; got 101"},
      {"int below bounds", doc(R"({"benefit": {"people_helped": -1}})"), Code::bad_scenario,
       "fact 'benefit.people_helped' expects an int in 0 .. 100; got -1"},
      {"not an integer", doc(R"({"count": 1.5})"), Code::bad_scenario, "fact 'count' expects an int; got 1.5"},
      {"number too big", doc(R"({"count": 99999999999999999999})"), Code::bad_scenario,
       "fact 'count' expects an int; got 99999999999999999999, which does not fit in 64 bits"},
      {"object for a plain fact", doc(R"({"count": {"a": 1}})"), Code::bad_scenario,
       "fact 'count' expects an int; got an object"},
      {"set as a string", doc(R"({"data.categories": "health"})"), Code::bad_scenario,
       "fact 'data.categories' expects a list of values from health, contact, location; got \"health\""},
      {"set member not in its type", doc(R"({"data.categories": ["health", "genome"]})"), Code::bad_scenario,
       "fact 'data.categories' expects a list of values from health, contact, location; got \"genome\" in the list"},
      {"set member of a wrong type", doc(R"({"data.categories": [1]})"), Code::bad_scenario,
       "fact 'data.categories' expects a list of values from health, contact, location; got 1 in the list"},
      {"duplicate set member", doc(R"({"data.categories": ["contact", "contact"]})"), Code::bad_scenario,
       "fact 'data.categories' lists 'contact' twice"},
      {"duplicate key", doc(R"({"consent": "none", "consent": "none"})"), Code::bad_scenario,
       "fact 'consent' is given twice"},
      {"dotted key duplicating a nested one", doc(R"({"benefit": {"measurable": true}, "benefit.measurable": true})"),
       Code::bad_scenario, "fact 'benefit.measurable' is given twice"},
      {"nested object given twice", doc(R"({"benefit": {}, "benefit": {}})"), Code::bad_scenario,
       "'benefit' is given twice"},
      {"duplicate from", R"({"from": "health", "from": "housing", "to": "housing"})", Code::bad_scenario,
       "fact 'from' is given twice"},
      {"duplicate facts", R"({"from": "health", "to": "housing", "facts": {}, "facts": {}})", Code::bad_scenario,
       "'facts' is given twice"},
      {"unknown sector", R"({"from": "helth", "to": "housing"})", Code::bad_scenario,
       "unknown sector 'helth' for 'from'; expected one of health, housing, education; did you mean 'health'?"},
      {"sector of a wrong type", R"({"from": "health", "to": 3})", Code::bad_scenario,
       "'to' expects a sector, one of health, housing, education; got 3"},
      {"missing from", R"({"to": "housing", "facts": {}})", Code::bad_scenario,
       "the scenario is missing 'from', the sector that discloses the data"},
      {"missing to", R"({"from": "housing"})", Code::bad_scenario,
       "the scenario is missing 'to', the sector that receives the data"},
      {"facts not an object", R"({"from": "health", "to": "housing", "facts": [1]})", Code::bad_scenario,
       "'facts' expects an object of fact values; got a list"},
      {"not an object", R"(["from", "health"])", Code::bad_scenario,
       R"(a scenario is a JSON object {"from": ..., "to": ..., "facts": {...}})"},
      {"empty", "  ", Code::bad_scenario, "the scenario is empty; expected a JSON object"},
      {"trailing content", doc("{}") + "}", Code::bad_scenario, "unexpected content after the scenario object"},
      {"second object", doc("{}") + " {}", Code::bad_scenario, "unexpected content after the scenario object"},
      {"non-UTF-8 string", doc("{\"consent\": \"imp\xff\"}"), Code::bad_scenario, "the scenario is not valid UTF-8"},
      {"string too long", doc(R"({"consent": ")" + huge_string + "\"}"), Code::limit,
       "a string of 5000 bytes is longer than the limit of 4096 bytes"},
      {"key too long", doc(R"({")" + huge_string + "\": 1}"), Code::limit,
       "a string of 5000 bytes is longer than the limit of 4096 bytes"},
  };
  for (const Bad& c : cases) {
    Read r = read(b.p, c.json);
    EXPECT_FALSE(r.ok) << c.name;
    EXPECT_EQ(r.error.code, c.code) << c.name;
    EXPECT_EQ(r.error.message, c.message) << c.name;
    EXPECT_EQ(r.error.location.file, "in.json") << c.name;
    EXPECT_GE(r.error.location.line, 1u) << c.name;
  }
}

TEST(ScenarioJson, SyntaxErrorsAreBadScenarios) {
  Bundle b;
  for (const char* json : {R"({"from": "health",})", R"({"from" "health"})", R"({"from": "health")",
                           R"({"from": "health", "to": "housing", "facts": {"count": 01}})", "{\"a\": \"\\q\"}",
                           R"({"from": tru})", "x", "\x01\x02"}) {
    Read r = read(b.p, json);
    EXPECT_FALSE(r.ok) << json;
    EXPECT_EQ(r.error.code, Code::bad_scenario) << json;
    EXPECT_FALSE(r.error.message.empty()) << json;
  }
}

TEST(ScenarioJson, LimitsOnSizeAndDepth) {
  Bundle b;
  ScenarioLimits small;
  small.max_bytes = 64;
  const std::string big = doc(R"({"consent": "none", "national_opt_out": true})");
  Read r = read(b.p, big, 0, small);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, Code::limit);
  EXPECT_EQ(r.error.message, "the scenario is " + std::to_string(big.size()) + " bytes; the limit is 64 bytes");

  ScenarioLimits shallow;
  shallow.max_depth = 2;
  r = read(b.p, doc(R"({"benefit": {"measurable": true}})"), 0, shallow);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, Code::limit);
  EXPECT_EQ(r.error.message, "the scenario nests deeper than the limit of 2 levels");
  r = read(b.p, doc(R"({"data.categories": []})"), 0, shallow);
  EXPECT_EQ(r.error.code, Code::limit);
  r = read(b.p, doc(R"({"benefit.measurable": true})"), 0, shallow);
  EXPECT_TRUE(r.ok) << r.error.message;

  // Deep nesting under an unknown prefix is an unknown fact before it is deep.
  std::string deep = "1";
  for (int i = 0; i < 2000; ++i) deep = R"({"benefit": )" + deep + "}";
  r = read(b.p, doc(deep));
  EXPECT_FALSE(r.ok);
  std::string deep_list = "1";
  for (int i = 0; i < 2000; ++i) deep_list = "[" + deep_list + "]";
  r = read(b.p, doc(R"({"data.categories": )" + deep_list + "}"));
  EXPECT_FALSE(r.ok);
}

TEST(ScenarioJson, ErrorsArePlacedOnTheirLineAndColumn) {
  Bundle b;
  // A whole file: line and column come from the byte offset.
  const std::string file = "{\n  \"from\": \"health\",\n  \"to\": \"housing\",\n  \"facts\": {\"consent\": 7}\n}\n";
  Read r = read(b.p, file);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.location.line, 4u);
  EXPECT_EQ(r.error.location.column, 24u);  // the 7
  EXPECT_EQ(r.error.location.line_text, "  \"facts\": {\"consent\": 7}");

  // One line of a batch: the caller's line number, the column within the line.
  const std::string line = doc(R"({"nope": 1})");
  r = read(b.p, line, 17);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.location.line, 17u);
  EXPECT_EQ(r.error.location.column, line.find("\"nope\"") + 1);
  EXPECT_EQ(r.error.location.length, 6u);
}

// A file named by mistake (`--scenario .env`, a key file) is not JSON: the error may
// show the line only up to the offending character, never what follows it.
TEST(ScenarioJson, TextThatIsNotJsonIsNotQuotedPastTheOffendingCharacter) {
  Bundle b;
  for (std::string_view text : {"SECRET_KEY=abc123verysecret\nOTHER=1\n", "{\"from\": \"health\", s3cr3t-token here}",
                                "\xc3\xa9t\xc3\xa9 secret"}) {
    Read r = read(b.p, text);
    ASSERT_FALSE(r.ok) << text;
    EXPECT_EQ(r.error.location.line_text.find("secret"), std::string::npos) << r.error.location.line_text;
    EXPECT_EQ(r.error.location.line_text.find("cr3t"), std::string::npos) << r.error.location.line_text;
    EXPECT_EQ(r.error.location.line_text.size(), r.error.location.column - 1 + r.error.location.length)
        << r.error.location.line_text;
  }
}

TEST(ScenarioJson, AReaderIsReusableAfterAnError) {
  Bundle b;
  ScenarioReader reader(b.p);
  Scenario s;
  Diagnostic error;
  EXPECT_FALSE(reader.read(doc(R"({"consent": "none", "consent": "none"})"), s, error));
  // The marks of the failed document must not leak into the next one.
  EXPECT_TRUE(reader.read(doc(R"({"consent": "none"})"), s, error)) << error.message;
  EXPECT_TRUE(reader.read(doc(R"({"consent": "implied"})"), s, error)) << error.message;
  EXPECT_EQ(s.values[b.consent], 1);
  EXPECT_FALSE(reader.read("{\"from\": \"health\",", s, error));
  EXPECT_TRUE(reader.read(doc("{}"), s, error)) << error.message;
  EXPECT_FALSE(s.known[b.consent]);  // a new document starts from nothing
}

TEST(ScenarioJson, NeverCrashesOnMangledInput) {
  Bundle b;
  const std::string base = doc(R"({"purpose": "research", "consent": "implied",
      "benefit": {"measurable": true, "people_helped": 42}, "data.categories": ["health", "contact"]})");
  ScenarioReader reader(b.p);
  Scenario s;
  Diagnostic error;
  std::mt19937 rng(12345);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string m = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % m.size();
      switch (rng() % 4) {
        case 0: m[at] = static_cast<char>(rng() % 256); break;
        case 1: m.erase(at, 1 + rng() % 8); break;
        case 2: m.insert(at, 1, "{}[]\":,\\ \x80"[rng() % 11]); break;
        default: m = m.substr(0, at); break;
      }
      if (m.empty()) m = "{";
    }
    accepted += reader.read(m, s, error) ? 1 : 0;
  }
  EXPECT_TRUE(reader.read(base, s, error)) << error.message;
  EXPECT_LT(accepted, 20000);
}

}  // namespace
}  // namespace proviso
