// The program file's layout (program_file.hpp): the header, then every field of the
// Program in declaration order. A field added to Program must be added here, in both
// directions, with kProgramFileVersion raised; the round-trip tests compare rewritten
// bytes and evaluations, so a field written but not read (or the reverse) fails them.
#include "proviso/program/program_file.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "byte_codec.hpp"
#include "proviso/base/sha256.hpp"
#include "proviso/program/verify.hpp"

namespace proviso {
namespace {

using program::internal::ByteReader;
using program::internal::ByteWriter;

// Every record's writer and reader, declared first: the vector templates below call
// them by ordinary lookup (these names are not found through argument types).
#define PROVISO_RECORD(T)                  \
  void put(ByteWriter& w, const T& value); \
  void get(ByteReader& r, T& value);
PROVISO_RECORD(SourcePlace)
PROVISO_RECORD(Citation)
PROVISO_RECORD(Type)
PROVISO_RECORD(Fact)
PROVISO_RECORD(Node)
PROVISO_RECORD(ConditionInfo)
PROVISO_RECORD(Constraint)
PROVISO_RECORD(Effective)
PROVISO_RECORD(Obligation)
PROVISO_RECORD(Rule)
PROVISO_RECORD(Policy)
PROVISO_RECORD(NamedScenario)
#undef PROVISO_RECORD
void get(ByteReader& r, std::uint8_t& v);
void get(ByteReader& r, std::uint32_t& v);
void get(ByteReader& r, std::int64_t& v);
void get(ByteReader& r, std::string& s);
template <typename T>
void get(ByteReader& r, std::vector<T>& v);

// ---- writing ------------------------------------------------------------------------

void put(ByteWriter& w, std::uint8_t v) { w.u8(v); }
void put(ByteWriter& w, std::uint32_t v) { w.u32(v); }
void put(ByteWriter& w, std::int64_t v) { w.i64(v); }
void put(ByteWriter& w, const std::string& s) {
  if (!w.str(s)) throw std::length_error("a text of 4 GiB or more cannot be written to a program file");
}

template <typename T>
void put(ByteWriter& w, const std::vector<T>& v) {
  if (v.size() > UINT32_MAX) throw std::length_error("a list of 2^32 items cannot be written to a program file");
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (const T& x : v) put(w, x);
}

void put(ByteWriter& w, const SourcePlace& s) {
  put(w, s.file);
  w.u32(s.line);
  w.u32(s.column);
}

void put(ByteWriter& w, const Citation& c) {
  put(w, c.ref);
  put(w, c.text);
}

void put(ByteWriter& w, const Type& t) {
  w.u8(static_cast<std::uint8_t>(t.kind));
  put(w, t.name);
  w.i64(t.lo);
  w.i64(t.hi);
  put(w, t.values);
  w.u32(t.element);
}

void put(ByteWriter& w, const Fact& f) {
  put(w, f.name);
  w.u32(f.type);
  put(w, f.question);
  put(w, f.cites);
  put(w, f.place);
}

void put(ByteWriter& w, const Node& n) {
  w.u8(static_cast<std::uint8_t>(n.op));
  w.u32(n.a);
  w.u32(n.b);
  w.i64(n.imm);
  w.u32(n.type);
  w.u32(n.label);
  put(w, n.text);
}

void put(ByteWriter& w, const ConditionInfo& c) {
  put(w, c.name);
  put(w, c.text);
  put(w, c.cites);
  w.u32(c.node);
  put(w, c.place);
}

void put(ByteWriter& w, const Constraint& c) {
  put(w, c.name);
  put(w, c.text);
  put(w, c.cites);
  w.u32(c.node);
  put(w, c.place);
}

// Days as their two's-complement bits: kNoDate is the most negative day.
void put(ByteWriter& w, const Effective& e) {
  w.u32(static_cast<std::uint32_t>(e.from));
  w.u32(static_cast<std::uint32_t>(e.until));
}

void put(ByteWriter& w, const Obligation& o) {
  put(w, o.name);
  put(w, o.text);
}

void put(ByteWriter& w, const Rule& r) {
  put(w, r.name);
  w.u32(r.policy);
  w.u8(static_cast<std::uint8_t>(r.effect));
  w.u32(r.when);
  w.u32(r.unless);
  put(w, r.requires_);
  put(w, r.because);
  put(w, r.cites);
  put(w, r.overrides);
  put(w, r.beaten_by);
  put(w, r.facts);
  w.boolean(r.defers);
  put(w, r.effective);
  put(w, r.place);
}

void put(ByteWriter& w, const Policy& p) {
  put(w, p.name);
  w.u32(static_cast<std::uint32_t>(p.sector));
  w.u8(static_cast<std::uint8_t>(p.default_effect));
  w.u8(static_cast<std::uint8_t>(p.combine));
  w.u32(p.first_rule);
  w.u32(p.rule_count);
  w.boolean(p.defers);
  put(w, p.effective);
  put(w, p.place);
}

void put(ByteWriter& w, const NamedScenario& s) {
  put(w, s.title);
  put(w, s.facts.values);
  put(w, s.facts.known);
  w.u32(static_cast<std::uint32_t>(s.facts.on));
  w.boolean(s.expect.has_value());
  if (s.expect) {
    const Expectation& e = *s.expect;
    w.u8(static_cast<std::uint8_t>(e.outcome));
    put(w, e.obligations);
    put(w, e.missing);
    w.boolean(e.check_obligations);
    w.boolean(e.check_missing);
  }
  put(w, s.place);
}

void put_program(ByteWriter& w, const Program& p) {
  put(w, p.types);
  w.u32(p.sector_type);
  w.u32(p.bool_type);
  w.u32(p.int_type);
  put(w, p.facts);
  put(w, p.nodes);
  put(w, p.operands);
  put(w, p.conditions);
  put(w, p.constraints);
  put(w, p.obligations);
  put(w, p.rules);
  put(w, p.policies);
  put(w, p.scenarios);
  put(w, p.version);
}

// ---- reading ------------------------------------------------------------------------

// The fewest bytes a record can take: its encoding with every text and list empty.
// What a count is checked against before anything is allocated for it.
template <typename T>
std::size_t min_size() {
  static const std::size_t size = [] {
    ByteWriter w;
    put(w, T{});
    return w.bytes().size();
  }();
  return size;
}

template <typename E>
E get_enum(ByteReader& r, E last, std::string_view what) {
  const std::uint8_t v = r.u8();
  if (v > static_cast<std::uint8_t>(last)) {
    r.fail(fmt::format("unknown {} {}", what, v));
    return E{};
  }
  return static_cast<E>(v);
}

void get(ByteReader& r, std::uint8_t& v) { v = r.u8(); }
void get(ByteReader& r, std::uint32_t& v) { v = r.u32(); }
void get(ByteReader& r, std::int64_t& v) { v = r.i64(); }
void get(ByteReader& r, std::string& s) { r.str(s); }

template <typename T>
void get(ByteReader& r, std::vector<T>& v) {
  const std::uint32_t n = r.count(min_size<T>(), "items");
  v.clear();
  v.reserve(n);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) get(r, v.emplace_back());
}

void get(ByteReader& r, SourcePlace& s) {
  get(r, s.file);
  s.line = r.u32();
  s.column = r.u32();
}

void get(ByteReader& r, Citation& c) {
  get(r, c.ref);
  get(r, c.text);
}

void get(ByteReader& r, Type& t) {
  t.kind = get_enum(r, TypeKind::set, "type kind");
  get(r, t.name);
  t.lo = r.i64();
  t.hi = r.i64();
  get(r, t.values);
  t.element = TypeId(r.u32());
}

void get(ByteReader& r, Fact& f) {
  get(r, f.name);
  f.type = TypeId(r.u32());
  get(r, f.question);
  get(r, f.cites);
  get(r, f.place);
}

void get(ByteReader& r, Node& n) {
  n.op = get_enum(r, Op::condition, "node operation");
  n.a = r.u32();
  n.b = r.u32();
  n.imm = r.i64();
  n.type = TypeId(r.u32());
  n.label = ConditionId(r.u32());
  get(r, n.text);
}

void get(ByteReader& r, ConditionInfo& c) {
  get(r, c.name);
  get(r, c.text);
  get(r, c.cites);
  c.node = NodeId(r.u32());
  get(r, c.place);
}

void get(ByteReader& r, Constraint& c) {
  get(r, c.name);
  get(r, c.text);
  get(r, c.cites);
  c.node = NodeId(r.u32());
  get(r, c.place);
}

void get(ByteReader& r, Effective& e) {
  e.from = static_cast<Day>(r.u32());
  e.until = static_cast<Day>(r.u32());
}

void get(ByteReader& r, Obligation& o) {
  get(r, o.name);
  get(r, o.text);
}

void get(ByteReader& r, Rule& rule) {
  get(r, rule.name);
  rule.policy = PolicyId(r.u32());
  rule.effect = get_enum(r, Effect::deny, "effect");
  rule.when = NodeId(r.u32());
  rule.unless = NodeId(r.u32());
  get(r, rule.requires_);
  get(r, rule.because);
  get(r, rule.cites);
  get(r, rule.overrides);
  get(r, rule.beaten_by);
  get(r, rule.facts);
  rule.defers = r.boolean("defers");
  get(r, rule.effective);
  get(r, rule.place);
}

void get(ByteReader& r, Policy& p) {
  get(r, p.name);
  p.sector = static_cast<std::int32_t>(r.u32());
  p.default_effect = get_enum(r, Effect::deny, "effect");
  p.combine = get_enum(r, Combine::first, "combine mode");
  p.first_rule = RuleId(r.u32());
  p.rule_count = r.u32();
  p.defers = r.boolean("defers");
  get(r, p.effective);
  get(r, p.place);
}

void get(ByteReader& r, NamedScenario& s) {
  get(r, s.title);
  get(r, s.facts.values);
  get(r, s.facts.known);
  s.facts.on = static_cast<Day>(r.u32());
  if (r.boolean("expectation")) {
    Expectation& e = s.expect.emplace();
    e.outcome = get_enum(r, Outcome::undetermined, "outcome");
    get(r, e.obligations);
    get(r, e.missing);
    e.check_obligations = r.boolean("require");
    e.check_missing = r.boolean("missing");
  }
  get(r, s.place);
}

void get_program(ByteReader& r, Program& p) {
  get(r, p.types);
  p.sector_type = TypeId(r.u32());
  p.bool_type = TypeId(r.u32());
  p.int_type = TypeId(r.u32());
  get(r, p.facts);
  get(r, p.nodes);
  get(r, p.operands);
  get(r, p.conditions);
  get(r, p.constraints);
  get(r, p.obligations);
  get(r, p.rules);
  get(r, p.policies);
  get(r, p.scenarios);
  get(r, p.version);
}

ProgramFileRead failure(ProgramFileError error, std::string message) {
  ProgramFileRead out;
  out.error = error;
  out.message = std::move(message);
  return out;
}

std::string byte_count(std::uint64_t n) { return fmt::format("{} byte{}", n, n == 1 ? "" : "s"); }

ProgramFileRead shorter_than_header(std::size_t size) {
  return failure(ProgramFileError::truncated,
                 fmt::format("truncated: {}, shorter than the {}-byte header", byte_count(size), kProgramFileHeaderSize));
}

std::uint64_t little_endian(std::string_view bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  }
  return v;
}

}  // namespace

