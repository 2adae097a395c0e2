// parse_source: checks the bytes (size, UTF-8, NUL), then runs the PEGTL grammar with
// actions that build the AST directly. The first syntax or limit error stops the parse
// and becomes the file's one diagnostic. Token and expression actions live in
// parse_actions.hpp; the declaration actions below assemble their scratch into the
// ast::File.
#include "proviso/compiler/parse.hpp"

#include <tao/pegtl.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "parse_actions.hpp"
#include "parse_errors.hpp"
#include "proviso/grammar.hpp"

namespace proviso {
namespace detail {
namespace {

// A clause that may appear once: a second one is an error at its keyword.
template <class In>
void once(parse_state& s, bool seen, const In& in, const char* what, const char* where) {
  if (seen) {
    s.fail(Code::syntax, s.offset(in.begin()), s.offset(in.begin()) + static_cast<std::uint32_t>(std::strlen(what)),
           std::string("duplicate '") + what + "' in " + where, std::string("a ") + where + " has at most one '" + what + "'");
  }
}

}  // namespace

// ------------------------------------------------------------------ types
template <>
struct action<g::enum_type> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.type = {};
    s.type.kind = ast::TypeExpr::Kind::enumeration;
    s.type.span = s.span_to_last(in.begin());
    s.type.values = std::move(s.names);
    s.names.clear();
  }
};
template <>
struct action<g::enum_value> {
  static void apply0(parse_state& s) { s.names.push_back(s.ident); }
};
template <>
struct action<g::int_kw> {
  static void apply0(parse_state& s) {
    s.type = {};
    s.type.kind = ast::TypeExpr::Kind::integer;
  }
};
template <>
struct action<g::bound_lo> {
  static void apply0(parse_state& s) { s.type.lo = s.number; }
};
template <>
struct action<g::bound_hi> {
  static void apply0(parse_state& s) { s.type.hi = s.number; }
};
template <>
struct action<g::int_type> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.type.span = s.span_to_last(in.begin()); }
};
template <>
struct action<g::bool_type> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.type = {};
    s.type.kind = ast::TypeExpr::Kind::boolean;
    s.type.span = s.span_to_last(in.begin());
  }
};
template <>
struct action<g::named_type> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.type = {};
    s.type.kind = ast::TypeExpr::Kind::named;
    s.type.name = s.ident;
    s.type.span = s.span_to_last(in.begin());
  }
};
template <>
struct action<g::set_type> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.type = {};
    s.type.kind = ast::TypeExpr::Kind::set;
    s.type.name = s.ident;
    s.type.span = s.span_to_last(in.begin());
  }
};

// ------------------------------------------------------------------ declarations
// Names of flat declarations wait in decl_name while the rest is read.
struct take_decl_name {
  static void apply0(parse_state& s) { s.decl_name = s.ident; }
};
template <> struct action<g::type_name> : take_decl_name {};
template <> struct action<g::obligation_name> : take_decl_name {};
template <> struct action<g::fact_name> : take_decl_name {};
template <> struct action<g::condition_name> : take_decl_name {};

// Starting a declaration that may carry a note and cites clears what a previous one left.
struct start_noted {
  static void apply0(parse_state& s) {
    s.note.reset();
    s.cites.clear();
  }
};
template <> struct action<g::fact_kw> : start_noted {};
template <> struct action<g::condition_kw> : start_noted {};
struct take_note {
  static void apply0(parse_state& s) { s.note = s.text; }
};
template <> struct action<g::fact_question> : take_note {};
template <> struct action<g::condition_text> : take_note {};

template <>
struct action<g::import_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.file.imports.push_back({s.text, s.span_to_last(in.begin())}); }
};
template <>
struct action<g::sector_name> {
  static void apply0(parse_state& s) { s.names.push_back(s.ident); }
};
template <>
struct action<g::sectors_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.file.sectors.push_back({std::move(s.names), s.span_to_last(in.begin())});
    s.names.clear();
  }
};
template <>
struct action<g::type_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.file.types.push_back({s.decl_name, std::move(s.type), s.span_to_last(in.begin())});
  }
};
template <>
struct action<g::obligation_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.file.obligations.push_back({s.decl_name, s.text, s.span_to_last(in.begin())});
  }
};
template <>
struct action<g::fact_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.file.facts.push_back({s.decl_name, std::move(s.type), std::move(s.note), std::move(s.cites),
                            s.span_to_last(in.begin())});
    s.cites.clear();
  }
};
template <>
struct action<g::condition_expr> {
  static void apply0(parse_state& s) { s.decl_expr = s.pop_expr(); }
};
template <>
struct action<g::condition_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.file.conditions.push_back({s.decl_name, std::move(s.decl_expr), std::move(s.note), std::move(s.cites),
                                 s.span_to_last(in.begin())});
    s.cites.clear();
  }
};

