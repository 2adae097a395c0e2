// proviso batch: one JSON scenario per input line, one JSON result per output line, in
// order. A bad line yields an error record for that line and the rest go on.
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/cli_common.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::cli {
namespace {

struct BatchLimits {
  std::size_t max_line_bytes = 1 << 20;
};

class BatchRunner {
 public:
  BatchRunner(const Program& p, bool decision_only, bool with_trace, const BatchLimits& limits)
      : program_(p), evaluator_(p), reader_(p), decision_only_(decision_only), with_trace_(with_trace),
        limits_(limits) {
    out_.reserve(kFlushAt + 4096);
  }

  void line(std::string_view text, std::uint64_t number, bool truncated_final) {
    while (!text.empty() && (text.back() == '\r')) text.remove_suffix(1);
    Diagnostic error;
    if (text.find_first_not_of(" \t") == std::string_view::npos) {
      error = make_diagnostic(Code::bad_scenario, "empty line: expected a JSON object", at_line(number));
      record_error(number, error);
    } else if (!reader_.read(text, scenario_, error, "<stdin>", static_cast<std::uint32_t>(number))) {
      if (truncated_final) error.message += " (the last line has no line end: was the input cut short?)";
      record_error(number, error);
    } else if (decision_only_) {
      append_decision_json(out_, evaluator_.decide(scenario_));
      out_ += '\n';
    } else {
      evaluator_.evaluate(scenario_, result_);
      Trace trace;
      if (with_trace_) trace = build_trace(evaluator_, scenario_, result_);
      RenderContext context{program_, scenario_, result_, with_trace_ ? &trace : nullptr, {}, {}};
      out_ += render_result_json(context);
      out_ += '\n';
    }
    if (out_.size() >= kFlushAt) flush();
  }

  void too_long(std::uint64_t number) {
    Diagnostic d = make_diagnostic(
        Code::limit, fmt::format("line is longer than {} bytes", limits_.max_line_bytes), at_line(number));
    record_error(number, d);
  }

  void flush() {
    std::fwrite(out_.data(), 1, out_.size(), stdout);
    out_.clear();
  }

  bool any_bad() const { return bad_ > 0; }

 private:
  static constexpr std::size_t kFlushAt = 1 << 20;

  static Location at_line(std::uint64_t number) {
    Location loc;
    loc.file = "<stdin>";
    loc.line = static_cast<std::uint32_t>(number);
    loc.column = 1;
    return loc;
  }

  void record_error(std::uint64_t number, Diagnostic& d) {
    ++bad_;
    d.location.line_text.clear();
    out_ += fmt::format("{{\"line\":{},\"error\":", number);
    out_ += render_json(d);
    out_ += "}\n";
  }

  const Program& program_;
  Evaluator evaluator_;
  ScenarioReader reader_;
  Scenario scenario_;
  Result result_;
  bool decision_only_;
  bool with_trace_;
  BatchLimits limits_;
  std::string out_;
  std::uint64_t bad_ = 0;
};

}  // namespace

int run_batch(const Args& args) {
  ParsedArgs a;
  std::string error;
  if (!parse_args(args, {{"--fields", "--max-line", "--root"}, {"--no-trace"}}, a, error)) return usage_error("batch", error);
  if (a.paths.empty()) return usage_error("batch", "no PATH given");
  std::string fields = a.value("--fields", "full");
  if (fields != "full" && fields != "decision") {
    return usage_error("batch", fmt::format("unknown --fields '{}' (expected full or decision)", fields));
  }
  BatchLimits limits;
  if (a.has_value("--max-line")) {
    // from_chars rejects a sign, so "-5" cannot wrap around to an unlimited length.
    std::string text = a.value("--max-line");
    std::size_t bytes = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bytes);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return usage_error("batch", fmt::format("--max-line takes a number of bytes, not '{}'", text));
    }
    limits.max_line_bytes = bytes;
  }

  LoadedProgram loaded = load_program("batch", a);
  if (!loaded.program) return loaded.status;

  BatchRunner runner(*loaded.program, fields == "decision", !a.has("--no-trace"), limits);
  // Lines are cut from large reads; a line longer than the limit is skipped to its end
  // without being buffered, so memory stays bounded whatever arrives.
  std::vector<char> buffer(1 << 20);
  std::string carry;
  bool skipping = false;
  std::uint64_t number = 0;
  std::size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), stdin)) > 0) {
    const char* p = buffer.data();
    const char* end = p + got;
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* stop = nl ? nl : end;
      if (!skipping) {
        std::size_t len = static_cast<std::size_t>(stop - p);
        if (carry.size() + len > limits.max_line_bytes) {
          skipping = true;
          carry.clear();
        } else if (nl && carry.empty()) {
          runner.line(std::string_view(p, len), ++number, false);
        } else {
          carry.append(p, len);
          if (nl) {
            runner.line(carry, ++number, false);
            carry.clear();
          }
        }
      }
      if (nl && skipping) {
        runner.too_long(++number);
        skipping = false;
      }
      p = nl ? nl + 1 : end;
    }
  }
  if (skipping) {
    runner.too_long(++number);
  } else if (!carry.empty()) {
    runner.line(carry, ++number, true);
  }
  runner.flush();
  std::fflush(stdout);
  return runner.any_bad() ? 1 : 0;
}

}  // namespace proviso::cli
