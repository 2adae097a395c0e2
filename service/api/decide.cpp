// POST /v1/decide, /v1/batch and /v1/ask: scenarios in, results out.
#include "api/decide.hpp"

#include "core/util.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/question.hpp"
#include "proviso/runtime/questionnaire.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::service::internal {
namespace {

// Shorter results are stored as text: packing them would not pay.
constexpr std::size_t kPackFrom = 256;

ApiResponse scenario_error(const Diagnostic& d) {
  Diagnostic plain = d;
  plain.location.line_text.clear();
  return error_response(400, to_string(d.code), d.message, ",\"diagnostic\":" + render_json(plain));
}

std::string sector_name(const Program& p, const Scenario& s, std::uint32_t fact) {
  if (fact >= s.known.size() || !s.known[fact]) return {};
  return format_value(p, p.facts[fact].type, s.values[fact]);
}

// How `d`'s result is written with the trace `mode` (no more than decide_scenario kept).
RenderContext render_context(const Decided& d, TraceMode mode) {
  RenderContext context{d.program->plan->program(), d.scenario, d.result,
                        mode == TraceMode::full ? &d.trace : nullptr, {}, {}};
  context.json_trace = mode;
  context.fragments = d.program->fragments.get();
  return context;
}

// `{"decision_id":..,"bundle":..,` + the rest of `result` after its opening brace.
std::string with_id(std::string_view result, const DecisionRecord& r) {
  std::string out;
  out.reserve(r.id.size() + r.bundle.size() + result.size() + 32);
  out += "{\"decision_id\":";
  append_json_string(out, r.id);
  out += ",\"bundle\":";
  append_json_string(out, r.bundle);
  out += ',';
  out.append(result.substr(1));
  return out;
}

}  // namespace

TraceMode default_trace_mode(const ServiceState& s) {
  return parse_trace_mode(s.options.trace).value_or(TraceMode::minimal);
}

bool read_trace_mode(const ServiceState& s, const ApiRequest& r, const Reply& reply, TraceMode& mode) {
  mode = default_trace_mode(s);
  const auto it = r.query.find("trace");
  if (it == r.query.end()) return true;
  const std::optional<TraceMode> asked = parse_trace_mode(it->second);
  if (!asked) {
    reply(error_response(400, "bad-request", "trace must be none, minimal or full, not '" + it->second + "'"));
    return false;
  }
  mode = *asked;
  return true;
}

bool decide_scenario(ServiceState& s, std::string_view json, const Reply& reply, Decided& out, TraceMode mode) {
  Worker& w = s.programs.worker();
  out.program = w.program;
  Diagnostic error;
  if (!w.reader->read(json, out.scenario, error, "<body>")) {
    reply(scenario_error(error));
    return false;
  }
  w.evaluation->evaluate(out.scenario, out.result, EvaluateOptions{.keep_values = mode != TraceMode::none});
  if (!out.result.violated.empty()) {
    // Not a real case: refused like any other bad scenario, and never recorded.
    Location at;
    at.file = "<body>";
    at.line = at.column = 1;
    reply(scenario_error(make_diagnostic(Code::bad_scenario,
                                         describe_violation(out.program->plan->program(), out.result.violated.front()), at)));
    return false;
  }
  if (mode == TraceMode::full) out.trace = build_trace(out.program->plan->program(), out.scenario, out.result);
  return true;
}

std::string result_json(const Decided& d, TraceMode mode) {
  std::string out;
  out.reserve(4096);  // a 50-rule result: grown once, not ten times
  append_result_json(out, render_context(d, mode));
  return out;
}

std::string obligations_json(const Decided& d) {
  const Program& p = d.program->plan->program();
  std::vector<std::string> names;
  for (std::uint32_t o : d.result.obligations) names.push_back(p.obligations[o].name);
  return strings_json(names);
}

