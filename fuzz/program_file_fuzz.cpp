// Arbitrary bytes through the program file reader, with the runtime alone (this target
// links no compiler). An input that starts with the magic is read as a whole file; any
// other input is taken as a payload and given a correct header first, so that the
// mutations reach the decoder and verify() instead of all stopping at the hash.
//
// Whatever the reader accepts must be safe and stable: writing it again gives the same
// bytes, and it evaluates, traces and renders without fault on a scenario of unknown
// facts for a covering flow and on each of its scenario blocks, with decide() agreeing
// with evaluate().
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "proviso/base/sha256.hpp"
#include "proviso/program/program_file.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"

namespace {

std::string with_header(std::string_view payload) {
  std::string out(proviso::kProgramFileMagic);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((proviso::kProgramFileVersion >> (8 * i)) & 0xff);
  for (int i = 0; i < 8; ++i) out += static_cast<char>((std::uint64_t{payload.size()} >> (8 * i)) & 0xff);
  const proviso::Sha256Digest hash = proviso::sha256(payload);
  out.append(reinterpret_cast<const char*>(hash.data()), hash.size());
  out.append(payload);
  return out;
}

void run(const proviso::Program& p, proviso::Evaluation& ev, const proviso::Scenario& s, const std::string& title) {
  proviso::Result r = ev.evaluate(s, proviso::EvaluateOptions{.keep_values = true});
  if (ev.decide(s) != r.decision) __builtin_trap();
  proviso::Trace t = proviso::build_trace(p, s, r);
  proviso::RenderContext ctx{p, s, r, &t, title, "2026-01-01T00:00:00Z"};
  std::string out = proviso::render_result_json(ctx);
  out += proviso::render_result_text(ctx);
  out += proviso::render_result_markdown(ctx);
  out += proviso::scenario_to_json(p, s);
  if (out.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string bytes = proviso::is_program_file(input) ? std::string(input) : with_header(input);
  proviso::ProgramFileRead read = proviso::read_program_file(bytes);
  if (!read.program) {
    if (read.message.empty() || read.error == proviso::ProgramFileError::none) __builtin_trap();
    return 0;
  }
  const std::shared_ptr<const proviso::Plan> plan =
      proviso::make_plan(std::shared_ptr<const proviso::Program>(std::move(read.program)));
  const proviso::Program& p = plan->program();
  if (proviso::write_program_file(p) != bytes) __builtin_trap();

  proviso::Evaluation ev(plan);
  // Every fact unknown, on a flow some policy covers (a policy's sector, or any sector
  // for a policy that covers every flow), so the rules are actually evaluated.
  proviso::Scenario s;
  s.reset(p.facts.size());
  const std::size_t sectors = p.types[p.sector_type].values.size();
  for (const proviso::Policy& pol : p.policies) {
    if (pol.sector >= 0 || sectors > 0) {
      const std::int64_t sector = pol.sector >= 0 ? pol.sector : 0;
      s.set(proviso::kFactFrom, sector);
      s.set(proviso::kFactTo, sector);
      break;
    }
  }
  run(p, ev, s, "unknown facts");
  for (const proviso::NamedScenario& named : p.scenarios) run(p, ev, named.facts, named.title);
  return 0;
}
