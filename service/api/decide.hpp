#pragma once
// Shared by the endpoints that decide: reading the trace option, deciding one scenario
// with its justification, and recording a decision before it is answered.
#include <string>
#include <string_view>
#include <vector>

#include "api/api.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/result.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::service::internal {

// ?trace=none|minimal|full (render.hpp), by default serve's --trace (minimal). False
// (with the 400 already sent) for any other value.
bool read_trace_mode(const ServiceState& s, const ApiRequest& r, const Reply& reply, TraceMode& mode);
// serve's --trace: what is answered, and recorded, when a request does not say.
TraceMode default_trace_mode(const ServiceState& s);

// One decision on the worker's current program.
struct Decided {
  std::shared_ptr<const ServedProgram> program;
  Scenario scenario;
  Result result;
  Trace trace;  // built only for TraceMode::full
};
// Reads `json` as a scenario and decides it, keeping what a result with the trace `mode`
// needs; on a bad scenario sends the 400 and returns false.
bool decide_scenario(ServiceState& s, std::string_view json, const Reply& reply, Decided& out,
                     TraceMode mode = TraceMode::none);
// The result JSON with the trace `mode` asks for (no more than decide_scenario kept).
std::string result_json(const Decided& d, TraceMode mode);
// ["a","b"] of obligation or fact names.
std::string obligations_json(const Decided& d);
std::string missing_json(const Decided& d);

// Stores the record (when there is a register) and only then calls `answer` (on the
// request's own thread); when the register fails, the client gets 503 and no decision.
void record_then_answer(ServiceState& s, DecisionRecord record, std::function<ApiResponse()> answer,
                        const ApiRequest& request, const Reply& reply);
// The /v1/ask body without its "unknown" member (the fact names the person answered
// "don't know"), as scenario JSON; the body as it is when it has none. False with
// `error` when "unknown" is not a list of strings.
bool split_unknown(std::string_view body, std::string& scenario, std::vector<std::string>& unknown, std::string& error);

// The record of a decision: id, time, program hash, flow and the rest from `d`, with
// its result as answered, the trace as `mode` gives it; packed instead of kept as text
// when the register stores packed results (register/packed_result.hpp). `answer`, when
// given: set to the result with the decision id and bundle in front (/v1/decide's
// answer), and then, with no register, the record holds only id, bundle and decision.
DecisionRecord make_record(const Decided& d, std::string_view endpoint, std::string_view body, TraceMode mode,
                           const ServiceState& s, std::string* answer);

}  // namespace proviso::service::internal
