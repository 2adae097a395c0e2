// The two walks of the scenario reader held to each other (scenario/scenario_walks.hpp):
// the fast walk decides alone whenever it accepts, so a slip in it (or in the
// diagnosing walk, which runs only after a refusal) shows only when both run on the
// same input. Boundary values of every type, then generated documents with faults.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

#include "proviso/compiler/compile.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "reference/bundle_model.hpp"
#include "runtime/scenario_walks_check.hpp"

namespace proviso {
namespace {

using runtime::internal::Reading;
using runtime::internal::read_three_ways;

std::string disagreement(const Program& p, std::string_view json) { return runtime::internal::walks_disagree(p, json); }

constexpr const char* kBoundaries = R"(sectors { health, housing, education }
type wide = enum { x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19,
  x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30, x31, x32, x33, x34, x35, x36, x37, x38, x39, x40, x41,
  x42, x43, x44, x45, x46, x47, x48, x49, x50, x51, x52, x53, x54, x55, x56, x57, x58, x59, x60, x61, x62, x63 }
fact n: int (-50 .. 1_000)
fact one: int (7 .. 7)
fact any: int
fact e: enum { first_value, middle, last_value }
fact s: set of wide
fact b: bool
policy p {
  rule r: share when b
}
)";

class ScenarioBoundaries : public ::testing::Test {
 protected:
  void SetUp() override {
    Compilation c = compile_text("boundaries.proviso", kBoundaries);
    ASSERT_TRUE(c.program) << "the boundary bundle does not compile";
    program_ = std::move(c.program);
  }
  static std::string doc(const std::string& facts) {
    return R"({"from": "health", "to": "housing", "facts": {)" + facts + "}}";
  }
  // Accepted by every walk, with this value for `fact`.
  void accepts(const std::string& facts, const char* fact, std::int64_t want) {
    const std::string json = doc(facts);
    EXPECT_EQ(disagreement(*program_, json), "") << json;
    const Reading r = read_three_ways(*program_, json);
    ASSERT_TRUE(r.fast && r.diagnosing && r.read) << json << ": " << r.read_error.message;
    const std::uint32_t f = program_->find_fact(fact);
    EXPECT_TRUE(r.read_out.known[f]) << json;
    EXPECT_EQ(r.read_out.values[f], want) << json;
  }
  // Refused by both walks, with a bad-scenario message naming the fact.
  void refuses(const std::string& facts, const char* fact, const char* says = "") {
    const std::string json = doc(facts);
    EXPECT_EQ(disagreement(*program_, json), "") << json;
    const Reading r = read_three_ways(*program_, json);
    EXPECT_FALSE(r.fast) << json;
    EXPECT_FALSE(r.diagnosing) << json;
    EXPECT_FALSE(r.read) << json;
    EXPECT_EQ(r.read_error.code, Code::bad_scenario) << json;
    EXPECT_NE(r.read_error.message.find(std::string("'") + fact + "'"), std::string::npos) << r.read_error.message;
    EXPECT_NE(r.read_error.message.find(says), std::string::npos) << r.read_error.message;
  }
  std::unique_ptr<Program> program_;
};

TEST_F(ScenarioBoundaries, IntegersAtAndPastTheirBounds) {
  accepts(R"("n": -50)", "n", -50);
  accepts(R"("n": 1000)", "n", 1000);
  refuses(R"("n": -51)", "n", "an int in -50 .. 1000; got -51");
  refuses(R"("n": 1001)", "n", "got 1001");
  accepts(R"("one": 7)", "one", 7);
  refuses(R"("one": 6)", "one", "got 6");
  refuses(R"("one": 8)", "one", "got 8");
  accepts(R"("any": -9223372036854775808)", "any", INT64_MIN);
  accepts(R"("any": 9223372036854775807)", "any", INT64_MAX);
  refuses(R"("any": 9223372036854775808)", "any", "does not fit in 64 bits");
  refuses(R"("any": -9223372036854775809)", "any", "does not fit in 64 bits");
}

TEST_F(ScenarioBoundaries, IntegersWrittenAsOtherNumbers) {
  accepts(R"("n": -0)", "n", 0);  // an integer token: minus zero is zero
  refuses(R"("n": 1.0)", "n", "got 1.0");
  refuses(R"("n": 1e2)", "n", "got 1e2");
  refuses(R"("n": 1E2)", "n", "got 1E2");
  refuses(R"("n": -0.0)", "n", "got -0.0");
  refuses(R"("n": "5")", "n", "got \"5\"");
  refuses(R"("n": true)", "n", "got true");
}

TEST_F(ScenarioBoundaries, FirstAndLastEnumValues) {
  accepts(R"("e": "first_value")", "e", 0);
  accepts(R"("e": "last_value")", "e", 2);
  refuses(R"("e": "last_valu")", "e", "got \"last_valu\"");
  refuses(R"("e": "First_value")", "e", "got \"First_value\"");
}

TEST_F(ScenarioBoundaries, SetMembersUpToTheSixtyFourth) {
  accepts(R"("s": [])", "s", 0);
  accepts(R"("s": ["x0"])", "s", 1);
  accepts(R"("s": ["x63"])", "s", static_cast<std::int64_t>(std::uint64_t{1} << 63));  // the 64th member
  std::string all, all_and_again;
  for (int i = 0; i < 64; ++i) all += (i ? ", \"x" : "\"x") + std::to_string(i) + "\"";
  accepts(R"("s": [)" + all + "]", "s", -1);  // all 64 bits
  all_and_again = all + ", \"x63\"";          // a 65th member can only repeat one
  refuses(R"("s": [)" + all_and_again + "]", "s", "lists 'x63' twice");
  refuses(R"("s": ["x64"])", "s", "got \"x64\" in the list");
  refuses(R"("s": ["x1", 1])", "s", "got 1 in the list");
}

TEST_F(ScenarioBoundaries, SectorsFirstAndLast) {
  const std::string first = R"({"from": "health", "to": "education"})";
  const std::string last = R"({"from": "education", "to": "health"})";
  for (const std::string& json : {first, last}) {
    EXPECT_EQ(disagreement(*program_, json), "") << json;
    EXPECT_TRUE(read_three_ways(*program_, json).fast) << json;
  }
  EXPECT_EQ(disagreement(*program_, R"({"from": "health", "to": "schools"})"), "");
  EXPECT_FALSE(read_three_ways(*program_, R"({"from": "health", "to": "schools"})").read);
}

// --- generated documents ---

class JsonWriter {
 public:
  JsonWriter(const model::Bundle& b, std::mt19937_64& rng) : b_(b), rng_(rng) {}

