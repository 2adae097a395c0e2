// Go to definition and find references, for every kind of name: facts, conditions,
// rules (in `overrides`), policies, obligations, types, enum values and sectors,
// frameworks and their questions (in `cite`).
#include "server.hpp"

namespace proviso::lsp::internal {

json definition(Server& s, const json& params) {
  Place p = place_of(s, params, true);
  const std::string key = key_at(p);
  const Symbol* sym = key.empty() ? nullptr : p.bundle->index->find(key);
  if (!sym || !sym->has_definition) return nullptr;
  const Occurrence& d = sym->definition;
  return location_of(*p.bundle, d.file, d.begin, d.end);
}

json references(Server& s, const json& params) {
  Place p = place_of(s, params, true);
  const std::string key = key_at(p);
  if (key.empty()) return json::array();
  bool with_declaration = true;
  if (params.contains("context") && params["context"].is_object() &&
      params["context"].contains("includeDeclaration") && params["context"]["includeDeclaration"].is_boolean()) {
    with_declaration = params["context"]["includeDeclaration"].get<bool>();
  }
  json out = json::array();
  for (const Occurrence* o : p.bundle->index->uses(key)) {
    if (o->definition && !with_declaration) continue;
    out.push_back(location_of(*p.bundle, o->file, o->begin, o->end));
  }
  return out;
}

}  // namespace proviso::lsp::internal