// ------------------------------------------------------------------ frameworks
template <>
struct action<g::framework_kw> {
  static void apply0(parse_state& s) { s.framework = {}; }
};
template <>
struct action<g::framework_name> {
  static void apply0(parse_state& s) { s.framework.name = s.ident; }
};
template <>
struct action<g::framework_title> {
  static void apply0(parse_state& s) { s.framework.title = s.text; }
};
template <>
struct action<g::question_name> {
  static void apply0(parse_state& s) {
    s.question = {};
    s.question.name = s.ident;
  }
};
template <>
struct action<g::question_text> {
  static void apply0(parse_state& s) { s.question.text = s.text; }
};
template <>
struct action<g::group_name> {
  static void apply0(parse_state& s) { s.question.group = s.ident; }
};
template <>
struct action<g::question_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.question.span = s.span_to_last(in.begin());
    s.framework.questions.push_back(std::move(s.question));
  }
};
template <>
struct action<g::framework_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.framework.span = s.span_to_last(in.begin());
    s.file.frameworks.push_back(std::move(s.framework));
  }
};

// ------------------------------------------------------------------ policies and rules
template <>
struct action<g::policy_kw> {
  static void apply0(parse_state& s) { s.policy = {}; }
};
template <>
struct action<g::policy_name> {
  static void apply0(parse_state& s) { s.policy.name = s.ident; }
};
template <>
struct action<g::sector_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.policy.sector.has_value(), in, "sector", "policy"); }
};
template <>
struct action<g::sector_value> {
  static void apply0(parse_state& s) { s.policy.sector = s.ident; }
};
template <>
struct action<g::default_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.policy.default_effect.has_value(), in, "default", "policy");
  }
};
template <>
struct action<g::default_effect> {
  static void apply0(parse_state& s) { s.policy.default_effect = s.effect; }
};
template <>
struct action<g::combine_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.policy.combine.has_value(), in, "combine", "policy"); }
};
template <>
struct action<g::combine_mode> {
  static void apply0(parse_state& s) { s.policy.combine = s.combine; }
};

// `defers` is six bytes; the span covers the word, not the padding after it.
template <>
struct action<g::policy_defers> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.policy.defers.has_value(), in, "defers", "policy");
    s.policy.defers = s.span(s.offset(in.begin()), s.offset(in.begin()) + 6);
  }
};

template <>
struct action<g::rule_kw> {
  static void apply0(parse_state& s) {
    s.rule = {};
    s.cites.clear();
  }
};
template <>
struct action<g::rule_name> {
  static void apply0(parse_state& s) { s.rule.name = s.ident; }
};
template <>
struct action<g::rule_effect> {
  static void apply0(parse_state& s) {
    s.rule.effect = s.effect;
    s.rule.effect_span = s.effect_span;
  }
};
template <>
struct action<g::when_expr> {
  static void apply0(parse_state& s) { s.rule.when = s.pop_expr(); }
};
template <>
struct action<g::unless_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.rule.unless != nullptr, in, "unless", "rule"); }
};
template <>
struct action<g::unless_expr> {
  static void apply0(parse_state& s) { s.rule.unless = s.pop_expr(); }
};
template <>
struct action<g::require_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, !s.rule.requires_.empty(), in, "require", "rule"); }
};
template <>
struct action<g::required_obligation> {
  static void apply0(parse_state& s) { s.rule.requires_.push_back(s.ident); }
};
template <>
struct action<g::because_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.rule.because.has_value(), in, "because", "rule"); }
};
template <>
struct action<g::because_text> {
  static void apply0(parse_state& s) { s.rule.because = s.text; }
};
template <>
struct action<g::overrides_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, !s.rule.overrides.empty(), in, "overrides", "rule");
  }
};
template <>
struct action<g::overridden_rule> {
  static void apply0(parse_state& s) { s.rule.overrides.push_back(s.ident); }
};
template <>
struct action<g::rule_defers> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    once(s, s.rule.defers.has_value(), in, "defers", "rule");
    s.rule.defers = s.span(s.offset(in.begin()), s.offset(in.begin()) + 6);
  }
};
template <>
struct action<g::rule_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.rule.cites = std::move(s.cites);
    s.cites.clear();
    s.rule.span = s.span_to_last(in.begin());
    s.policy.rules.push_back(std::move(s.rule));
  }
};
template <>
struct action<g::policy_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.policy.span = s.span_to_last(in.begin());
    s.file.policies.push_back(std::move(s.policy));
  }
};

