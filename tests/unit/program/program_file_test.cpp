// The program file: what is read back behaves exactly like what was written (every
// workload the tests make, on many scenarios, down to the rendered JSON with its trace),
// writing is deterministic, and every kind of damage is a clear error.
#include "proviso/program/program_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <sstream>

#include "program/workloads.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/base/sha256.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"
#include "support/test_support.hpp"

namespace proviso {
namespace {

// Every field of a program as text: a field the file forgot in both directions would
// come back empty, and show here, though the bytes of a rewrite would agree.
std::string dump(const Program& p) {
  std::ostringstream out;
  auto place = [&](const SourcePlace& s) { out << " @" << s.file << ':' << s.line << ':' << s.column; };
  auto ids = [&](const std::vector<std::uint32_t>& v) {
    out << " [";
    for (std::uint32_t x : v) out << x << ' ';
    out << ']';
  };
  auto cites = [&](const std::vector<Citation>& v) {
    for (const Citation& c : v) out << " cite(" << c.ref << '|' << c.text << ')';
  };
  out << "sector " << p.sector_type << " bool " << p.bool_type << " int " << p.int_type << " version " << p.version << '\n';
  for (const Type& t : p.types) {
    out << "type " << static_cast<int>(t.kind) << ' ' << t.name << ' ' << t.lo << ' ' << t.hi << ' ' << t.element;
    for (const std::string& v : t.values) out << ' ' << v;
    out << '\n';
  }
  for (const Fact& f : p.facts) {
    out << "fact " << f.name << ' ' << f.type << ' ' << f.question;
    cites(f.cites);
    place(f.place);
    out << '\n';
  }
  for (const Node& n : p.nodes) {
    out << "node " << static_cast<int>(n.op) << ' ' << n.a << ' ' << n.b << ' ' << n.imm << ' ' << n.type << ' '
        << n.label << ' ' << n.text << '\n';
  }
  ids(p.operands);
  out << '\n';
  for (const ConditionInfo& c : p.conditions) {
    out << "condition " << c.name << ' ' << c.text << ' ' << c.node;
    cites(c.cites);
    place(c.place);
    out << '\n';
  }
  for (const Obligation& o : p.obligations) out << "obligation " << o.name << ' ' << o.text << '\n';
  for (const Rule& r : p.rules) {
    out << "rule " << r.name << ' ' << r.policy << ' ' << static_cast<int>(r.effect) << ' ' << r.when << ' ' << r.unless
        << ' ' << r.because << ' ' << r.defers;
    ids(r.requires_);
    ids(r.overrides);
    ids(r.beaten_by);
    ids(r.facts);
    cites(r.cites);
    place(r.place);
    out << '\n';
  }
  for (const Policy& pol : p.policies) {
    out << "policy " << pol.name << ' ' << pol.sector << ' ' << static_cast<int>(pol.default_effect) << ' '
        << static_cast<int>(pol.combine) << ' ' << pol.first_rule << ' ' << pol.rule_count << ' ' << pol.defers;
    place(pol.place);
    out << '\n';
  }
  for (const NamedScenario& s : p.scenarios) {
    out << "scenario " << s.title;
    for (std::size_t f = 0; f < s.facts.values.size(); ++f) out << ' ' << s.facts.values[f];
    for (std::uint8_t k : s.facts.known) out << ' ' << static_cast<int>(k);
    if (s.expect) {
      out << " expect " << static_cast<int>(s.expect->outcome) << ' ' << s.expect->check_obligations << ' '
          << s.expect->check_missing;
      ids(s.expect->obligations);
      ids(s.expect->missing);
    }
    place(s.place);
    out << '\n';
  }
  return out.str();
}

std::unique_ptr<Program> reread(const Program& p, const std::string& name) {
  const std::string bytes = write_program_file(p);
  ProgramFileRead read = read_program_file(bytes);
  EXPECT_EQ(read.error, ProgramFileError::none) << name << ": " << read.message;
  if (read.program) {
    EXPECT_EQ(write_program_file(*read.program), bytes) << name << ": rewriting changed the bytes";
    EXPECT_EQ(dump(*read.program), dump(p)) << name;
  }
  return std::move(read.program);
}

template <typename T>
std::string show(const std::vector<T>& v) {
  std::ostringstream out;
  for (const T& x : v) out << static_cast<unsigned>(x) << ' ';
  return out.str();
}

// Every field of two results, as text, so that a difference prints readably.
std::string describe(const Result& r) {
  std::ostringstream out;
  out << "decision " << to_string(r.decision) << " uncovered " << r.no_covering_policy << "\nobligations "
      << show(r.obligations) << "\nmissing " << show(r.missing) << "\npossible " << show(r.possible_obligations)
      << "\nquestions " << show(r.obligation_questions) << "\nstatuses " << show(r.rule_status) << '\n';
  for (const PolicyResult& pr : r.policies) {
    out << "policy " << pr.policy << ' ' << to_string(pr.decision) << " default " << pr.by_default << " conflict "
        << pr.conflict << " obligations " << show(pr.obligations) << '\n';
  }
  return out.str();
}

// Runs both programs on every scenario; returns the number of differences (reported).
int compare_behaviour(const Program& a, const Program& b, const std::vector<Scenario>& scenarios,
                      const std::string& name) {
  // Borrowed programs: the caller keeps both alive for the whole comparison.
  Evaluation ea(make_plan(std::shared_ptr<const Program>(&a, [](const Program*) {})));
  Evaluation eb(make_plan(std::shared_ptr<const Program>(&b, [](const Program*) {})));
  int differences = 0;
  for (std::size_t i = 0; i < scenarios.size() && differences < 3; ++i) {
    const Scenario& s = scenarios[i];
    const Result ra = ea.evaluate(s, EvaluateOptions{.keep_values = true});
    const Trace ta = build_trace(a, s, ra);
    const Result rb = eb.evaluate(s, EvaluateOptions{.keep_values = true});
    const Trace tb = build_trace(b, s, rb);
    const std::string title = i < a.scenarios.size() ? a.scenarios[i].title : "scenario " + std::to_string(i);
    const RenderContext ca{a, s, ra, &ta, title, "2026-01-01T00:00:00Z"};
    const RenderContext cb{b, s, rb, &tb, title, "2026-01-01T00:00:00Z"};
    std::string why;
    if (describe(ra) != describe(rb)) why = "results:\n" + describe(ra) + "---\n" + describe(rb);
    else if (render_result_json(ca) != render_result_json(cb)) why = "JSON:\n" + render_result_json(ca);
    else if (render_result_text(ca) != render_result_text(cb)) why = "text";
    else if (render_result_markdown(ca) != render_result_markdown(cb)) why = "markdown";
    else if (ea.decide(s) != eb.decide(s)) why = "decide()";
    if (!why.empty()) {
      ADD_FAILURE() << name << ", " << title << ": the program read back differs in its " << why;
      ++differences;
    }
  }
  return differences;
}

void expect_same_lookups(const Program& a, const Program& b, const std::string& name) {
  for (const Fact& f : a.facts) EXPECT_EQ(a.find_fact(f.name), b.find_fact(f.name)) << name << ": " << f.name;
  for (const Policy& p : a.policies) EXPECT_EQ(a.find_policy(p.name), b.find_policy(p.name)) << name;
  for (const Obligation& o : a.obligations) EXPECT_EQ(a.find_obligation(o.name), b.find_obligation(o.name)) << name;
  for (std::uint32_t r = 0; r < a.rules.size(); ++r) {
    EXPECT_EQ(b.find_rule(a.rule_qualified_name(r)), r) << name << ": " << a.rule_qualified_name(r);
  }
}

std::vector<std::string> scenario_documents() {
  std::vector<std::string> out;
  for (const char* folder : {"examples", "tests/golden"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_path(folder))) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".json" && ext != ".jsonl")) continue;
      std::istringstream lines(test::read_file(e.path().string()));
      if (ext == ".json") {
        out.push_back(lines.str());
        continue;
      }
      for (std::string line; std::getline(lines, line);) out.push_back(line);
    }
  }
  return out;
}

