// A bundle tree as Proviso text, with the fewest parentheses language.md 4.1 allows
// (plus those the generator asked for), so that the parser's precedence decides what
// the runtime evaluates while the reference evaluates the tree as built.
#include <string>

#include "reference/bundle_model.hpp"

namespace proviso::model {
namespace {

enum Prec { kOr = 1, kAnd = 2, kNot = 3, kCmp = 4, kSum = 5, kTerm = 6, kAtom = 7 };

struct Text {
  std::string s;
  int prec;
};

std::string wrap(const Text& t, int need) { return t.prec >= need ? t.s : "(" + t.s + ")"; }

// Digits grouped with `_` now and then, as the lexer allows.
std::string number_text(std::int64_t v) {
  std::string digits = std::to_string(v);
  if (digits.size() < 5 || (v & 3) != 0) return digits;
  std::string out;
  const std::size_t start = digits[0] == '-' ? 1 : 0;
  out = digits.substr(0, start);
  const std::string body = digits.substr(start);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (i > 0 && (body.size() - i) % 3 == 0) out += '_';
    out += body[i];
  }
  return out;
}

class Printer {
 public:
  explicit Printer(const Bundle& b) : b_(b) {}

  Text expr(const Expr& e) const {
    Text t = bare(e);
    if (e.parenthesise) return {"(" + t.s + ")", kAtom};
    return t;
  }

 private:
  Text bare(const Expr& e) const {
    using Op = Expr::Op;
    switch (e.op) {
      case Op::literal_true: return {"true", kAtom};
      case Op::literal_false: return {"false", kAtom};
      case Op::number: return {number_text(e.number), e.number < 0 ? kSum : kAtom};  // "-5" reads as a sum
      case Op::fact: return {b_.facts[e.index].name, kAtom};
      case Op::condition: return {b_.conditions[e.index].name, kAtom};
      case Op::enum_value: return {b_.enums[e.enum_type].values[e.index], kAtom};
      case Op::and_:
      case Op::or_: {
        const int p = e.op == Op::and_ ? kAnd : kOr;
        std::string s;
        for (std::size_t i = 0; i < e.kids.size(); ++i) {
          s += (i ? (e.op == Op::and_ ? " and " : " or ") : "") + wrap(expr(e.kids[i]), p);
        }
        return {s, p};
      }
      case Op::not_: return {"not " + wrap(expr(e.kids[0]), kNot), kNot};
      case Op::eq: return binary(e, " == ");
      case Op::ne: return binary(e, " != ");
      case Op::lt: return binary(e, " < ");
      case Op::le: return binary(e, " <= ");
      case Op::gt: return binary(e, " > ");
      case Op::ge: return binary(e, " >= ");
      case Op::add:
      case Op::sub:
        return {wrap(expr(e.kids[0]), kSum) + (e.op == Op::add ? " + " : " - ") + wrap(expr(e.kids[1]), kTerm), kSum};
      case Op::mul: return {wrap(expr(e.kids[0]), kTerm) + " * " + wrap(expr(e.kids[1]), kAtom), kTerm};
      case Op::in_list: {
        const EnumType& t = b_.enums[b_.facts[e.kids[0].index].enum_type];
        std::string s = wrap(expr(e.kids[0]), kSum) + " in { ";
        for (std::size_t i = 0; i < e.list.size(); ++i) s += (i ? ", " : "") + t.values[e.list[i]];
        return {s + " }", kCmp};
      }
      case Op::in_set: return {wrap(expr(e.kids[0]), kSum) + " in " + wrap(expr(e.kids[1]), kAtom), kCmp};
    }
    return {"?", kAtom};
  }

  Text binary(const Expr& e, const char* op) const {
    return {wrap(expr(e.kids[0]), kSum) + op + wrap(expr(e.kids[1]), kSum), kCmp};
  }

  const Bundle& b_;
};

}  // namespace

std::string print(const Bundle& b) {
  Printer pr(b);
  std::string out = "sectors { ";
  for (std::size_t i = 0; i < b.enums[0].values.size(); ++i) out += (i ? ", " : "") + b.enums[0].values[i];
  out += " }\n" + b.extra_declarations;
  for (std::size_t t = 1; t < b.enums.size(); ++t) {
    if (b.enums[t].name.empty()) continue;
    out += "type " + b.enums[t].name + " = enum { ";
    for (std::size_t v = 0; v < b.enums[t].values.size(); ++v) out += (v ? ", " : "") + b.enums[t].values[v];
    out += " }\n";
  }
  for (std::size_t i = 0; i < b.obligations.size(); ++i) {
    out += "obligation " + b.obligations[i] + " \"Obligation " + std::to_string(i) + "\"\n";
  }
  for (std::size_t f = 2; f < b.facts.size(); ++f) {
    out += "fact " + b.facts[f].name + ": " + b.facts[f].type_text;
    if (!b.facts[f].question.empty()) out += " \"" + b.facts[f].question + "\"";
    out += "\n";
  }
  for (const Condition& c : b.conditions) out += "condition " + c.name + " = " + pr.expr(c.body).s + "\n";
  for (const Policy& p : b.policies) {
    out += "policy " + p.name + " {\n";
    if (p.sector) out += "  sector " + b.enums[0].values[*p.sector] + "\n";
    if (p.write_default) out += std::string("  default ") + name_of(p.default_effect) + "\n";
    if (p.write_combine) out += std::string("  combine ") + (p.first ? "first" : "strictest") + "\n";
    if (p.defers) out += "  defers\n";
    for (const Rule& r : p.rules) {
      out += "  rule " + r.name + ": " + name_of(r.effect) + "\n    when " + pr.expr(r.when).s + "\n";
      if (r.unless) out += "    unless " + pr.expr(*r.unless).s + "\n";
      if (!r.requires_.empty()) {
        out += "    require ";
        for (std::size_t j = 0; j < r.requires_.size(); ++j) out += (j ? ", " : "") + b.obligations[r.requires_[j]];
        out += "\n";
      }
      if (r.defers) out += "    defers\n";
      if (!r.overrides.empty()) {
        out += "    overrides ";
        for (std::size_t j = 0; j < r.overrides.size(); ++j) out += (j ? ", " : "") + p.rules[r.overrides[j]].name;
        out += "\n";
      }
    }
    out += "}\n";
  }
  return out;
}

std::string show_value(const Bundle& b, std::uint32_t fact, std::int64_t v) {
  const FactDecl& f = b.facts[fact];
  switch (f.kind) {
    case Kind::boolean: return v ? "true" : "false";
    case Kind::integer: return std::to_string(v);
    case Kind::enumeration: return b.enums[f.enum_type].values[static_cast<std::size_t>(v)];
    case Kind::set: {
      std::string s = "{";
      const auto& values = b.enums[f.enum_type].values;
      bool first = true;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if ((static_cast<std::uint64_t>(v) >> i) & 1u) {
          s += (first ? " " : ", ") + values[i];
          first = false;
        }
      }
      return s + " }";
    }
  }
  return "?";
}

std::string show(const Bundle& b, const Facts& f) {
  std::string s;
  for (std::uint32_t i = 0; i < f.size(); ++i) {
    s += "  " + b.facts[i].name + " = " + (f[i] ? show_value(b, i, *f[i]) : "(unknown)") + "\n";
  }
  return s;
}

}  // namespace proviso::model
