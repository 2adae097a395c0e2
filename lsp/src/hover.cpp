// Hover: a fact's type, question and citations; a condition's expression, text and
// citations; a rule's effect, condition, because and citations; a framework
// question's text; an obligation's text; a type's definition; an enum value's type.
#include "server.hpp"

namespace proviso::lsp::internal {

json hover(Server& s, const json& params) {
  Place p = place_of(s, params, true);
  const std::string key = key_at(p);
  const Symbol* sym = key.empty() ? nullptr : p.bundle->index->find(key);
  if (!sym || sym->hover.empty()) return nullptr;
  json out = {{"contents", {{"kind", "markdown"}, {"value", sym->hover}}}};
  if (const Occurrence* o = p.bundle->index->at(p.file, p.offset)) {
    out["range"] = LineIndex(p.text).range(o->begin, o->end);
  }
  return out;
}

}  // namespace proviso::lsp::internal