// ------------------------------------------------------------------ scenarios
template <>
struct action<g::scenario_kw> {
  static void apply0(parse_state& s) { s.scenario = {}; }
};
template <>
struct action<g::scenario_title> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.scenario.title = s.text;
    s.scenario.title_span = s.span_to_last(in.begin());
  }
};
template <>
struct action<g::from_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.scenario.from.has_value(), in, "from", "scenario"); }
};
template <>
struct action<g::from_sector> {
  static void apply0(parse_state& s) { s.scenario.from = s.ident; }
};
template <>
struct action<g::to_kw> {
  template <class In>
  static void apply(const In& in, parse_state& s) { once(s, s.scenario.to.has_value(), in, "to", "scenario"); }
};
template <>
struct action<g::to_sector> {
  static void apply0(parse_state& s) { s.scenario.to = s.ident; }
};
template <>
struct action<g::assigned_fact> {
  static void apply0(parse_state& s) {
    s.assignment = {};
    s.assignment.fact = s.ident;
  }
};
template <ast::ScenarioValue::Kind K, bool B = false>
struct simple_value {
  static void apply0(parse_state& s) {
    s.value = {};
    s.value.kind = K;
    s.value.bool_value = B;
    if constexpr (K == ast::ScenarioValue::Kind::integer) s.value.int_value = s.number;
    if constexpr (K == ast::ScenarioValue::Kind::name) s.value.name = s.ident;
  }
};
template <> struct action<g::value_true> : simple_value<ast::ScenarioValue::Kind::boolean, true> {};
template <> struct action<g::value_false> : simple_value<ast::ScenarioValue::Kind::boolean, false> {};
template <> struct action<g::value_int> : simple_value<ast::ScenarioValue::Kind::integer> {};
template <> struct action<g::value_name> : simple_value<ast::ScenarioValue::Kind::name> {};
template <> struct action<g::value_set_open> : simple_value<ast::ScenarioValue::Kind::set> {};
template <>
struct action<g::set_member> {
  static void apply0(parse_state& s) { s.value.members.push_back(s.ident); }
};
template <>
struct action<g::scenario_value> {
  template <class In>
  static void apply(const In& in, parse_state& s) { s.value.span = s.span_to_last(in.begin()); }
};
template <>
struct action<g::assignment> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.assignment.value = std::move(s.value);
    s.assignment.span = s.span_to_last(in.begin());
    s.scenario.facts.push_back(std::move(s.assignment));
  }
};
template <>
struct action<g::expect_kw> {
  static void apply0(parse_state& s) { s.expect = {}; }
};
template <>
struct action<g::expected_effect> {
  static void apply0(parse_state& s) {
    static_assert(static_cast<int>(Outcome::share) == static_cast<int>(Effect::share) &&
                  static_cast<int>(Outcome::refer) == static_cast<int>(Effect::refer) &&
                  static_cast<int>(Outcome::deny) == static_cast<int>(Effect::deny));
    s.expect.outcome = static_cast<Outcome>(s.effect);
  }
};
template <>
struct action<g::expect_require_kw> {
  static void apply0(parse_state& s) { s.expect.has_require = true; }
};
template <>
struct action<g::expected_obligation> {
  static void apply0(parse_state& s) { s.expect.requires_.push_back(s.ident); }
};
template <>
struct action<g::undetermined_word> {
  static void apply0(parse_state& s) { s.expect.outcome = Outcome::undetermined; }
};
template <>
struct action<g::missing_word> {
  static void apply0(parse_state& s) { s.expect.has_missing = true; }
};
template <>
struct action<g::missing_fact> {
  static void apply0(parse_state& s) { s.expect.missing.push_back(s.ident); }
};
template <>
struct action<g::expect_clause> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.expect.span = s.span_to_last(in.begin());
    s.scenario.expect = std::move(s.expect);
  }
};
template <>
struct action<g::scenario_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.scenario.span = s.span_to_last(in.begin());
    s.file.scenarios.push_back(std::move(s.scenario));
  }
};

