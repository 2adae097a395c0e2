// proviso batch: one JSON scenario per input line, one JSON result per output line, in
// order. A bad line yields an error record for that line and the rest go on.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/batch.hpp"
#include "cli/cli_common.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::cli {
namespace {

class BatchRunner {
 public:
  BatchRunner(std::shared_ptr<const Plan> plan, std::FILE* out, const BatchOptions& options)
      : program_(plan->program()), evaluation_(plan), reader_(plan->program()), out_file_(out), options_(options) {
    out_.reserve(options.flush_bytes);
    evaluation_.set_default_date(options.on);
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
    } else if (options_.decision_only) {
      std::uint32_t violated = kNone;
      const Outcome decision = evaluation_.decide(scenario_, violated);
      if (violated != kNone) {
        constraint_error(number, {violated});
      } else {
        append_decision_json(out_, decision);
        out_ += '\n';
      }
    } else if (evaluation_.evaluate(scenario_, result_, EvaluateOptions{.keep_values = options_.with_trace});
               !result_.violated.empty()) {
      constraint_error(number, result_.violated);
    } else {
      Trace trace;
      if (options_.with_trace) trace = build_trace(program_, scenario_, result_);
      RenderContext context{program_, scenario_, result_, options_.with_trace ? &trace : nullptr, {}, {}};
      out_ += render_result_json(context);
      out_ += '\n';
    }
    if (out_.size() >= options_.flush_bytes) flush();
  }

  void too_long(std::uint64_t number) {
    Diagnostic d = make_diagnostic(
        Code::limit, fmt::format("line is longer than {} bytes", options_.max_line_bytes), at_line(number));
    record_error(number, d);
    if (out_.size() >= options_.flush_bytes) flush();
  }

  void flush() {
    std::fwrite(out_.data(), 1, out_.size(), out_file_);
    out_.clear();
  }

  bool any_bad() const { return bad_ > 0; }

 private:
  static Location at_line(std::uint64_t number) {
    Location loc;
    loc.file = "<stdin>";
    loc.line = static_cast<std::uint32_t>(number);
    loc.column = 1;
    return loc;
  }

  // One error record for the line, naming the first constraint it breaks.
  void constraint_error(std::uint64_t number, const std::vector<std::uint32_t>& violated) {
    Diagnostics ds;
    add_violations(ds, program_, {violated.front()}, at_line(number));
    record_error(number, ds.items().front());
  }

  void record_error(std::uint64_t number, Diagnostic& d) {
    ++bad_;
    d.location.line_text.clear();
    out_ += fmt::format("{{\"line\":{},\"error\":", number);
    out_ += render_json(d);
    out_ += "}\n";
  }

  const Program& program_;
  Evaluation evaluation_;
  ScenarioReader reader_;
  Scenario scenario_;
  Result result_;
  std::FILE* out_file_;
  const BatchOptions& options_;
  std::string out_;
  std::uint64_t bad_ = 0;
};

}  // namespace

bool run_batch_stream(const Program& program, std::FILE* in, std::FILE* out, const BatchOptions& options) {
  // The caller keeps the program alive for the whole run: the plan only borrows it.
  BatchRunner runner(make_plan(std::shared_ptr<const Program>(&program, [](const Program*) {})), out, options);
  // Lines are cut from large reads; a line longer than the limit is skipped to its end
  // without being buffered, so memory stays bounded whatever arrives.
  std::vector<char> buffer(std::max<std::size_t>(options.read_block_bytes, 1));
  std::string carry;
  bool skipping = false;
  std::uint64_t number = 0;
  std::size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) {
    const char* p = buffer.data();
    const char* end = p + got;
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* stop = nl ? nl : end;
      if (!skipping) {
        std::size_t len = static_cast<std::size_t>(stop - p);
        if (carry.size() + len > options.max_line_bytes) {
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
  std::fflush(out);
  return !runner.any_bad();
}

int run_batch(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("batch", "no PATH given");
  BatchOptions options;
  options.max_line_bytes = a.count("--max-line", options.max_line_bytes);
  options.decision_only = a.get("--fields", "full") == "decision";
  options.with_trace = !a.has("--no-trace");
  if (!evaluation_date("batch", a, "--on", options.on)) return 2;

  LoadedProgram loaded = load_program("batch", a);
  if (!loaded.program) return loaded.status;
  return run_batch_stream(*loaded.program, stdin, stdout, options) ? 0 : 1;
}

}  // namespace proviso::cli
