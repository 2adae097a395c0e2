#pragma once
// An independent model of a Proviso bundle, for differential testing of the whole road
// (parser, sema, lowering, Plan, Evaluation) against a second reading of language.md
// sections 4-6. The generator builds this tree itself and prints it as Proviso text; the
// reference (bundle_reference.hpp) evaluates the tree, never what the parser made of the
// text. Nothing here includes the compiler or the runtime: a precedence slip in the
// parser, a wrong lowering or a wrong effect order cannot be shared by both sides.
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace proviso::model {

// Effects, declared in an order unlike the runtime's on purpose; strictness() orders them.
enum class Effect : std::uint8_t { deny, share, refer };
int strictness(Effect e);  // share 1 < refer 2 < deny 3
const char* name_of(Effect e);

enum class Kind : std::uint8_t { boolean, integer, enumeration, set };

struct EnumType {
  std::string name;                 // empty: declared inline on its one fact
  std::vector<std::string> values;  // index = the model's encoding, not the runtime's
};

struct FactDecl {
  std::string name;
  Kind kind = Kind::boolean;
  std::uint32_t enum_type = 0;  // enumeration, and a set's element type
  std::int64_t lo = INT64_MIN, hi = INT64_MAX;
  std::string type_text;        // how the declaration writes its type
  std::string question;         // may be empty
};

struct Expr {
  enum class Op : std::uint8_t {
    literal_true, literal_false, number, fact, condition, enum_value,
    and_, or_, not_, eq, ne, lt, le, gt, ge, add, sub, mul, in_list, in_set,
  };
  Op op = Op::literal_true;
  std::int64_t number = 0;         // number
  std::uint32_t index = 0;         // fact, condition, enum_value (a value of enum_type)
  std::uint32_t enum_type = 0;     // enum_value
  std::vector<std::uint32_t> list; // in_list: value indexes of kids[0]'s enum
  std::vector<Expr> kids;
  bool parenthesise = false;       // printed in parentheses even where not needed
};

struct Condition {
  std::string name;
  Expr body;
};

struct Rule {
  std::string name;
  Effect effect = Effect::share;
  Expr when;
  std::optional<Expr> unless;
  std::vector<std::uint32_t> requires_;  // obligation indexes
  bool defers = false;
  std::vector<std::uint32_t> overrides;  // rule indexes of the same policy
};

struct Policy {
  std::string name;
  std::optional<std::uint32_t> sector;  // a value index of the sector enum
  Effect default_effect = Effect::deny;
  bool first = false;                   // combine first (else strictest)
  bool defers = false;
  std::vector<Rule> rules;
  // How the settings are written: omitted ones take their defaults.
  bool write_default = true, write_combine = true;
};

struct Bundle {
  std::vector<EnumType> enums;           // enums[0] is the sector enum
  std::vector<std::string> obligations;
  std::vector<FactDecl> facts;           // facts[0] = from, facts[1] = to, then declared
  std::vector<Condition> conditions;     // each uses only earlier ones
  std::vector<Policy> policies;
  std::string extra_declarations;        // printed verbatim after the sectors (named int types)
};

// A scenario: a value per fact (bool 0/1, int, enum value index, set bitmask), or none.
using Facts = std::vector<std::optional<std::int64_t>>;

struct GeneratorOptions {
  std::uint32_t max_facts_per_kind = 3;
  std::uint32_t max_conditions = 4;
  std::uint32_t max_policies = 3;
  std::uint32_t min_rules = 1;
  std::uint32_t max_rules = 6;
  std::uint32_t max_depth = 3;
  std::uint32_t override_percent = 30;  // chance that a rule overrides a given lower-ranked rule
  std::uint32_t max_overrides = 6;      // per rule
  std::uint32_t extreme_percent = 33;   // integer literals at the edges of 64 bits
  // Policies whose every rule starts with one boolean fact: when it is false no rule
  // applies, so wide policies decide by default now and then.
  std::uint32_t gate_percent = 0;
  std::uint32_t share_percent = 50;     // rules that share; the rest refer or deny, 2:3
  std::uint32_t max_obligations = 3;
  std::uint32_t require_percent = 60;   // share rules that require obligations
};

class Generator {
 public:
  explicit Generator(std::uint64_t seed, GeneratorOptions o = {}) : rng_(seed), o_(o) {}
  Bundle bundle();
  // Each fact known with probability known_percent; values within the fact's type,
  // bounds and 64-bit extremes favoured.
  Facts scenario(const Bundle& b, std::uint32_t known_percent);
  // A fact of `f` that is unknown, chosen at random, made known; false when none is.
  bool reveal_one(const Bundle& b, Facts& f);

  std::uint32_t below(std::uint32_t n);
  bool percent(std::uint32_t p) { return below(100) < p; }

 private:
  Expr bool_expr(const Bundle& b, std::uint32_t depth);
  Expr bool_atom(const Bundle& b, std::uint32_t depth);
  Expr comparison(const Bundle& b, std::uint32_t depth);
  Expr int_expr(const Bundle& b, std::uint32_t depth);
  Expr enum_operand(const Bundle& b, std::uint32_t type);
  std::int64_t literal();
  std::vector<std::uint32_t> facts_of(const Bundle& b, Kind k) const;
  std::int64_t value_of(const Bundle& b, const FactDecl& f);

  std::mt19937_64 rng_;
  GeneratorOptions o_;
};

// The bundle as one Proviso source file.
std::string print(const Bundle& b);

// The value as a scenario file or a test message shows it.
std::string show_value(const Bundle& b, std::uint32_t fact, std::int64_t v);
std::string show(const Bundle& b, const Facts& f);

}  // namespace proviso::model