TEST(ProgramFile, RepositoryBundlesRoundTrip) {
  const std::vector<std::string> documents = scenario_documents();
  EXPECT_GT(documents.size(), 10u);
  int evaluated = 0, read_ok = 0;
  for (const test::Workload& w : test::repository_workloads()) {
    auto back = reread(*w.program, w.name);
    if (!back) continue;
    expect_same_lookups(*w.program, *back, w.name);
    std::vector<Scenario> scenarios = test::scenarios_for(*w.program, 42, 300);
    // The repository's scenario files, read through each program's own reader: the
    // same scenario or the same error.
    ScenarioReader ra(*w.program), rb(*back);
    for (const std::string& doc : documents) {
      Scenario sa, sb;
      Diagnostic da, db;
      const bool oka = ra.read(doc, sa, da), okb = rb.read(doc, sb, db);
      ASSERT_EQ(oka, okb) << w.name << ": " << doc;
      if (!oka) {
        EXPECT_EQ(render_json(da), render_json(db)) << w.name;
        continue;
      }
      ++read_ok;
      EXPECT_EQ(sa.values, sb.values);
      EXPECT_EQ(sa.known, sb.known);
      scenarios.push_back(sa);
    }
    evaluated += static_cast<int>(scenarios.size());
    compare_behaviour(*w.program, *back, scenarios, w.name);
  }
  EXPECT_GT(evaluated, 4'000);
  EXPECT_GT(read_ok, 5);
}

TEST(ProgramFile, GeneratedPoliciesRoundTrip) {
  int programs = 0;
  for (bool large : {false, true}) {
    for (const test::Workload& w : test::generated_workloads(large ? 500'000 : 1, large ? 150 : 250, large)) {
      auto back = reread(*w.program, w.name);
      if (!back) continue;
      ++programs;
      expect_same_lookups(*w.program, *back, w.name);
      if (compare_behaviour(*w.program, *back, test::scenarios_for(*w.program, programs, 30), w.name) > 0) {
        ADD_FAILURE() << w.source;
      }
    }
  }
  EXPECT_EQ(programs, 400);
}

TEST(ProgramFile, BuiltProgramsRoundTrip) {
  int programs = 0;
  for (const test::Workload& w : test::built_workloads(1'000, 300)) {
    auto back = reread(*w.program, w.name);
    if (!back) continue;
    ++programs;
    if (compare_behaviour(*w.program, *back, test::scenarios_for(*w.program, programs, 30), w.name) > 0) {
      ADD_FAILURE() << w.source;
    }
  }
  EXPECT_EQ(programs, 300);
}

TEST(ProgramFile, WritingIsDeterministic) {
  const std::string source = test::read_file(test::source_path("tests/ok/scenarios.proviso"));
  Compilation first = test::compile_ok(source), second = test::compile_ok(source);
  ASSERT_TRUE(first.program && second.program);
  const std::string bytes = write_program_file(*first.program);
  EXPECT_EQ(write_program_file(*first.program), bytes);
  EXPECT_EQ(write_program_file(*second.program), bytes);
}

std::uint64_t little_endian(std::string_view bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) v |= std::uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * i);
  return v;
}

// A file around `payload` with a correct header: damage that the hash cannot see.
std::string with_header(std::string_view payload, std::uint32_t version = kProgramFileVersion) {
  std::string out(kProgramFileMagic);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((version >> (8 * i)) & 0xff);
  for (int i = 0; i < 8; ++i) out += static_cast<char>((std::uint64_t{payload.size()} >> (8 * i)) & 0xff);
  const Sha256Digest hash = sha256(payload);
  out.append(reinterpret_cast<const char*>(hash.data()), hash.size());
  out.append(payload);
  return out;
}

// The fuzzer's seeds are program files of the current format: after a change of the
// format they must be rebuilt (fuzz/README.md), or the fuzzer would stop at the version.
TEST(ProgramFile, FuzzSeedsAreCurrent) {
  int seeds = 0;
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("fuzz/corpus/program_file_fuzz"))) {
    // The named seeds (*.provisoc, *.payload) are built program files; the others are
    // what fuzz/merge.sh kept from fuzzing, damaged files among them.
    const bool payload = e.path().extension() == ".payload";
    if (!payload && e.path().extension() != ".provisoc") continue;
    const std::string bytes = test::read_file(e.path().string());
    const ProgramFileRead read = read_program_file(payload ? with_header(bytes) : bytes);
    EXPECT_EQ(read.error, ProgramFileError::none) << e.path() << ": " << read.message;
    ++seeds;
  }
  EXPECT_GE(seeds, 3);
}