  // A document for `facts`, some of it faulty when `faults` is set.
  std::string document(const model::Facts& facts, bool faults) {
    std::string out = "{";
    bool first = true;
    auto key = [&](const std::string& k) {
      out += (first ? "" : ", ") + quote(k) + ": ";
      first = false;
    };
    for (std::uint32_t f = 0; f < 2; ++f) {
      if (!facts[f] && !(faults && chance(10))) continue;
      key(b_.facts[f].name);
      out += facts[f] ? value(f, *facts[f], faults) : quote("nowhere");
    }
    key("facts");
    out += "{";
    first = true;
    for (std::uint32_t f = 2; f < facts.size(); ++f) {
      if (!facts[f]) continue;
      const std::string& name = b_.facts[f].name;
      const std::size_t dot = name.find('.');
      if (dot != std::string::npos && chance(50)) {
        key(name.substr(0, dot));  // nested: {"grp0": {"b1": true}}
        out += "{" + quote(name.substr(dot + 1)) + ": " + value(f, *facts[f], faults) + "}";
      } else {
        key(name);
        out += value(f, *facts[f], faults);
      }
      if (faults && chance(3)) {
        key(name);  // given twice
        out += value(f, *facts[f], false);
      }
    }
    if (faults && chance(5)) {
      key("not_a_fact");
      out += "true";
    }
    out += "}";
    if (faults && chance(3)) out += R"(, "facts": {})";
    out += "}";
    if (faults && chance(5)) out += chance(50) ? " x" : " {}";
    if (faults && chance(10)) {
      // Damage: a byte changed, or the text cut short.
      const std::size_t at = below(out.size());
      if (chance(50)) {
        out[at] = static_cast<char>(" ,:{}[]\"0-e.\\"[below(13)]);
      } else {
        out.resize(at);
      }
    }
    return out;
  }

