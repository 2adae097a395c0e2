#include "proviso/base/diagnostic.hpp"

#include <algorithm>

namespace proviso {

std::string_view to_string(Code code) {
  switch (code) {
    case Code::syntax: return "syntax";
    case Code::undefined_name: return "undefined-name";
    case Code::duplicate_name: return "duplicate-name";
    case Code::type_mismatch: return "type-mismatch";
    case Code::cycle: return "cycle";
    case Code::override_cycle: return "override-cycle";
    case Code::bad_import: return "bad-import";
    case Code::bad_scenario: return "bad-scenario";
    case Code::limit: return "limit";
    case Code::nonlinear: return "nonlinear";
    case Code::io: return "io";
    case Code::unused: return "unused";
    case Code::conflict: return "conflict";
    case Code::dead_rule: return "dead-rule";
    case Code::shadowed_rule: return "shadowed-rule";
    case Code::gap: return "gap";
    case Code::cross_policy_conflict: return "cross-policy-conflict";
    case Code::deferral_gap: return "deferral-gap";
    case Code::inconclusive: return "inconclusive";
    case Code::constraint: return "constraint";
    case Code::expired: return "expired";
    case Code::expiring: return "expiring";
    case Code::control_char: return "control-char";
    case Code::overflow: return "overflow";
  }
  return "unknown";
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

Severity default_severity(Code code) {
  switch (code) {
    case Code::conflict:
    case Code::dead_rule:
    case Code::shadowed_rule:
    case Code::cross_policy_conflict:
    case Code::deferral_gap:
    case Code::expired:
    case Code::overflow:
      return Severity::warning;
    case Code::gap:
    case Code::unused:
    case Code::inconclusive:
    case Code::expiring:
      return Severity::info;
    default:
      return Severity::error;
  }
}

Diagnostic make_diagnostic(Code code, std::string message, Location location) {
  Diagnostic d;
  d.code = code;
  d.severity = default_severity(code);
  d.message = std::move(message);
  d.location = std::move(location);
  return d;
}

Diagnostic& Diagnostics::add(Diagnostic d) {
  items_.push_back(std::move(d));
  return items_.back();
}

Diagnostic& Diagnostics::add(Code code, std::string message, Location location) {
  return add(make_diagnostic(code, std::move(message), std::move(location)));
}

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
  // Diagnostics without a place (a missing `sectors`, a command-line problem) come first.
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const Location& x = a.location;
    const Location& y = b.location;
    if (x.file != y.file) return x.file < y.file;
    if (x.line != y.line) return x.line < y.line;
    return x.column < y.column;
  });
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

}  // namespace proviso