std::string missing_json(const Decided& d) {
  const Program& p = d.program->plan->program();
  std::vector<std::string> names;
  for (std::uint32_t f : d.result.missing) names.push_back(p.facts[f].name);
  return strings_json(names);
}

DecisionRecord make_record(const Decided& d, std::string_view endpoint, std::string_view body, TraceMode mode,
                           const ServiceState& s, std::string* answer) {
  const Program& p = d.program->plan->program();
  DecisionRecord r;
  // The id and the time from one clock reading: a register finds a record by the time
  // its id carries (sqlite_register.cpp).
  DecisionStamp stamp = stamp_decision();
  r.id = std::move(stamp.id);
  r.bundle = d.program->hash;
  r.decision = to_string(d.result.decision);
  // The result is built in a buffer of this thread's, which keeps its capacity: a
  // 50-rule result is 3 KB, and allocating it afresh for each request showed.
  thread_local std::string result;
  result.clear();
  append_result_json(result, render_context(d, mode));
  if (answer) *answer = with_id(result, r);
  const bool recorded = s.committer != nullptr;
  if (!recorded && answer) return r;  // only the id, the bundle and the outcome are used
  r.time = std::move(stamp.time);
  r.endpoint = endpoint;
  r.flow_from = sector_name(p, d.scenario, 0);
  r.flow_to = sector_name(p, d.scenario, 1);
  r.request = compact_json(body);
  r.obligations = obligations_json(d);
  r.missing = missing_json(d);
  // Compressed here, on the threads that answer, rather than on the committer; once
  // packed, the text is not kept.
  if (recorded && s.pack_results && result.size() >= kPackFrom && d.program->compressor &&
      d.program->compressor->compress(result, r.packed_result)) {
    r.dictionary = d.program->compressor->dictionary();
  } else {
    r.result = result;
  }
  return r;
}

void record_then_answer(ServiceState& s, DecisionRecord record, std::function<ApiResponse()> answer,
                        const ApiRequest& request, const Reply& reply) {
  if (!s.committer) {
    s.metrics.decision(record.decision);
    reply(answer());
    return;
  }
  std::string outcome = record.decision;
  // The finisher only hands the answer back to the request's thread, which builds and
  // sends it. Each closure runs once, so what it holds is moved on, not copied.
  s.committer->submit(std::move(record), [&s, outcome = std::move(outcome), answer = std::move(answer), reply,
                                          origin = request.origin](bool ok, const std::string& error) mutable {
    auto finish = [&s, outcome = std::move(outcome), answer = std::move(answer), reply = std::move(reply), ok,
                   error]() mutable {
      if (!ok) {
        reply(error_response(503, "register-failed", "the decision could not be recorded, so it is not given: " + error));
        return;
      }
      s.metrics.decision(outcome);
      reply(answer());
    };
    if (origin) {
      origin(std::move(finish));
    } else {
      finish();
    }
  });
}

void handle_decide(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  TraceMode mode;
  if (!read_trace_mode(s, r, reply, mode)) return;
  auto d = std::make_shared<Decided>();
  if (!decide_scenario(s, r.body, reply, *d, mode)) return;
  // The record keeps the result as answered: with the minimal trace it stays small.
  std::string body;
  DecisionRecord record = make_record(*d, "/v1/decide", r.body, mode, s, &body);
  record_then_answer(s, std::move(record), [body = std::move(body)]() mutable { return json_response(std::move(body)); },
                     r, reply);
}

