// The JSON lists several endpoints write: names, and citations as their texts.
#include "api/api.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/render.hpp"

namespace proviso::service::internal {

std::string strings_json(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  return out + "]";
}

std::string cites_json(const std::vector<Citation>& cites) {
  std::vector<std::string> texts;
  for (const Citation& c : cites) texts.push_back(citation_text(c));
  return strings_json(texts);
}

}  // namespace proviso::service::internal
