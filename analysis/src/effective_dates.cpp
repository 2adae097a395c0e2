// `expired` and `expiring`: data sharing agreements end and gateways are repealed, and a
// team must hear before an agreement lapses, not after (language.md, "Effective dates").
#include <fmt/format.h>

#include "findings.hpp"
#include "proviso/analysis/analysis.hpp"

namespace proviso {
namespace {

void report(const std::string& what, const Effective& e, const SourcePlace& place,
            std::vector<std::string> rules, Day on, unsigned window, Diagnostics& out) {
  if (e.until == kNoDate) return;
  if (e.until < on) {
    Diagnostic& d = out.add(Code::expired,
                            fmt::format("{} expired: it was in force until {}, before {}; it no longer applies",
                                        what, format_date(e.until), format_date(on)),
                            analysis::internal::location_of(place));
    d.rules = std::move(rules);
    d.hint = "remove it, or extend its 'effective ... until' if the agreement was renewed";
    return;
  }
  const std::int64_t left = static_cast<std::int64_t>(e.until) - on;
  if (left > window) return;
  Diagnostic& d = out.add(Code::expiring,
                          fmt::format("{} ends on {}, {} day{} after {}", what, format_date(e.until), left,
                                      left == 1 ? "" : "s", format_date(on)),
                          analysis::internal::location_of(place));
  d.rules = std::move(rules);
}

}  // namespace

void check_effective_dates(const Program& p, Day on, unsigned window_days, Diagnostics& out) {
  if (on == kNoDate) return;
  for (const Policy& pol : p.policies) {
    report(fmt::format("policy `{}`", pol.name), pol.effective, pol.place, {pol.name}, on, window_days, out);
  }
  for (std::uint32_t r = 0; r < p.rules.size(); ++r) {
    const Rule& rule = p.rules[r];
    report(fmt::format("rule `{}`", p.rule_qualified_name(r)), rule.effective, rule.place,
           {p.rule_qualified_name(r)}, on, window_days, out);
  }
}

}  // namespace proviso