 private:
  bool chance(std::uint32_t percent) { return below(100) < percent; }
  std::size_t below(std::size_t n) { return n <= 1 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  static std::string quote(const std::string& s) { return "\"" + s + "\""; }

  std::string value(std::uint32_t fact, std::int64_t v, bool faults) {
    const model::FactDecl& f = b_.facts[fact];
    const auto& values = b_.enums[f.enum_type].values;
    if (faults && chance(15)) {
      switch (f.kind) {
        case model::Kind::integer:
          switch (below(8)) {
            case 0: return f.lo == INT64_MIN ? "-9223372036854775809" : std::to_string(f.lo - 1);
            case 1: return f.hi == INT64_MAX ? "9223372036854775808" : std::to_string(f.hi + 1);
            case 2: return std::to_string(v) + ".0";
            case 3: return "1e2";
            case 4: return "-0";
            case 5: return quote(std::to_string(v));
            case 6: return "null";
            default: return std::to_string(f.lo == INT64_MIN ? v : f.lo);
          }
        case model::Kind::boolean: return below(2) ? "1" : quote("true");
        case model::Kind::enumeration:
          return below(2) ? quote(values.back() + "x") : std::to_string(below(values.size()));
        case model::Kind::set: {
          switch (below(4)) {
            case 0: return "[" + quote(values[0]) + ", " + quote(values[0]) + "]";
            case 1: return "[" + quote("nothing") + "]";
            case 2: return quote(values[0]);
            default: return "[1]";
          }
        }
      }
    }
    switch (f.kind) {
      case model::Kind::boolean: return v ? "true" : "false";
      case model::Kind::integer: return std::to_string(v);
      case model::Kind::enumeration: return quote(values[static_cast<std::size_t>(v)]);
      case model::Kind::set: {
        std::string s = "[";
        bool first = true;
        for (std::size_t i = 0; i < values.size(); ++i) {
          if ((static_cast<std::uint64_t>(v) >> i) & 1u) {
            s += (first ? "" : ", ") + quote(values[i]);
            first = false;
          }
        }
        return s + "]";
      }
    }
    return "null";
  }

  const model::Bundle& b_;
  std::mt19937_64& rng_;
};

// PROVISO_SEED and PROVISO_SCALE as in independent_differential_test.cpp.
TEST(ScenarioWalks, AgreeOnGeneratedDocuments) {
  const char* seed_text = std::getenv("PROVISO_SEED");
  const char* scale_text = std::getenv("PROVISO_SCALE");
  const std::uint64_t first = (seed_text && *seed_text ? std::strtoull(seed_text, nullptr, 10) : 1) * 1'000'003;
  const double scale = scale_text && *scale_text && std::strtod(scale_text, nullptr) > 0 ? std::strtod(scale_text, nullptr) : 1;
  const int bundles = static_cast<int>(300 * scale);
  int accepted = 0, refused = 0, documents = 0;
  for (std::uint64_t seed = first; seed < first + static_cast<std::uint64_t>(bundles); ++seed) {
    model::Generator gen(seed);
    const model::Bundle b = gen.bundle();
    Compilation c = compile_text("generated.proviso", model::print(b));
    ASSERT_TRUE(c.program) << model::print(b);
    std::mt19937_64 rng(seed);
    JsonWriter writer(b, rng);
    for (int k = 0; k < 40; ++k) {
      const model::Facts facts = gen.scenario(b, 70);
      const std::string json = writer.document(facts, k % 2 == 1);
      ++documents;
      const std::string d = disagreement(*c.program, json);
      ASSERT_EQ(d, "") << "seed " << seed << ", document " << k << ":\n" << json << "\n" << model::print(b);
      ScenarioReader reader(*c.program);
      Scenario s;
      Diagnostic e;
      (reader.read(json, s, e) ? accepted : refused)++;
    }
  }
  EXPECT_EQ(documents, bundles * 40);
  EXPECT_GT(accepted, documents / 3);
  EXPECT_GT(refused, documents / 5);
}

}  // namespace
}  // namespace proviso
