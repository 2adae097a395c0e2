// The types table: the built-ins (bool, int, sector), declared types, then the inline
// enums, bounded ints and sets that fact declarations spell out. Also the fact types.
//
// An int range whose low bound exceeds its high bound is a `type-mismatch`: it is a
// type with no values, a mistake in the type itself, not a resource limit.
#include <algorithm>
#include <unordered_map>

#include "proviso/base/suggest.hpp"
#include "sema/sema_context.hpp"

namespace proviso::compiler::internal {
namespace {

Type make_type(TypeKind kind, std::string name) {
  Type t;
  t.kind = kind;
  t.name = std::move(name);
  return t;
}

class TypeBuilder {
 public:
  explicit TypeBuilder(SemaContext& cx) : cx_(cx), b_(cx.b) {}

  void builtins() {
    b_.types.clear();
    b_.types.push_back(make_type(TypeKind::boolean, "bool"));
    b_.types.push_back(make_type(TypeKind::integer, "int"));
    Type sector = make_type(TypeKind::enumeration, "sector");
    if (b_.decls.sectors) {
      for (const ast::Ident& s : b_.decls.sectors->names) sector.values.push_back(s.text);
    }
    b_.types.push_back(std::move(sector));
    b_.bool_type = 0;
    b_.int_type = 1;
    b_.sector_type = 2;
  }

  void declared() {
    b_.declared_type_ids.assign(b_.decls.types.size(), kNone);
    state_.assign(b_.decls.types.size(), State::fresh);
    for (std::uint32_t i = 0; i < b_.decls.types.size(); ++i) declare(i);
  }

  void facts() {
    b_.fact_types.assign(b_.fact_count(), kNone);
    b_.fact_types[kFactFrom] = b_.sector_type;
    b_.fact_types[kFactTo] = b_.sector_type;
    for (std::size_t i = 0; i < b_.decls.facts.size(); ++i) {
      b_.fact_types[fact_id_of_declared(i)] = resolve(*b_.decls.facts[i]);
    }
  }

 private:
  std::uint32_t push(Type t) {
    b_.types.push_back(std::move(t));
    return static_cast<std::uint32_t>(b_.types.size() - 1);
  }

  std::uint32_t add_enum(std::string name, const ast::TypeExpr& t) {
    Type type = make_type(TypeKind::enumeration, std::move(name));
    std::unordered_map<std::string_view, const ast::Ident*> seen;
    for (const ast::Ident& v : t.values) {
      auto [it, fresh] = seen.emplace(v.text, &v);
      if (!fresh) {
        Diagnostic& d = cx_.report(Code::duplicate_name, "enum value '" + v.text + "' is declared twice", v.span);
        cx_.note(d, "first declared here", it->second->span);
        continue;
      }
      type.values.push_back(v.text);
    }
    return push(std::move(type));
  }

  std::uint32_t add_int(std::string name, const ast::TypeExpr& t) {
    Type type = make_type(TypeKind::integer, std::move(name));
    if (t.lo && t.hi) {
      if (*t.lo > *t.hi) {
        cx_.report(Code::type_mismatch,
                   "empty int range: the low bound " + std::to_string(*t.lo) + " is above the high bound " +
                       std::to_string(*t.hi),
                   t.span);
        return kNone;
      }
      type.lo = *t.lo;
      type.hi = *t.hi;
    }
    return push(std::move(type));
  }

  // A declared type; `type a = b` makes `a` another name for `b`'s type, so aliases
  // resolve on demand, and a chain of them that comes back to itself is a `cycle`.
  std::uint32_t declare(std::uint32_t index) {
    if (state_[index] == State::done) return b_.declared_type_ids[index];
    const ast::TypeDecl& decl = *b_.decls.types[index];
    if (state_[index] == State::resolving) {
      report_alias_cycle(index);
      return kNone;
    }
    state_[index] = State::resolving;
    alias_path_.push_back(index);
    std::uint32_t id = kNone;
    const ast::TypeExpr& t = decl.type;
    switch (t.kind) {
      case ast::TypeExpr::Kind::enumeration: id = add_enum(decl.name.text, t); break;
      case ast::TypeExpr::Kind::integer: id = add_int(decl.name.text, t); break;
      case ast::TypeExpr::Kind::boolean: id = b_.bool_type; break;
      case ast::TypeExpr::Kind::named: id = lookup(t.name); break;
      case ast::TypeExpr::Kind::set:
        cx_.report(Code::type_mismatch, "type '" + decl.name.text + "' must be an enum, an int or bool", t.span);
        break;
    }
    alias_path_.pop_back();
    state_[index] = State::done;
    b_.declared_type_ids[index] = id;
    return id;
  }

