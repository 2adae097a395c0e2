// The assessment as one JSON object (fields may be added, never renamed).
#include <fmt/format.h>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/report/assess.hpp"

namespace proviso {
namespace {

std::string str(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string tri(Tri t) { return t == Tri::unknown ? "\"unknown\"" : t == Tri::true_ ? "true" : "false"; }

std::string condition_json(const Program& p, const AssessedCondition& c) {
  const ConditionInfo& ci = p.conditions[c.condition];
  return fmt::format("{{\"condition\": {}, \"text\": {}, \"value\": {}, \"blocking\": {}}}", str(ci.name), str(ci.text),
                     tri(c.value), c.blocking ? "true" : "false");
}

template <class T, class F>
std::string array(const std::vector<T>& items, F each) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + each(items[i]);
  return out + "]";
}

std::string fact_json(const Program& p, const AssessedFact& af) {
  const Fact& f = p.facts[af.fact];
  const Type& t = p.types[f.type];
  std::string value = "null";
  if (af.known) {
    if (t.kind == TypeKind::integer) value = std::to_string(af.value);
    else if (t.kind == TypeKind::boolean) value = af.value ? "true" : "false";
    else value = str(format_value(p, f.type, af.value));
  }
  std::string scale = af.scored ? fmt::format(", \"scale\": {{\"lo\": {}, \"hi\": {}}}", t.lo, t.hi) : "";
  return fmt::format("{{\"fact\": {}, \"question\": {}, \"known\": {}, \"value\": {}, \"answer\": {}{}}}", str(f.name),
                     str(f.question), af.known ? "true" : "false", value, str(describe_answer(p, af)), scale);
}

}  // namespace

std::string render_assessment_json(const Assessment& a) {
  const Program& p = *a.program;
  const FrameworkInfo& f = *a.framework;
  auto cond = [&](const AssessedCondition& c) { return condition_json(p, c); };
  std::string groups = array(a.groups, [&](const AssessedGroup& g) {
    std::string questions = array(g.questions, [&](const AssessedQuestion& q) {
      return fmt::format("{{\"question\": {}, \"text\": {}, \"facts\": {}, \"conditions\": {}}}",
                         str(f.questions[q.question].name), str(f.questions[q.question].text),
                         array(q.facts, [&](const AssessedFact& af) { return fact_json(p, af); }),
                         array(q.conditions, cond));
    });
    return fmt::format("{{\"group\": {}, \"questions\": {}, \"conditions\": {}}}",
                       g.name.empty() ? "null" : str(g.name), questions, array(g.conditions, cond));
  });
  std::string flags = array(a.flags, [&](const AssessedCondition& c) {
    std::string o = condition_json(p, c);
    o.pop_back();
    return o + fmt::format(", \"raised\": {}}}", c.value == Tri::true_ ? "true" : "false");
  });
  std::string spokes = array(a.spokes, [&](const Spoke& s) {
    std::string th = "null";
    if (s.threshold) {
      th = fmt::format("{{\"condition\": {}, \"op\": {}, \"value\": {}}}", str(p.conditions[s.threshold->condition].name),
                       str(s.threshold->op), s.threshold->value);
    }
    return fmt::format("{{\"question\": {}, \"group\": {}, \"fact\": {}, \"value\": {}, \"lo\": {}, \"hi\": {}, "
                       "\"threshold\": {}}}",
                       str(f.questions[s.question].name), s.group.empty() ? "null" : str(s.group),
                       str(p.facts[s.fact].name), s.known ? std::to_string(s.value) : "\"unknown\"", s.lo, s.hi, th);
  });
  std::string policies = array(a.policies, [&](const PolicyOutcome& po) {
    return fmt::format("{{\"policy\": {}, \"covers\": {}, \"decision\": {}, \"rules\": {}}}",
                       str(p.policies[po.policy].name), po.covers ? "true" : "false",
                       po.covers ? str(to_string(po.decision)) : "null",
                       array(po.rules, [&](std::uint32_t r) { return str(p.rules[r].name); }));
  });
  return fmt::format("{{\"framework\": {}, \"title\": {}, \"scenario\": {}, \"on\": {}, \"decision\": {}, "
                     "\"groups\": {}, \"red_flags\": {}, \"scores\": {}, \"policies\": {}}}",
                     str(f.name), str(f.title), a.scenario_title.empty() ? "null" : str(a.scenario_title),
                     a.on == kNoDate ? "null" : str(format_date(a.on)), str(to_string(a.decision)), groups, flags,
                     spokes, policies);
}

}  // namespace proviso
