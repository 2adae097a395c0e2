// Opening a register by its target, and the two shapes a record is written out in.
#include <memory>

#include "proviso/base/diagnostic_render.hpp"
#include "proviso/service/register.hpp"
#include "register/stores.hpp"

namespace proviso {

std::unique_ptr<Register> open_register(std::string_view target, bool create, std::string& error) {
  if (target.rfind("sqlite:", 0) == 0) {
    const std::string_view file = target.substr(7);
    if (file.empty()) {
      error = "sqlite: needs a file name, e.g. sqlite:proviso-register.sqlite";
      return nullptr;
    }
    return service::internal::open_sqlite(std::string(file), create, error);
  }
  if (target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0) {
    return service::internal::open_postgresql(std::string(target), create, error);
  }
  error = "unknown register '" + std::string(target) +
          "': expected sqlite:FILE or postgresql://USER@HOST:PORT/DATABASE";
  return nullptr;
}

std::string record_json(const DecisionRecord& r) {
  std::string out = "{\"decision_id\":";
  append_json_string(out, r.id);
  out += ",\"time\":";
  append_json_string(out, r.time);
  out += ",\"bundle\":";
  append_json_string(out, r.bundle);
  out += ",\"endpoint\":";
  append_json_string(out, r.endpoint);
  out += ",\"from\":";
  append_json_string(out, r.flow_from);
  out += ",\"to\":";
  append_json_string(out, r.flow_to);
  out += ",\"decision\":";
  append_json_string(out, r.decision);
  // The service writes these columns as JSON; they are copied as they are.
  out += ",\"obligations\":";
  out += r.obligations.empty() ? "[]" : r.obligations;
  out += ",\"missing\":";
  out += r.missing.empty() ? "[]" : r.missing;
  out += ",\"request\":";
  out += r.request.empty() ? "null" : r.request;
  out += ",\"result\":";
  out += r.result.empty() ? "null" : r.result;
  out += '}';
  return out;
}

namespace {
void csv_field(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace

std::string record_csv_header() {
  return "decision_id,time,bundle,endpoint,from,to,decision,obligations,missing,request,result\n";
}

std::string record_csv(const DecisionRecord& r) {
  std::string out;
  for (const std::string* f : {&r.id, &r.time, &r.bundle, &r.endpoint, &r.flow_from, &r.flow_to, &r.decision,
                               &r.obligations, &r.missing, &r.request, &r.result}) {
    if (!out.empty()) out += ',';
    csv_field(out, *f);
  }
  out += '\n';
  return out;
}

}  // namespace proviso
