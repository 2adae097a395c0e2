#include "cli/cli_common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/help.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/runtime/result.hpp"
#include "proviso/runtime/scenario_json.hpp"

namespace proviso::cli {

int usage_error(std::string_view command, std::string_view message, std::string_view hint) {
  std::string text = fmt::format("proviso {}: error: {}\n", command, message);
  if (!hint.empty()) text += fmt::format("  help: {}\n", hint);
  if (const Command* c = find_command(command)) text += render_usage(*c);
  std::cerr << text;
  return 2;
}

bool colour_for(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return isatty(fileno(stream)) != 0;
}

Compilation compile_bundle(const std::vector<std::string>& paths) { return compile_paths(paths); }

Compilation compile_bundle(const ParsedArgs& args) {
  CompileOptions options;
  options.bundle.root = args.get("--root");
  Compilation c = compile_paths(args.positional, options);
  if (args.has("--verbose")) print_stage_times(c, args.positional);
  return c;
}

std::string render_stage_times(const std::vector<StageTime>& stages, std::string_view what) {
  std::size_t width = 0;
  for (const StageTime& s : stages) width = std::max(width, s.stage.size());
  width = std::max(width, std::string_view("total").size());
  std::string out = fmt::format("compile stages ({}):\n", what);
  double total = 0;
  for (const StageTime& s : stages) {
    if (s.ran) {
      total += s.milliseconds;
      out += fmt::format("  {:<{}}  {:>9.3f} ms\n", s.stage, width, s.milliseconds);
    } else {
      out += fmt::format("  {:<{}}  skipped (an earlier stage reported errors)\n", s.stage, width);
    }
  }
  out += fmt::format("  {:<{}}  {:>9.3f} ms\n", "total", width, total);
  return out;
}

void print_stage_times(const Compilation& c, const std::vector<std::string>& paths) {
  std::string what;
  for (const std::string& p : paths) what += (what.empty() ? "" : " ") + p;
  std::cerr << render_stage_times(c.stages, what);
}

void fill_excerpts(Diagnostics& ds, const Compilation& c) {
  auto fill = [&](Location& loc) {
    if (!loc.line_text.empty() || !loc.has_place()) return;
    for (const SourceFile& f : c.sources) {
      if (f.name() == loc.file) {
        // Shortened as the compiler's own excerpts are: a finding on a 69 KB line
        // (10,000 rules written on one) must not print it whole.
        const std::string_view line = f.line_text(loc.line);
        loc.line_text = std::string(line.substr(0, std::min(line.size(), SourceOptions{}.max_excerpt_bytes)));
        return;
      }
    }
  };
  for (Diagnostic& d : ds.items()) {
    fill(d.location);
    for (Note& n : d.notes) fill(n.location);
  }
}

int exit_status(const Diagnostics& ds) {
  for (const Diagnostic& d : ds.items()) {
    if (d.code == Code::io) return 2;
  }
  return ds.has_errors() ? 1 : 0;
}

void print_diagnostics(Diagnostics& ds) {
  if (ds.items().empty()) return;
  ds.sort();
  TextRenderOptions options;
  options.color = colour_for(stderr);
  std::cerr << render_text(ds, options);
}

bool read_input(const std::string& path, std::size_t limit, std::string& out, std::string& error,
                ReadOutcome* outcome) {
  const ReadOutcome r = path == "-" ? read_bounded_fd(STDIN_FILENO, limit, out) : read_bounded(path, limit, out);
  if (outcome != nullptr) *outcome = r;
  if (r) return true;
  if (path == "-") {
    error = r.status == ReadOutcome::is_folder   ? std::string("standard input is a folder, not a file")
            : r.status == ReadOutcome::too_large ? fmt::format("standard input is larger than the limit of {} bytes", limit)
                                                 : fmt::format("cannot read standard input: {}", std::strerror(r.error));
  } else {
    error = describe_read_failure(r, path == "-" ? "standard input" : path, limit);
  }
  return false;
}

bool evaluation_date(std::string_view command, const ParsedArgs& args, std::string_view option, Day& out) {
  out = option.empty() ? kNoDate : args.date(option);
  if (out != kNoDate) return true;
  const char* fixed = std::getenv("PROVISO_NOW");
  if (fixed == nullptr || fixed[0] == '\0') {
    out = today_utc();
    return true;
  }
  const std::string_view now(fixed);
  const std::optional<Day> day = parse_date(now.substr(0, 10));
  if (!day || (now.size() > 10 && now[10] != 'T')) {
    std::cerr << fmt::format("proviso {}: error: PROVISO_NOW is '{}', not a UTC timestamp such as 2026-01-01T00:00:00Z\n",
                             command, now);
    return false;
  }
  out = *day;
  return true;
}

void add_violations(Diagnostics& ds, const Program& p, const std::vector<std::uint32_t>& violated, const Location& where) {
  for (std::uint32_t c : violated) {
    const Constraint& constraint = p.constraints[c];
    Diagnostic& d = ds.add(Code::bad_scenario, describe_violation(p, c), where);
    d.hint = fmt::format("every real scenario satisfies it (declared at {}:{}); correct the facts that contradict it",
                         constraint.place.file, constraint.place.line);
  }
}

std::string now_iso8601() {
  if (const char* fixed = std::getenv("PROVISO_NOW"); fixed != nullptr && fixed[0] != '\0') return fixed;
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int read_scenario_file(std::string_view command, const Program& program, const std::string& path, Scenario& out) {
  const ScenarioLimits limits;
  const std::string shown = path == "-" ? "<stdin>" : path;
  std::string text, error;
  ReadOutcome outcome;
  if (!read_input(path, limits.max_bytes, text, error, &outcome)) {
    if (outcome.status != ReadOutcome::too_large) {
      std::cerr << fmt::format("proviso {}: error: {}\n", command, error);
      return 2;
    }
    // Too large is a limit of the input, as for a scenario read whole (exit 1).
    Diagnostics ds;
    Location where;
    where.file = shown;
    ds.add(Code::limit,
           outcome.size > 0 ? fmt::format("the scenario is {} bytes; the limit is {} bytes", outcome.size, limits.max_bytes)
                            : fmt::format("the scenario is larger than the limit of {} bytes", limits.max_bytes),
           where);
    print_diagnostics(ds);
    return 1;
  }
  ScenarioReader reader(program, limits);
  Diagnostic bad;
  if (!reader.read(text, out, bad, shown, 0)) {
    Diagnostics ds;
    ds.add(std::move(bad));
    print_diagnostics(ds);
    return 1;
  }
  return 0;
}

}  // namespace proviso::cli

namespace proviso::cli {

const NamedScenario* find_named_scenario(std::string_view command, const Program& p, const std::string& title) {
  for (const NamedScenario& s : p.scenarios) {
    if (s.title == title) return &s;
  }
  std::string known;
  for (const NamedScenario& s : p.scenarios) known += fmt::format("\n  \"{}\"", s.title);
  std::cerr << fmt::format("proviso {}: error: no scenario titled \"{}\" in the bundle{}{}\n", command, title,
                           p.scenarios.empty() ? "" : "; the scenarios are:", known);
  return nullptr;
}

}  // namespace proviso::cli
