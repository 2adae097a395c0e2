// What a result of one program is mostly made of, as text for the register's
// compression: the result's own keys, each policy's head, each leaf of a reason as it
// holds, and each rule's entry with its commonest statuses. The entries go last: the
// compressor reaches the end of its dictionary most cheaply, and they are most of a result.
#include "core/result_dictionary.hpp"

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/base/sha256.hpp"

namespace proviso::service::internal {

std::shared_ptr<const ResultDictionary> make_result_dictionary(const Program& p, const JsonFragments& fragments) {
  std::string text =
      "{\"decision\":\"undetermined\",\"on\":\"\",\"obligations\":[],\"missing\":[],\"next_question\":null,"
      "\"questions\":[],\"policies\":[{\"decision\":\"share\",\"default\":true,\"conflict\":false,"
      "\"obligations\":[],\"rules\":[]}],\"status\":\"overridden\",\"status\":\"undetermined\","
      "\"status\":\"not_in_force\",\"why\":\" is unknown\",\"why\":\"not \", and ";
  for (std::uint32_t n = 0; n < p.nodes.size() && text.size() < kResultDictionaryLimit / 2; ++n) {
    if (const JsonFragments::Leaf* leaf = fragments.leaf(n)) {
      for (const std::string& literal : leaf->literals) {
        text += literal;
        text += " and ";
      }
    }
  }
  for (const Policy& pol : p.policies) {
    if (text.size() >= kResultDictionaryLimit) break;
    text += "{\"policy\":";
    append_json_string(text, pol.name);
    text += ",\"decision\":\"deny\",\"default\":false,\"conflict\":false,\"obligations\":[],\"rules\":[";
    for (std::uint32_t id = pol.first_rule; id < pol.first_rule + pol.rule_count; ++id) {
      const JsonFragments::RuleEntry* entry = fragments.rule(id);
      if (!entry || text.size() >= kResultDictionaryLimit) break;
      for (const char* status : {"applied", "not_applicable"}) {
        text += entry->head;
        text += status;
        text += entry->tail;
        text += ",\"why\":\"\"},";
      }
    }
    text += "]},";
  }
  if (text.size() > kResultDictionaryLimit) text.resize(kResultDictionaryLimit);
  auto d = std::make_shared<ResultDictionary>();
  d->digest = to_hex(sha256(text));
  d->content = std::move(text);
  return d;
}

}  // namespace proviso::service::internal