class ProgramFileDamage : public ::testing::Test {
 protected:
  void SetUp() override {
    compilation_ = test::compile_ok(test::read_file(test::source_path("tests/ok/scenarios.proviso")));
    ASSERT_TRUE(compilation_.program);
    bytes_ = write_program_file(*compilation_.program);
    payload_ = bytes_.substr(kProgramFileHeaderSize);
  }

  static void expect_error(std::string_view bytes, ProgramFileError error, std::string_view words, const std::string& what) {
    const ProgramFileRead read = read_program_file(bytes);
    EXPECT_FALSE(read.program) << what;
    EXPECT_EQ(read.error, error) << what << ": " << read.message;
    EXPECT_NE(read.message.find(words), std::string::npos) << what << ": \"" << read.message << "\" lacks \"" << words << "\"";
  }

  Compilation compilation_;
  std::string bytes_, payload_;
};

TEST_F(ProgramFileDamage, TheHeaderIsAsDocumented) {
  EXPECT_EQ(bytes_.substr(0, 8), std::string_view("\x89PROVISO", 8));
  EXPECT_EQ(little_endian(std::string_view(bytes_).substr(8, 4)), kProgramFileVersion);
  EXPECT_EQ(little_endian(std::string_view(bytes_).substr(12, 8)), bytes_.size() - kProgramFileHeaderSize);
  const Sha256Digest hash = sha256(payload_);
  EXPECT_EQ(bytes_.substr(20, 32), std::string(reinterpret_cast<const char*>(hash.data()), 32));
  EXPECT_EQ(with_header(payload_), bytes_);
  EXPECT_TRUE(is_program_file(bytes_));
  ASSERT_EQ(read_program_file(bytes_).error, ProgramFileError::none);
}