void handle_batch(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  TraceMode mode;
  if (!read_trace_mode(s, r, reply, mode)) return;
  Worker& w = s.programs.worker();
  Decided d;
  d.program = w.program;
  const Program& p = d.program->plan->program();
  std::string out;
  std::string_view body = r.body;
  std::uint32_t number = 0;
  while (!body.empty()) {
    const std::size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
    ++number;
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Diagnostic error;
    bool ok = false;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      Location at;
      at.file = "<body>";
      at.line = number;
      at.column = 1;
      error = make_diagnostic(Code::bad_scenario, "empty line: expected a JSON object", at);
    } else {
      ok = w.reader->read(line, d.scenario, error, "<body>", number);
    }
    if (!ok) {
      error.location.line_text.clear();
      out += "{\"line\":" + std::to_string(number) + ",\"error\":" + render_json(error) + "}\n";
      continue;
    }
    w.evaluation->evaluate(d.scenario, d.result, EvaluateOptions{.keep_values = mode != TraceMode::none});
    if (!d.result.violated.empty()) {
      Location at;
      at.file = "<body>";
      at.line = number;
      at.column = 1;
      out += "{\"line\":" + std::to_string(number) + ",\"error\":" +
             render_json(make_diagnostic(Code::bad_scenario, describe_violation(p, d.result.violated.front()), at)) + "}\n";
      continue;
    }
    if (mode == TraceMode::full) d.trace = build_trace(p, d.scenario, d.result);
    RenderContext context = render_context(d, mode);
    context.line = number;
    append_result_json(out, context);
    out += '\n';
  }
  ApiResponse response = json_response(std::move(out));
  response.content_type = "application/x-ndjson";
  reply(std::move(response));
}

void handle_ask(ServiceState& s, const ApiRequest& r, const Reply& reply) {
  TraceMode mode;
  if (!read_trace_mode(s, r, reply, mode)) return;
  // "unknown": the facts the person said they do not know (api/ask_unknown.cpp).
  std::string scenario;
  std::vector<std::string> unknown;
  std::string error;
  if (!split_unknown(r.body, scenario, unknown, error)) {
    reply(error_response(400, "bad-scenario", error));
    return;
  }
  Decided d;
  if (!decide_scenario(s, scenario, reply, d, mode)) return;
  const Program& p = d.program->plan->program();
  std::vector<std::uint8_t> declined(unknown.empty() ? 0 : p.facts.size(), 0);
  for (const std::string& name : unknown) {
    const std::uint32_t fact = p.find_fact(name);
    if (fact == kNone) {
      reply(error_response(400, "bad-scenario", "unknown names no fact of the program: '" + name + "'"));
      return;
    }
    declined[fact] = 1;
  }
  std::string body = result_json(d, mode);
  const std::uint32_t next = next_open_question(d.result, d.scenario, declined);
  if (next != d.result.next_question) {
    // The renderer writes `"next_question":...` once, at the top level; a string value
    // cannot contain that text unescaped, so the first match is the field.
    const std::string field =
        "\"next_question\":" +
        (d.result.next_question == kNone ? std::string("null") : json_string(p.facts[d.result.next_question].name));
    const std::size_t at = body.find(field);
    if (at == std::string::npos) {
      reply(error_response(500, "internal", "the result has no next_question field"));
      return;
    }
    body.replace(at, field.size(),
                 "\"next_question\":" + (next == kNone ? std::string("null") : json_string(p.facts[next].name)));
  }
  if (next != kNone) {
    const Question q = describe_question(p, next);
    std::string expanded = "{\"fact\":" + json_string(q.name) + ",\"text\":" + json_string(q.text) +
                           ",\"type\":" + json_string(q.type) + ",\"values\":" + strings_json(q.values);
    if (q.kind == TypeKind::integer) {
      expanded += ",\"min\":" + std::to_string(q.lo) + ",\"max\":" + std::to_string(q.hi);
    }
    std::vector<std::string> cites;
    for (const Citation& c : q.cites) cites.push_back(citation_text(c));
    expanded += ",\"cite\":" + strings_json(cites) + "}";
    const std::string field = "\"next_question\":" + json_string(q.name);
    const std::size_t at = body.find(field);
    if (at == std::string::npos) {
      reply(error_response(500, "internal", "the result has no next_question field"));
      return;
    }
    body.replace(at, field.size(), "\"next_question\":" + expanded);
  }
  reply(json_response(std::move(body)));
}

}  // namespace proviso::service::internal
