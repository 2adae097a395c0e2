#pragma once
// The compiled program: the flat, topologically ordered form of a checked bundle.
// The runtime evaluates it; static analysis encodes the very same program into Z3,
// so what is verified is what runs. Nothing here knows the surface syntax.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "proviso/program/date.hpp"
#include "proviso/program/ids.hpp"

namespace proviso {


// Ordered from least to most strict: the numeric order is the strictness order.
enum class Effect : std::uint8_t { share = 0, refer = 1, deny = 2 };
enum class Combine : std::uint8_t { strictest, first };

std::string_view to_string(Effect e);
std::string_view to_string(Combine c);

// Where a declaration came from, resolved at compile time (the runtime has no sources).
struct SourcePlace {
  std::string file;
  std::uint32_t line = 0, column = 0;
};

enum class TypeKind : std::uint8_t { boolean, integer, enumeration, set };

// Every value is held in an int64: bool 0/1, enum the value's index, int itself,
// set a bitmask over its element enum (so a set's enum has at most 64 values).
// A fact of the format, not a limit: no option can raise it.
inline constexpr std::size_t kSetMaskBits = 64;

struct Type {
  TypeKind kind = TypeKind::boolean;
  std::string name;                      // "bool", "int", a declared name, or "enum {a, b}"
  std::int64_t lo = std::numeric_limits<std::int64_t>::min();  // integer bounds, inclusive
  std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  std::vector<std::string> values;       // enumeration: value names, index = encoding
  TypeId element = TypeId::none();       // set: its element enumeration

  // Index of an enum value name, or kNone.
  std::uint32_t value_index(std::string_view v) const;
};

struct Citation {
  std::string ref;   // "dpb.q3" for a framework question, empty for a free string
  std::string text;  // the question's text, or the free string
};

// Facts are numbered in declaration order. Fact 0 is `from`, fact 1 is `to`;
// both have the built-in `sector` enumeration type.
struct Fact {
  std::string name;
  TypeId type;
  std::string question;  // may be empty
  std::vector<Citation> cites;
  SourcePlace place;
};

inline constexpr FactId kFactFrom{0};
inline constexpr FactId kFactTo{1};
inline constexpr std::uint32_t kBuiltinFactCount = 2;  // `from` and `to` come first

// The fact id of the n-th declared fact (0-based, in declaration order), and back.
constexpr FactId fact_id_of_declared(std::uint32_t declared) { return FactId(declared + kBuiltinFactCount); }
constexpr std::uint32_t declared_index_of_fact(std::uint32_t fact) { return fact - kBuiltinFactCount; }

enum class Op : std::uint8_t {
  const_bool,  // imm
  const_int,   // imm
  fact,        // a = fact id
  and_,        // n-ary: operands[a .. a+b)
  or_,         // n-ary: operands[a .. a+b)
  not_,        // a
  eq, ne, lt, le, gt, ge,  // a, b (eq/ne on any type of equal kind)
  add, sub, mul,           // a, b on ints (mul: at least one side is const_int)
  in_values,   // enum node a's value is one of the bits of mask imm
  has,         // set node a contains the enum value of node b
  condition,   // a named condition: the value of node a; label = condition id
};

std::string_view to_string(Op op);

// Nodes are stored children first: a node's operands always have smaller ids, so one
// forward sweep evaluates everything.
struct Node {
  Op op = Op::const_bool;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::int64_t imm = 0;
  TypeId type;                // the type of the node's value
  ConditionId label = ConditionId::none();  // Op::condition: its entry in Program::conditions
  std::string text;           // the expression as written, for traces
};

struct ConditionInfo {
  std::string name;
  std::string text;  // its description, may be empty
  std::vector<Citation> cites;
  NodeId node = NodeId::none();  // the Op::condition node
  SourcePlace place;
};

// A statement every real scenario satisfies (language.md, "Constraints"): a scenario
// that makes it false is refused; analysis considers only scenarios where all hold.
struct Constraint {
  std::string name;
  std::string text;  // its description, may be empty
  std::vector<Citation> cites;
  NodeId node = NodeId::none();  // bool node
  SourcePlace place;
};

struct Obligation {
  std::string name;
  std::string text;
};

struct Rule {
  std::string name;              // local to its policy
  PolicyId policy;
  Effect effect = Effect::deny;
  NodeId when = NodeId::none();    // bool node
  NodeId unless = NodeId::none();  // bool node, or none
  std::vector<std::uint32_t> requires_;   // obligation ids, ascending (= by name)
  std::string because;
  std::vector<Citation> cites;
  std::vector<std::uint32_t> overrides;   // direct, rule ids of the same policy
  std::vector<std::uint32_t> beaten_by;   // every rule that beats this one (transitive)
  std::vector<std::uint32_t> facts;       // facts it depends on, ascending (= declaration order)
  bool defers = false;                    // a share that stands aside for another policy's deny
  Effective effective;                    // its own dates; the policy's apply as well
  SourcePlace place;                      // place.file: where it was written (an amendment's file)
};

struct Policy {
  std::string name;
  std::int32_t sector = -1;       // value index in the sector type; -1: covers every flow
  Effect default_effect = Effect::deny;
  Combine combine = Combine::strictest;
  RuleId first_rule;              // rules of a policy are contiguous, in source order
  std::uint32_t rule_count = 0;
  bool defers = false;            // its default and every share rule defer
  Effective effective;            // when it covers flows at all
  SourcePlace place;
};

// A fully or partly specified flow: a value and a known flag per fact.
struct Scenario {
  std::vector<std::int64_t> values;
  std::vector<std::uint8_t> known;
  Day on = kNoDate;  // the evaluation date; kNoDate: the evaluation's default (today)
  // The caller's own name for the case (JSON "id"), echoed in its result; it decides nothing.
  std::string id;
  bool has_id = false;