TEST_F(ProgramFileDamage, EveryTruncation) {
  expect_error("", ProgramFileError::not_program_file, "not a Proviso program file", "empty");
  for (std::size_t n = 1; n < bytes_.size(); ++n) {
    expect_error(std::string_view(bytes_).substr(0, n), ProgramFileError::truncated, "truncated",
                 std::to_string(n) + " bytes");
  }
}

TEST_F(ProgramFileDamage, EveryHeaderByteFlipped) {
  for (std::size_t i = 0; i < kProgramFileHeaderSize; ++i) {
    for (unsigned mask : {0x01u, 0x80u, 0xffu}) {
      std::string damaged = bytes_;
      damaged[i] = static_cast<char>(damaged[i] ^ mask);
      const ProgramFileRead read = read_program_file(damaged);
      const std::string what = "byte " + std::to_string(i) + " ^ " + std::to_string(mask);
      EXPECT_FALSE(read.program) << what;
      if (i < 8) {
        EXPECT_EQ(read.error, ProgramFileError::not_program_file) << what;
        EXPECT_EQ(read.message, "not a Proviso program file") << what;
      } else if (i < 12) {
        EXPECT_EQ(read.error, ProgramFileError::other_version) << what;
      } else if (i < 20) {
        // A longer length: the file is short of it; a shorter one leaves bytes over.
        const bool longer = (static_cast<unsigned char>(damaged[i]) > static_cast<unsigned char>(bytes_[i]));
        EXPECT_EQ(read.error, longer ? ProgramFileError::truncated : ProgramFileError::corrupt) << what << ": " << read.message;
      } else {
        EXPECT_EQ(read.message, "corrupt (content hash does not match)") << what;
      }
    }
  }
}

TEST_F(ProgramFileDamage, EveryPayloadByteFlipped) {
  for (std::size_t i = kProgramFileHeaderSize; i < bytes_.size(); ++i) {
    std::string damaged = bytes_;
    damaged[i] = static_cast<char>(damaged[i] ^ (i % 2 ? 0x01 : 0x40));
    expect_error(damaged, ProgramFileError::corrupt, "corrupt (content hash does not match)", "byte " + std::to_string(i));
  }
  std::string longer = bytes_ + '\0';
  expect_error(longer, ProgramFileError::corrupt, "corrupt (1 byte after the end of the program)", "a byte appended");
}