  void report_alias_cycle(std::uint32_t index) {
    auto first = std::find(alias_path_.begin(), alias_path_.end(), index);
    std::string message = "type aliases form a cycle: ";
    for (auto it = first; it != alias_path_.end(); ++it) message += b_.decls.types[*it]->name.text + " -> ";
    message += b_.decls.types[index]->name.text;
    Diagnostic& d = cx_.report(Code::cycle, std::move(message), b_.decls.types[index]->name.span);
    for (auto it = first; it != alias_path_.end(); ++it) {
      const ast::TypeDecl& decl = *b_.decls.types[*it];
      cx_.note(d, "'" + decl.name.text + "' names '" + decl.type.name.text + "' here", decl.type.name.span);
    }
  }

  // A named type: declared types and the built-in `sector`.
  std::uint32_t lookup(const ast::Ident& name) {
    if (name.text == "sector") return b_.sector_type;
    const Symbol* s = cx_.expect_symbol(name, SymbolKind::type, "type");
    return s ? declare(s->index) : kNone;
  }

  std::uint32_t set_of(const ast::TypeExpr& t) {
    std::uint32_t element = lookup(t.name);
    if (element == kNone) return kNone;
    const Type& e = b_.types[element];
    if (e.kind != TypeKind::enumeration) {
      cx_.report(Code::type_mismatch, "'set of' needs an enum type, not '" + e.name + "'", t.name.span);
      return kNone;
    }
    const std::size_t limit = std::min(cx_.options.max_set_members, kSetMaskBits);
    if (e.values.size() > limit) {
      cx_.report(Code::limit,
                 "'set of " + e.name + "': '" + e.name + "' has " + std::to_string(e.values.size()) +
                     " values, and a set's enum may have at most " + std::to_string(limit),
                 t.span);
      return kNone;
    }
    // One set type per element enum, so two facts of `set of E` compare equal.
    auto it = set_types_.find(element);
    if (it != set_types_.end()) return it->second;
    Type set = make_type(TypeKind::set, "set of " + e.name);
    set.element = TypeId(element);
    std::uint32_t id = push(std::move(set));
    set_types_.emplace(element, id);
    return id;
  }

  std::uint32_t resolve(const ast::FactDecl& fact) {
    const ast::TypeExpr& t = fact.type;
    switch (t.kind) {
      case ast::TypeExpr::Kind::boolean: return b_.bool_type;
      case ast::TypeExpr::Kind::integer:
        if (!t.lo || !t.hi) return b_.int_type;
        return add_int("int (" + std::to_string(*t.lo) + " .. " + std::to_string(*t.hi) + ")", t);
      case ast::TypeExpr::Kind::enumeration: {
        std::string name = "enum {";
        for (std::size_t i = 0; i < t.values.size(); ++i) name += (i ? ", " : "") + t.values[i].text;
        return add_enum(name + "}", t);
      }
      case ast::TypeExpr::Kind::set: return set_of(t);
      case ast::TypeExpr::Kind::named: return lookup(t.name);
    }
    return kNone;
  }

  enum class State : std::uint8_t { fresh, resolving, done };

  SemaContext& cx_;
  CheckedBundle& b_;
  std::unordered_map<std::uint32_t, std::uint32_t> set_types_;
  std::vector<State> state_;
  std::vector<std::uint32_t> alias_path_;
};

}  // namespace

void check_types(SemaContext& cx) {
  TypeBuilder builder(cx);
  builder.builtins();
  builder.declared();
  builder.facts();
  cx.index_enum_values();
}

}  // namespace proviso::compiler::internal
