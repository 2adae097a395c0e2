#pragma once
// Actions for the declarations that are not policies: types, sectors, imports,
// obligations, facts, conditions and frameworks. Included by parse.cpp only (the
// actions are specialisations its parse instantiates).
#include <cstdint>
#include <cstring>
#include <string>

#include "parse/parse_actions.hpp"
#include "proviso/grammar.hpp"

namespace proviso::compiler::internal {

// A clause that may appear once: a second one is an error at its keyword.
template <class In>
inline void once(parse_state& s, bool seen, const In& in, const char* what, const char* where) {
  if (seen) {
    s.fail(Code::syntax, s.offset(in.begin()), s.offset(in.begin()) + static_cast<std::uint32_t>(std::strlen(what)),
           std::string("duplicate '") + what + "' in " + where, std::string("a ") + where + " has at most one '" + what + "'");
  }
}

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
template <> struct action<g::constraint_name> : take_decl_name {};

// Starting a declaration that may carry a note and cites clears what a previous one left.
struct start_noted {
  static void apply0(parse_state& s) {
    s.note.reset();
    s.cites.clear();
  }
};
template <> struct action<g::fact_kw> : start_noted {};
template <> struct action<g::condition_kw> : start_noted {};
template <> struct action<g::constraint_kw> : start_noted {};
struct take_note {
  static void apply0(parse_state& s) { s.note = s.text; }
};
template <> struct action<g::fact_question> : take_note {};
template <> struct action<g::condition_text> : take_note {};
template <> struct action<g::constraint_text> : take_note {};

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

template <>
struct action<g::constraint_expr> {
  static void apply0(parse_state& s) { s.decl_expr = s.pop_expr(); }
};
template <>
struct action<g::constraint_decl> {
  template <class In>
  static void apply(const In& in, parse_state& s) {
    s.file.constraints.push_back({s.decl_name, std::move(s.decl_expr), std::move(s.note), std::move(s.cites),
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

}  // namespace proviso::compiler::internal