TEST_F(ProgramFileDamage, OtherVersions) {
  for (std::uint32_t version : {0u, 1u, 3u, 0xffffffffu}) {
    const std::string file = with_header(payload_, version);
    expect_error(file, ProgramFileError::other_version,
                 "program file format version " + std::to_string(version) +
                     "; this proviso reads version 2 — rebuild it with `proviso build`",
                 "version " + std::to_string(version));
    // Only the magic and the version are needed to say so.
    expect_error(std::string_view(file).substr(0, 12), ProgramFileError::other_version, "rebuild it", "header only");
  }
}

TEST_F(ProgramFileDamage, NotAProgramFile) {
  const std::string source = test::read_file(test::source_path("tests/ok/scenarios.proviso"));
  EXPECT_FALSE(is_program_file(source));
  expect_error(source, ProgramFileError::not_program_file, "not a Proviso program file", "a source file");
  expect_error("PROVISO\x89", ProgramFileError::not_program_file, "not a Proviso program file", "a near miss");
  expect_error("\x89PRO", ProgramFileError::truncated, "truncated", "part of the magic");
}

// A correct hash over a payload that does not decode: the reader says where it failed.
TEST_F(ProgramFileDamage, PayloadsThatDoNotDecode) {
  expect_error(with_header(payload_ + "x"), ProgramFileError::corrupt, "corrupt (1 byte left after the last field)",
               "one byte more");
  for (std::size_t cut = 1; cut < 200 && cut < payload_.size(); ++cut) {
    expect_error(with_header(payload_.substr(0, payload_.size() - cut)), ProgramFileError::corrupt, "corrupt (",
                 "payload short by " + std::to_string(cut));
  }
  expect_error(with_header(std::string("\xff\xff\xff\xff", 4) + payload_.substr(4)), ProgramFileError::corrupt,
               "4294967295 items cannot fit", "a huge count");
  std::string kind = payload_;
  kind[4] = 9;  // the first type's kind
  expect_error(with_header(kind), ProgramFileError::corrupt, "unknown type kind 9", "a bad type kind");
  expect_error(with_header(""), ProgramFileError::corrupt, "ends in the middle of a field", "an empty payload");
}

// The last policy's `defers` byte of a program without scenarios sits at a known place
// from the end: after it come the policy's place, the scenario count and the version.
TEST_F(ProgramFileDamage, FlagsAreZeroOrOne) {
  Program p = *compilation_.program;
  p.scenarios.clear();
  const std::string payload = write_program_file(p).substr(kProgramFileHeaderSize);
  const std::size_t from_end = 1 + 8 + (4 + p.policies.back().place.file.size() + 8) + 4 + (4 + p.version.size());
  std::string damaged = payload;
  ASSERT_EQ(damaged[damaged.size() - from_end], p.policies.back().defers ? 1 : 0);
  damaged[damaged.size() - from_end] = 2;
  expect_error(with_header(damaged), ProgramFileError::corrupt, "a defers flag of 2", "defers = 2");
}

// A correct hash over a program that decodes but is unsound: verify() catches it.
TEST_F(ProgramFileDamage, UnsoundProgramsAreRejected) {
  auto unsound = [&](const std::function<void(Program&)>& damage, std::string_view words) {
    Program p = *compilation_.program;
    damage(p);
    expect_error(write_program_file(p), ProgramFileError::unsound, words, std::string(words));
  };
  unsound([](Program& p) { p.rules[0].when = decltype(p.rules[0].when)(static_cast<std::uint32_t>(p.nodes.size()) + 5); },
          "not a sound program: rule 'sharing.lawful_share': its when is node");
  unsound([](Program& p) {
    for (Node& n : p.nodes) {
      if (n.op == Op::not_) n.a = static_cast<std::uint32_t>(p.nodes.size());
    }
  }, "not an earlier node");
  unsound([](Program& p) { p.policies[0].rule_count += 1; }, "but the program has");
  unsound([](Program& p) { p.scenarios[0].facts.values.pop_back(); }, "values and");
  unsound([](Program& p) { p.facts[0].name = "origin"; }, "must be 'from'");
  unsound([](Program& p) {
    for (Node& n : p.nodes) n.type = decltype(n.type)(900);
  }, "more problems");
}

}  // namespace
}  // namespace proviso