// ------------------------------------------------------------------ errors
namespace {

// The length of the keyword at `p`, or 0 when none starts there.
std::size_t keyword_length(const char* p, const char* end) {
  pg::memory_input<pg::tracking_mode::lazy> probe(p, end, "");
  return pg::parse<g::t::keyword>(probe) ? static_cast<std::size_t>(probe.current() - p) : 0;
}

// The bytes of the UTF-8 sequence starting at `p` (already validated).
std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

// must_if supplies the message table (and static_asserts that every error point has a
// message); this control adds what a static table cannot say: where the input ended,
// which keyword stands where a name should, and which escape is unknown.
template <class Rule>
struct control : pg::must_if<syntax_errors>::control<Rule> {
  template <class In, class... States>
  [[noreturn]] static void raise(const In& in, parse_state& s, States&&... st) {
    static_assert(error_message<Rule> != nullptr, "every error point of the grammar needs a message");
    const std::uint32_t at = s.offset(in.current());
    if constexpr (std::is_same_v<Rule, g::t::string_close>) {
      s.fail(Code::syntax, s.string_begin, s.string_begin + 1, error_message<Rule>,
             "a string must end on the line it starts on");
    } else if constexpr (std::is_same_v<Rule, g::t::unknown_escape>) {
      std::string escape(in.current(), 1 + utf8_length(static_cast<unsigned char>(in.peek_char(1))));
      s.fail(Code::syntax, at, at + static_cast<std::uint32_t>(escape.size()),
             std::string(error_message<Rule>) + " '" + escape + "' in a string",
             "the escapes are \\\" \\\\ \\n and \\t");
    }
    if (in.empty()) {
      s.fail(Code::syntax, s.last_end, s.last_end, std::string("unexpected end of input: ") + error_message<Rule>);
    }
    if constexpr (expects_name<Rule>) {
      if (std::size_t n = keyword_length(in.current(), in.end())) {
        std::string word(in.current(), n);
        s.fail(Code::syntax, at, at + static_cast<std::uint32_t>(n),
               "'" + word + "' is a keyword and cannot be used as a name",
               "rename it, e.g. '" + word + "_'");
      }
    }
    pg::must_if<syntax_errors>::control<Rule>::raise(in, s, st...);
  }
};

// ------------------------------------------------------------------ bytes
namespace {

// The offset of the first byte that is not valid UTF-8 (overlong forms, surrogates
// and code points above U+10FFFF included), or npos.
std::size_t invalid_utf8_at(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

void report(const SourceFile& source, Diagnostics& diags, Code code, std::uint32_t begin, std::uint32_t end,
            std::string message, std::string hint = {}) {
  Diagnostic& d = diags.add(code, std::move(message), source.locate(begin, end));
  d.hint = std::move(hint);
}

// The underline of a plain syntax error: the word or number at the caret (non-ASCII
// letters included, so a character is never cut in half), or one byte.
std::uint32_t word_end(std::string_view text, std::uint32_t at) {
  std::uint32_t end = at;
  while (end < text.size()) {
    auto ch = static_cast<unsigned char>(text[end]);
    bool word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                ch >= 0x80;
    if (!word) break;
    ++end;
  }
  return end > at ? end : at + 1;
}

}  // namespace
}  // namespace detail

std::optional<ast::File> parse_source(const SourceFile& source, std::uint32_t file_id, const ParseOptions& options,
                                      Diagnostics& diags) {
  namespace pg = tao::pegtl;
  const std::string_view text = source.text();
  // Offsets are 32-bit, so a file may never exceed that whatever the options say.
  const std::size_t max_bytes = std::min<std::size_t>(options.max_file_bytes, UINT32_MAX - 1);
  if (text.size() > max_bytes) {
    detail::report(source, diags, Code::limit, 0, 0,
                   "file is " + std::to_string(text.size()) + " bytes, larger than the limit of " +
                       std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  if (std::size_t at = text.find('\0'); at != std::string_view::npos) {
    auto offset = static_cast<std::uint32_t>(at);
    detail::report(source, diags, Code::syntax, offset, offset + 1, "NUL byte", "a source file is UTF-8 text");
    return std::nullopt;
  }
  if (std::size_t at = detail::invalid_utf8_at(text); at != std::string_view::npos) {
    auto offset = static_cast<std::uint32_t>(at);
    detail::report(source, diags, Code::syntax, offset, offset + 1, "invalid UTF-8", "a source file is UTF-8 text");
    return std::nullopt;
  }

  detail::parse_state state(text.data(), file_id, options);
  pg::memory_input<pg::tracking_mode::lazy> in(text.data(), text.size(), source.name());
  try {
    pg::parse<grammar::file, detail::action, detail::control>(in, state);
  } catch (const detail::parse_stop& stop) {
    detail::report(source, diags, stop.code, stop.begin, stop.end, stop.message, stop.hint);
    return std::nullopt;
  } catch (const pg::parse_error& e) {
    auto at = static_cast<std::uint32_t>(e.positions().front().byte);
    detail::report(source, diags, Code::syntax, at, detail::word_end(text, at), std::string(e.message()));
    return std::nullopt;
  }
  return std::move(state.file);
}

}  // namespace proviso