bool is_program_file(std::string_view bytes) { return bytes.substr(0, kProgramFileMagic.size()) == kProgramFileMagic; }

std::string write_program_file(const Program& program) {
  ByteWriter payload;
  put_program(payload, program);
  const Sha256Digest hash = sha256(payload.bytes());
  ByteWriter file;
  file.bytes().reserve(kProgramFileHeaderSize + payload.bytes().size());
  file.bytes().append(kProgramFileMagic);
  file.u32(kProgramFileVersion);
  file.u64(payload.bytes().size());
  file.bytes().append(reinterpret_cast<const char*>(hash.data()), hash.size());
  file.bytes().append(payload.bytes());
  return std::move(file.bytes());
}

ProgramFileRead read_program_file(std::string_view bytes) {
  constexpr std::size_t kMagicEnd = 8, kVersionEnd = 12, kLengthEnd = 20;
  if (bytes.empty()) return failure(ProgramFileError::not_program_file, "not a Proviso program file (it is empty)");
  if (bytes.size() < kMagicEnd && kProgramFileMagic.substr(0, bytes.size()) == bytes) {
    return shorter_than_header(bytes.size());
  }
  if (!is_program_file(bytes)) return failure(ProgramFileError::not_program_file, "not a Proviso program file");
  // The version comes right after the magic, so that any later change of the header
  // is still reported as a version this reader does not know.
  if (bytes.size() >= kVersionEnd) {
    const auto version = static_cast<std::uint32_t>(little_endian(bytes.substr(kMagicEnd, 4)));
    if (version != kProgramFileVersion) {
      return failure(ProgramFileError::other_version,
                     fmt::format("program file format version {}; this proviso reads version {} — rebuild it with "
                                 "`proviso build`",
                                 version, kProgramFileVersion));
    }
  }
  if (bytes.size() < kProgramFileHeaderSize) {
    return shorter_than_header(bytes.size());
  }
  const std::uint64_t length = little_endian(bytes.substr(kVersionEnd, 8));
  const std::string_view payload = bytes.substr(kProgramFileHeaderSize);
  if (length > payload.size()) {
    return failure(ProgramFileError::truncated,
                   fmt::format("truncated: the header announces {} of program, but {} follow", byte_count(length),
                               payload.size()));
  }
  if (length < payload.size()) {
    return failure(ProgramFileError::corrupt,
                   fmt::format("corrupt ({} after the end of the program)", byte_count(payload.size() - length)));
  }
  const Sha256Digest hash = sha256(payload);
  if (bytes.substr(kLengthEnd, hash.size()) != std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size())) {
    return failure(ProgramFileError::corrupt, "corrupt (content hash does not match)");
  }

  auto program = std::make_unique<Program>();
  ByteReader reader(payload);
  get_program(reader, *program);
  if (reader.ok() && reader.remaining() != 0) {
    reader.fail(byte_count(reader.remaining()) + " left after the last field");
  }
  if (!reader.ok()) return failure(ProgramFileError::corrupt, "corrupt (" + reader.error() + ")");

  constexpr std::size_t kMaxProblems = 20;
  const std::vector<std::string> problems = verify(*program, kMaxProblems);
  if (!problems.empty()) {
    std::string message = "not a sound program: " + problems.front();
    if (problems.size() > 1) {
      message += fmt::format(" (and {}{} more problem{})", problems.size() >= kMaxProblems ? "at least " : "",
                             problems.size() - 1, problems.size() == 2 ? "" : "s");
    }
    return failure(ProgramFileError::unsound, std::move(message));
  }
  program->index();
  ProgramFileRead out;
  out.program = std::move(program);
  return out;
}

}  // namespace proviso