  void reset(std::size_t fact_count) {
    values.assign(fact_count, 0);
    known.assign(fact_count, 0);
    on = kNoDate;
    id.clear();
    has_id = false;
  }
  void set(std::uint32_t fact, std::int64_t v) { values[fact] = v; known[fact] = 1; }
};

enum class Outcome : std::uint8_t { share = 0, refer = 1, deny = 2, undetermined = 3 };
std::string_view to_string(Outcome o);

struct Expectation {
  Outcome outcome = Outcome::share;
  std::vector<std::uint32_t> obligations;  // ids; checked exactly when outcome is share
  std::vector<std::uint32_t> missing;      // fact ids; checked when outcome is undetermined and not empty
  bool check_obligations = false;          // `require` was written
  bool check_missing = false;              // `missing` was written
};

// A `scenario` block from the bundle, ready to run.
struct NamedScenario {
  std::string title;
  Scenario facts;
  std::optional<Expectation> expect;
  SourcePlace place;
};

struct Program {
  std::vector<Type> types;           // types[sector_type] is the built-in sector enum
  TypeId sector_type;
  TypeId bool_type;
  TypeId int_type;                   // unbounded 64-bit int
  std::vector<Fact> facts;
  std::vector<Node> nodes;
  std::vector<std::uint32_t> operands;  // children of n-ary nodes
  std::vector<ConditionInfo> conditions;
  std::vector<Constraint> constraints;  // source order
  std::vector<Obligation> obligations;  // sorted by name
  std::vector<Rule> rules;              // grouped by policy, policies in source order
  std::vector<Policy> policies;
  std::vector<NamedScenario> scenarios;
  std::string version;                  // hash of the bundle's sources, for decision records

  // Builds the name indexes below; call once the vectors are complete.
  void index();
  FactId find_fact(std::string_view name) const;
  PolicyId find_policy(std::string_view name) const;
  ObligationId find_obligation(std::string_view name) const;
  // "policy.rule" or kNone
  RuleId find_rule(std::string_view qualified) const;
  std::string rule_qualified_name(std::uint32_t rule) const;
  // Whether a rule is in force on a day: its own dates and its policy's.
  bool rule_in_force(std::uint32_t rule, Day day) const;
  // Whether any policy or rule has dates (when none has, the date changes nothing).
  bool has_dates() const;

 private:
  std::unordered_map<std::string, std::uint32_t> fact_index_;
  std::unordered_map<std::string, std::uint32_t> policy_index_;
  std::unordered_map<std::string, std::uint32_t> obligation_index_;
  std::unordered_map<std::string, std::uint32_t> rule_index_;
};

// Renders a value of a type as the language writes it: true, 42, implied, {a, b}.
std::string format_value(const Program& p, std::uint32_t type, std::int64_t value);

}  // namespace proviso
