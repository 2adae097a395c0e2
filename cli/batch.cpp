// proviso batch: one JSON scenario per input line, one JSON result per output line, in
// order. A bad line yields an error record for that line and the rest go on.
#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/batch.hpp"
#include "cli/cli_common.hpp"
#include "cli/output.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/evaluate.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/runtime/render.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "proviso/runtime/trace.hpp"

namespace proviso::cli {
namespace {

class BatchRunner {
 public:
  BatchRunner(std::shared_ptr<const Plan> plan, std::FILE* out, const BatchOptions& options)
      : program_(plan->program()), evaluation_(plan), reader_(plan->program()), fragments_(plan->program()),
        out_file_(out), options_(options) {
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
    } else if (evaluation_.evaluate(
                   scenario_, result_,
                   EvaluateOptions{.keep_values = keep_values(), .decision_only = options_.decision_only});
               !result_.violated.empty()) {
      constraint_error(number, result_.violated);
    } else {
      const bool full = options_.trace == TraceMode::full && !options_.decision_only;
      if (full) trace_ = build_trace(program_, scenario_, result_);
      RenderContext context{program_, scenario_, result_, full ? &trace_ : nullptr, {}, {}};
      context.json_trace = options_.trace;
      context.line = number;
      context.fragments = &fragments_;
      if (options_.decision_only) {
        append_decision_json(out_, context);
      } else {
        append_result_json(out_, context);
      }
      out_ += '\n';
    }
  }

  void too_long(std::uint64_t number) {
    Diagnostic d = make_diagnostic(
        Code::limit, fmt::format("line is longer than {} bytes", options_.max_line_bytes), at_line(number));
    record_error(number, d);
  }

  // Writes out what is held. False once a write has failed: the caller stops there,
  // since answers that cannot be delivered are not worth computing.
  bool flush() {
    if (failed_ != 0) return false;
    if (!write_and_flush(out_file_, out_)) failed_ = errno != 0 ? errno : EIO;
    out_.clear();
    return failed_ == 0;
  }
  bool flush_if_full() { return out_.size() < options_.flush_bytes || flush(); }
  int write_error() const { return failed_; }

  bool any_bad() const { return bad_ > 0; }

 private:
  bool keep_values() const { return !options_.decision_only && options_.trace != TraceMode::none; }

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
  JsonFragments fragments_;  // the program's JSON pieces, made once for every line
  Scenario scenario_;
  Result result_;
  Trace trace_;
  std::FILE* out_file_;
  const BatchOptions& options_;
  std::string out_;
  std::uint64_t bad_ = 0;
  int failed_ = 0;
};

}  // namespace

int run_batch_stream(const Program& program, std::FILE* in, std::FILE* out, const BatchOptions& options) {
  // The caller keeps the program alive for the whole run: the plan only borrows it.
  BatchRunner runner(make_plan(std::shared_ptr<const Program>(&program, [](const Program*) {})), out, options);
  // Lines are cut from large reads; a line longer than the limit is skipped to its end
  // without being buffered, so memory stays bounded whatever arrives. read(2) returns
  // what a pipe holds without waiting for a whole block, so a client that writes one
  // line and waits gets its answer: unless the input is a regular file, the answers
  // are written out after every read.
  const int fd = ::fileno(in);
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  std::vector<char> buffer(std::max<std::size_t>(options.read_block_bytes, 1));
  std::string carry;
  bool skipping = false;
  std::uint64_t number = 0;
  ssize_t got;
  int read_error = 0;
  for (;;) {
    got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) read_error = errno;
    if (got <= 0) break;
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
      if (!runner.flush_if_full()) break;
    }
    if (!(regular ? runner.flush_if_full() : runner.flush())) break;
  }
  if (runner.write_error() == 0 && read_error == 0) {
    if (skipping) {
      runner.too_long(++number);
    } else if (!carry.empty()) {
      runner.line(carry, ++number, true);
    }
    runner.flush();
  }
  if (runner.write_error() != 0) {
    report_write_failure(kStandardOutput, runner.write_error());
    return 2;
  }
  if (read_error != 0) {
    std::cerr << fmt::format("proviso batch: error: cannot read standard input: {}\n",
                             read_error == EISDIR ? "it is a folder" : std::strerror(read_error));
    return 2;
  }
  return runner.any_bad() ? 1 : 0;
}

int run_batch(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("batch", "no PATH given");
  BatchOptions options;
  options.max_line_bytes = a.count("--max-line", options.max_line_bytes);
  options.decision_only = a.get("--fields", "full") == "decision";
  if (a.has("--no-trace") && a.has("--trace")) return usage_error("batch", "give --trace or --no-trace, not both");
  options.trace = a.has("--no-trace") ? TraceMode::none : *parse_trace_mode(a.get("--trace", "minimal"));
  if (!evaluation_date("batch", a, "--on", options.on)) return 2;

  // Before anything is opened (a file opened now could take a closed descriptor 0).
  struct stat st {};
  if (::fstat(STDIN_FILENO, &st) != 0) {
    std::cerr << fmt::format("proviso batch: error: cannot read standard input: {}\n", std::strerror(errno));
    return 2;
  }
  if (S_ISDIR(st.st_mode)) {
    std::cerr << "proviso batch: error: standard input is a folder; give the scenarios as JSON Lines (< FILE)\n";
    return 2;
  }

  // A bundle that does not compile decides nothing: 2, apart from 1 for bad lines.
  LoadedProgram loaded = load_program("batch", a);
  if (!loaded.program) return 2;
  return run_batch_stream(*loaded.program, stdin, stdout, options);
}

}  // namespace proviso::cli
