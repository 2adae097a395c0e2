// The table of commands. Defaults shown in help are read from the options structs that
// hold them, so a default has one home.
#include "cli/command_table.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <limits>

#include "cli/batch.hpp"
#include "cli/commands.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/analysis/diff.hpp"
#include "proviso/analysis/explain.hpp"
#include "proviso/service/serve.hpp"

namespace proviso::cli {
namespace {

OptionSpec root_option() {
  return option("--root", "DIR",
                "imports may not leave DIR, and every path named must lie inside it (by default each folder named "
                "is its own root, and a named file's root is its folder)");
}

OptionSpec verbose_option(std::string_view also = {}) {
  return flag("--verbose",
              fmt::format("{}print how long each stage of the compiler took to standard error, after compiling", also));
}

OptionSpec on_option(std::string_view what = "evaluate") {
  return date_option("--on", fmt::format("{} as on DATE (YYYY-MM-DD) when a scenario gives no date of its own "
                                         "(default: today in UTC, or the date of $PROVISO_NOW when set)",
                                         what));
}

OptionSpec timeout_option(unsigned default_ms) {
  return count_option("--timeout", "MS",
                      fmt::format("time limit per solver query, in milliseconds (default {}; 0: none)", default_ms),
                      {0, std::numeric_limits<unsigned>::max()});
}

OptionSpec budget_option(unsigned default_s) {
  return count_option("--analysis-budget", "SECONDS",
                      fmt::format("time limit for the whole analysis, in seconds (default {}); what it does not reach "
                                  "is reported as inconclusive, and 0 analyses nothing",
                                  default_s),
                      {0, std::numeric_limits<unsigned>::max()});
}

constexpr std::string_view kPath = "PATH is a .proviso file or a folder (searched recursively); all the paths are "
                                   "compiled as one bundle.";

// Each entry: name, arguments, summary, description, options, usage tail, run function.
std::vector<Command> make_table() {
  std::vector<Command> t;
  t.push_back(Command{
      "check", "PATH...", "parse, type-check, build the condition graph and run static analysis",
      fmt::format("Parses the bundle, checks names and types, builds the condition graph and, when there are no "
                  "errors, runs the static analysis with the Z3 solver: conflict, dead-rule, shadowed-rule, "
                  "cross-policy-conflict and deferral-gap warnings, gap infos, each with a witness scenario where there is one "
                  "(keeping only the facts the finding depends on; JSON keeps the whole scenario as `witness_full`), "
                  "and inconclusive infos where the solver could not decide (each query within --timeout, the "
                  "whole analysis within --analysis-budget; a run with inconclusive findings ends with a line "
                  "saying how many questions were left undecided, and why). {}\n\n"
                  "Exit status: 0 when there are no errors (warnings and infos allowed), 1 with errors (with "
                  "--strict: also with warnings or inconclusive findings), 2 for usage errors and files that "
                  "cannot be read.",
                  kPath),
      {keyword_option("--format", "text|json|sarif|markdown",
              "text (the default): diagnostics to standard error and, when there are no errors, a summary line to "
              "standard output; json: the diagnostics as JSON on standard output; sarif: SARIF 2.1.0 on standard "
              "output; markdown: a report for a review board on standard output (a summary table, then each "
              "finding with its rules, its witness as a table of questions and values, and the framework "
              "questions cited)"),
       flag("--strict",
            "every warning, and every inconclusive finding, becomes an error (other infos stay infos), so the exit "
            "status is 1 unless the analysis found nothing and decided everything"),
       flag("--no-analysis", "skip the static analysis (names, types, cycles and unused names are still checked)"),
       option("--smtlib", "DIR",
              "write each solver query to DIR (created if needed) as an .smt2 file that `z3 FILE` re-runs; not "
              "with --no-analysis"),
       timeout_option(AnalysisOptions{}.timeout_ms), budget_option(AnalysisOptions{}.budget_s),
       date_option("--on", "analyse the bundle as in force on DATE (YYYY-MM-DD): policies and rules not in force "
                           "then are left out; `expired` warns of those that ended before it (default: today in "
                           "UTC, or the date of $PROVISO_NOW when set)"),
       count_option("--expiry-window", "DAYS",
                    "an `expiring` info for each policy or rule that ends within DAYS of the analysis date "
                    "(default 90)",
                    {0, 36500}),
       root_option(), verbose_option()},
      {}, run_check});
  t.push_back(Command{
      "build", "PATH...", "compile to a program file that eval, batch and ask load without compiling",
      fmt::format("Compiles the bundle (names, types, the condition graph; no static analysis) and writes the "
                  "program to FILE: a versioned, self-checking file (magic, format version, SHA-256 of the "
                  "content, then the program) that `eval`, `batch` and `ask` accept in place of PATH... and "
                  "that gives the same results as the sources. The file is written whole or not at all (a "
                  "temporary file, then renamed). Nothing is printed on success. {} A program file given as "
                  "PATH is verified and written again, byte for byte.\n\n"
                  "Exit status: 0 when the file was written, 1 when the bundle has errors (nothing is written), "
                  "2 for usage errors and files that cannot be read or written.",
                  kPath),
      {option("--output", "FILE", "the program file to write (required; not standard output)").with_short('o').in_choice("output"),
       root_option(), verbose_option()},
      {}, run_build});
  t.push_back(Command{
      "eval", "PATH...", "decide one scenario (--scenario FILE.json or --name TITLE) with its justification",
      fmt::format("Decides one scenario and says why: the decision, its obligations, the rules that applied with "
                  "their reasons and citations, and the questions still to answer. {}\n\n"
                  "Exit status: 0 whatever the decision, 1 when the bundle or the scenario has errors or no "
                  "scenario has the title given, 2 for usage errors and files that cannot be read.",
                  kPath),
      {option("--scenario", "FILE.json", "the scenario as JSON; - reads standard input").in_choice("scenario"),
       option("--name", "TITLE", "the bundle's scenario block with this title").in_choice("scenario"),
       keyword_option("--format", "text|json|markdown",
              "text (the default): the decision and why; json: one line of JSON with the trace; markdown: a "
              "decision record, timestamped now (UTC) or $PROVISO_NOW when set"),
       flag("--no-solver", "a deny or refer shows the closest route to share without the solver: the share "
                           "rules with the fewest failed conditions, not those of the smallest changes"),
       keyword_option("--trace", "full|minimal|none",
              "the justification of --format json: full (the default), every rule with the reasons for its "
              "status; minimal, a sufficient reason for each rule that applied and the one failed condition of "
              "each other rule; none, no trace"),
       on_option(), root_option(), verbose_option()},
      {}, run_eval});
  t.push_back(Command{
      "explain", "PATH...", "the smallest fact changes that would give another decision, each one replayed",
      fmt::format("Decides one scenario, then searches with the Z3 solver for the smallest sets of fact changes "
                  "that give another decision: share for a scenario that does not share, deny for one that does, "
                  "or the decision --why-not names. Each alternative changes as few facts as possible (no "
                  "smaller one exists), none contains another, and each is replayed through the runtime, which "
                  "shows the decision it gives; a fact the scenario left unknown shows as (unknown), and the "
                  "others stay unknown. The changed scenario must keep every constraint; `from` and `to` never "
                  "change without --allow-flow. When nothing can give the decision, the rules that apply "
                  "whatever may change are named. A decision other than share also shows the closest route: "
                  "the share rules the smallest alternatives apply, with the conditions that failed. Then the "
                  "framework questions the facts and rules involved cite. {}\n\n"
                  "Exit status: 0 with or without alternatives, 1 when the bundle or the scenario has errors or "
                  "no scenario has the title given, 2 for usage errors and files that cannot be read.",
                  kPath),
      {option("--scenario", "FILE.json", "the scenario as JSON; - reads standard input").in_choice("scenario"),
       option("--name", "TITLE", "the bundle's scenario block with this title").in_choice("scenario"),
       option("--from", "SECTOR", "the disclosing sector, when the scenario does not name it (or to replace it)"),
       option("--to", "SECTOR", "the receiving sector, when the scenario does not name it (or to replace it)"),
       keyword_option("--why-not", "share|refer|deny", "the decision wanted (default: share, or deny for a "
                                                      "scenario that shares)"),
       option("--keep", "FACT,...", "facts that may not change, separated by commas").repeated(),
       flag("--allow-flow", "`from` and `to` may change too"),
       count_option("--max", "N", fmt::format("list at most N alternatives (default {})", ExplainOptions{}.max_alternatives),
                    {1, 1000}),
       timeout_option(ExplainOptions{}.timeout_ms),
       keyword_option("--format", "text|json|markdown",
              "text (the default); json: one line of JSON; markdown: a section for a decision record"),
       on_option(), root_option(), verbose_option()},
      {}, run_explain});
  t.push_back(Command{
      "batch", "PATH...", "decide one JSON scenario per input line, one JSON result per output line",
      fmt::format("Reads JSON Lines from standard input and writes exactly one line per input line, in the same "
                  "order: the result, or an error record for a bad line, after which the remaining lines go on. "
                  "{}\n\n"
                  "Every result carries \"line\", its input line number (from 1), and the scenario's \"id\" "
                  "when it has one.\n\n"
                  "Exit status: 0 when every line was good, 1 when any line was bad, 2 when the bundle has "
                  "errors (then nothing is read or decided), for usage errors and files that cannot be read.",
                  kPath),
      {keyword_option("--fields", "full|decision",
              "full (the default): each result as `eval --format json` prints it; decision: only "
              "{\"decision\", \"obligations\", \"missing\"}, the fastest"),
       keyword_option("--trace", "minimal|full|none",
              "the justification of each full result: minimal (the default), a sufficient reason for each rule "
              "that applied and the one failed condition of each other rule; full, as `eval --format json`; "
              "none, no trace"),
       flag("--no-trace", "the same as --trace none"),
       count_option("--max-line", "BYTES",
                    fmt::format("the longest line read (default {}); a longer line gives a `limit` error record and "
                                "is skipped without being held in memory",
                                BatchOptions{}.max_line_bytes),
                    {1, std::numeric_limits<std::size_t>::max()}),
       on_option(), root_option(), verbose_option()},
      "< in.jsonl > out.jsonl", run_batch});
  t.push_back(Command{
      "test", "PATH...", "run every scenario block with an `expect`; report pass/fail and rule coverage",
      fmt::format("Runs every scenario block: PASS or FAIL for each one with an `expect` (a failure shows what was "
                  "expected, what was decided and the trace), then rule coverage: the rules that applied in no "
                  "scenario and the override edges never exercised. {}\n\n"
                  "Exit status: 0 when no scenario failed, 1 when one failed or the bundle has errors, 2 for "
                  "usage errors and files that cannot be read.",
                  kPath),
      {verbose_option("print each scenario without `expect` as it runs (RUN title -> decision); also "),
       option("--coverage-json", "FILE",
              "also write rule, override-edge and framework coverage as JSON to FILE (- for standard output, "
              "after the report), for CI"),
       on_option("run scenarios"), root_option()},
      {}, run_test});
  t.push_back(Command{
      "assess", "PATH...", "a framework's assessment of one scenario, question by question, with a radar picture",
      fmt::format("Evaluates one scenario and shows it against one framework: for each question, grouped as the "
                  "framework groups them, the facts that cite it with their answers (a score as `3 of 1..5`) and "
                  "the conditions that cite it with their values (true, false or unknown); each group's conditions "
                  "(those named after the group or citing every question of it); the red flags (conditions about "
                  "the framework, citing it or reading a fact that cites it, that are used in the `when` of a deny "
                  "rule or the `unless` of a share rule so that their holding blocks, and that hold); the scores; and the decisions of the policies whose "
                  "rules use the framework. The radar has one spoke per question answered by a score (a bounded int "
                  "of at most 100 steps), the team threshold drawn where a condition compares the score alone with "
                  "a number, and an unknown answer as a gap with a hollow marker, never as zero. {}\n\n"
                  "Exit status: 0 whatever the decision, 1 when the bundle or the scenario has errors, or no "
                  "framework or scenario has the name given, 2 for usage errors and files that cannot be read "
                  "or written.",
                  kPath),
      {option("--framework", "NAME", "the framework to assess against").in_choice("framework"),
       option("--scenario", "FILE.json", "the scenario as JSON; - reads standard input").in_choice("scenario"),
       option("--name", "TITLE", "the bundle's scenario block with this title").in_choice("scenario"),
       keyword_option("--format", "text|markdown|html|json",
              "text (the default); markdown: a board paper; html: one self-contained page with the radar inline, "
              "printable on A4; json: one line of JSON"),
       option("--radar", "FILE.svg", "also write the radar picture as an SVG file"),
       option("--output", "FILE", "write the report to FILE instead of standard output").with_short('o'),
       on_option(), root_option(), verbose_option()},
      {}, run_assess});
  t.push_back(Command{
      "coverage", "PATH...", "which framework questions are cited where, and exercised by which scenarios",
      fmt::format("For each question of each framework (or of --framework): the facts and conditions that cite "
                  "it, the rules that cite it directly or use a fact or condition that does, and the scenario "
                  "blocks that exercise those rules (a scenario exercises a rule when the rule's condition held: "
                  "it applied, or applied and was overridden; a scenario that makes a constraint false exercises "
                  "nothing). Then the questions nothing cites and the cited questions no scenario exercises. {}\n\n"
                  "Exit status: 0 on success, 1 when the bundle has errors or no framework has the name given, 2 "
                  "for usage errors and files that cannot be read.",
                  kPath),
      {option("--framework", "NAME", "only this framework"),
       keyword_option("--format", "text|json|markdown", "text (the default), json (one line) or markdown"),
       on_option("run scenarios"), root_option(), verbose_option()},
      {}, run_coverage});
  t.push_back(Command{
      "publish", "PATH...", "a static public register of the policies, in their own words",
      fmt::format("Writes a static, self-contained website into DIR: index.html (the policies by sector, and "
                  "by kind of flow: the rules that require data to leave or come into each sector), a page per policy (what may be shared, what goes to a person or panel, what is "
                  "never shared: each rule with its `because`, the texts of the conditions it uses, the questions "
                  "that decide it, the safeguards it requires, its dates and citations) and a page per framework "
                  "(each question with the facts, conditions and rules that implement it). Every text is the "
                  "bundle's own; pages link by relative links only and load nothing from elsewhere. The same "
                  "bundle always gives the same bytes. {}\n\n"
                  "Exit status: 0 when the pages were written, 1 when the bundle has errors, 2 for usage errors "
                  "and files that cannot be read or written.",
                  kPath),
      {option("--output", "DIR", "the folder to write (created if needed; files of the same names are replaced)")
           .with_short('o').in_choice("output"),
       root_option(), verbose_option()},
      {}, run_publish});
  t.push_back(Command{
      "graph", "PATH...", "print the condition graph as Graphviz DOT",
      fmt::format("Prints the condition graph as Graphviz DOT: facts, conditions, rules and policies, an edge from "
                  "each user to what it uses, and dashed red `overrides` edges. {}\n\n"
                  "Exit status: 0 on success, 1 when the bundle has errors, 2 for usage errors (an unknown or "
                  "ambiguous policy or rule) and files that cannot be read.",
                  kPath),
      {option("--policy", "P", "draw this policy and what it depends on"),
       option("--rule", "R",
              "draw this rule and what it depends on; R is policy.rule, or the rule's own name within --policy "
              "or when only one policy has a rule of that name"),
       root_option(), verbose_option()},
      {}, run_graph});
  t.push_back(Command{
      "diff", "OLD NEW", "decisions that change between two versions of a bundle, with witnesses",
      "Compiles OLD and NEW (each a .proviso file or a folder, with its default root) as two bundles and, for "
      "each kind of decision change, shows one witness scenario and, for each version, its decision, the rules "
      "or defaults that decided it and its obligations. Facts, enum values and sectors are matched by name. A "
      "witness keeps only the facts the change depends on: under every value of the others, it is the same "
      "change (JSON keeps the solver's whole scenario as `witness_full`).\n\n"
      "When the solver cannot settle a kind of change (its time limit, or the analysis budget, ran out) the "
      "report says it could not tell, never that nothing changes.\n\n"
      "Exit status: 0 with or without changes, 1 with --fail-on-change when there is a change, when some kind "
      "of change could not be decided or when either bundle has errors, 2 for usage errors and files that "
      "cannot be read.",
      {keyword_option("--format", "text|json|markdown",
                      "text (the default), json, or markdown: a report for a review board, the changes grouped by "
                      "the policies that decide them"),
       flag("--fail-on-change", "exit status 1 when some decision changes, or when the diff cannot tell"),
       timeout_option(DiffOptions{}.timeout_ms), budget_option(DiffOptions{}.budget_s),
       date_option("--on-old", "take OLD as in force on DATE (default: today in UTC, or the date of $PROVISO_NOW)"),
       date_option("--on-new", "take NEW as in force on DATE (default: today in UTC, or the date of $PROVISO_NOW); "
                               "with --on-old or --on-new, NEW may be left out to compare OLD with itself"),
       verbose_option()},
      {}, run_diff});
  t.push_back(Command{
      "ask", "PATH...", "a questionnaire: asks only the questions that can still change the decision",
      fmt::format("Starts from the flow (and any facts already known), asks the decision's next question with its "
                  "text, choices and citations, decides again after each answer, and stops as soon as the "
                  "decision is settled; then prints the decision and why. Questions go to standard error and the "
                  "result to standard output. Answers, one per line: yes/no for a yes/no question, a whole "
                  "number, a choice by name or number, several choices separated by commas (none for no "
                  "choice), or ? when you do not know (the question is not asked again). A bad answer is "
                  "explained and the question asked again; the end of the input (Ctrl-D) decides with what is "
                  "known so far. {}\n\n"
                  "Exit status: 0 whatever the decision, 1 when the bundle or the scenario has errors, 2 for usage "
                  "errors and files that cannot be read or written.",
                  kPath),
      {option("--from", "SECTOR", "the disclosing sector"),
       option("--to", "SECTOR", "the receiving sector"),
       option("--scenario", "FILE.json",
              "facts already known, as JSON (it names the flow; --from and --to override it); - reads standard "
              "input"),
       keyword_option("--format", "text|json|markdown",
              "text (the default): the decision and why; json: the result with \"asked\" (the facts asked, in "
              "order) and \"scenario\" (the answers); markdown: a decision record"),
       option("--save", "FILE.json", "write the answered scenario as JSON"),
       option("--record", "FILE.md", "write the Markdown decision record"),
       on_option("decide"), root_option(), verbose_option()},
      {}, run_ask});
  t.push_back(Command{
      "serve", "PATH...", "the decision service: HTTP/1.1 and JSON, every decision recorded in a register",
      fmt::format("Serves the bundle over HTTP/1.1 (JSON in and out, keep-alive, one worker thread per core): "
                  "POST /v1/decide, /v1/batch, /v1/ask, /v1/explain, /v1/reload and /access/v1/evaluation "
                  "(AuthZEN 1.0); GET /v1/bundle, /v1/decisions, /v1/health, /v1/metrics (Prometheus) and /. "
                  "Every decision answered by /v1/decide and /access/v1/evaluation is stored in the decision "
                  "register before the answer is sent. SIGHUP (or POST /v1/reload) compiles the bundle again and "
                  "swaps it in; a bundle with errors keeps the old program serving. SIGTERM or SIGINT stops "
                  "gracefully: the requests under way are answered and the register is flushed. Logs are JSON "
                  "lines on standard error. {} A program file from `proviso build` may be given instead.\n\n"
                  "Exit status: 0 after a graceful stop, 1 when the bundle has errors at start, 2 for usage "
                  "errors and an address, register or token file that cannot be used.",
                  kPath),
      {option("--listen", "HOST:PORT",
              fmt::format("the address to listen on (default {}; port 0 picks a free port, logged as "
                          "\"listening\")", ServeOptions{}.listen)),
       option("--register", "TARGET",
              fmt::format("where decisions are recorded: sqlite:FILE (default {}), "
                          "postgresql://USER@HOST:PORT/DATABASE (replicas sharing one register), or none",
                          ServeOptions{}.register_target)),
       option("--token-file", "FILE",
              "require the header Authorization: Bearer TOKEN, the token read from FILE, on every endpoint but "
              "/v1/health"),
       count_option("--max-body", "BYTES",
                    fmt::format("the largest request body (default {}); a larger one is answered 413",
                                ServeOptions{}.max_body),
                    {1, std::numeric_limits<std::uint32_t>::max()}),
       count_option("--timeout", "MS",
                    fmt::format("time to read a request or write an answer (default {}); a request begun and "
                                "not finished in time is answered 408",
                                ServeOptions{}.timeout_ms),
                    {1, 3'600'000}),
       count_option("--threads", "N", "worker threads (default: one per core)", {1, 1024}),
       keyword_option("--trace", "minimal|full|none",
              "the justification answered when a request does not say (?trace=) and kept with its record: "
              "minimal (the default), full or none, as `batch --trace`"),
       root_option()},
      {}, run_serve});
  t.push_back(Command{
      "register", "list|show ID|export", "read the decision register that serve writes",
      "Reads the decision register: `list` prints one line per decision (time, id, flow, decision, program), "
      "`show ID` prints one decision with its request and justification as JSON, `export` prints the "
      "decisions as JSON Lines or CSV. The filters choose decisions by time (UTC, ISO 8601; a date alone "
      "works), decision and flow; decisions come oldest first.\n\n"
      "Exit status: 0 on success, 1 when `show` finds no such decision, 2 for usage errors and a register "
      "that cannot be read.",
      {option("--register", "TARGET",
              fmt::format("sqlite:FILE or postgresql://USER@HOST:PORT/DATABASE (default {})",
                          ServeOptions{}.register_target)),
       option("--since", "TIME", "decisions at or after TIME, e.g. 2025-01-31 or 2025-01-31T09:00"),
       option("--until", "TIME", "decisions before TIME"),
       keyword_option("--decision", "share|refer|deny|undetermined", "only decisions of this kind"),
       option("--from", "SECTOR", "only flows from this sector"),
       option("--to", "SECTOR", "only flows to this sector"),
       count_option("--limit", "N", "at most N decisions (the oldest first)", {1, std::numeric_limits<std::uint32_t>::max()}),
       keyword_option("--format", "jsonl|csv", "export: jsonl (the default), one JSON record per line; or csv")},
      {}, run_register});
  t.push_back(Command{
      "fmt", "PATH...", "write .proviso files in the one canonical layout",
      "Formats each file: one layout for every construct (one empty line between declarations, settings and "
      "rule clauses one per line in a fixed order, long `and`/`or` chains one operand per line with the "
      "operator leading, cites and lists filled to 100 columns), comments kept next to what they were written "
      "next to, strings and numbers written as written, CRLF line ends kept. Formatting twice changes nothing, "
      "and the formatted bundle compiles to the same program. PATH is a .proviso file, a folder (searched "
      "recursively) or - for standard input. Without -w or --check the formatted text goes to standard "
      "output. A file that does not parse is reported and left as it is.\n\n"
      "Exit status: 0 on success (with --check: every file is formatted), 1 when a file does not parse (with "
      "--check: also when a file would change), 2 for usage errors and files that cannot be read or written.",
      {flag("--write", "rewrite each file that is not formatted, in place").with_short('w'),
       flag("--check", "change nothing; name each file that is not formatted on standard output (exit status 1)")},
      {}, run_fmt});
  t.push_back(Command{
      "lsp", "", "the language server: diagnostics, hover, definitions, completion, rename in an editor",
      "Speaks the Language Server Protocol 3.17 on standard input and output, for editors (the VS Code "
      "extension in editors/vscode starts it). Each file is checked with every file joined to it by imports "
      "under the workspace folder: the compiler's diagnostics on every edit, and the static analysis' findings "
      "after each save, in the background (an edit made meanwhile cancels them). It answers hover (a fact's "
      "type, question and citations; a condition's expression; a rule's effect and reasons; a question's "
      "text), go to definition and find references (facts, conditions, rules, policies, obligations, types, "
      "enum values, frameworks and questions), completion (names, enum values in comparisons, keywords and "
      "clause words), document symbols, formatting (as `proviso fmt`) and rename of a fact, a condition or a "
      "rule across the bundle. A malformed message gets a JSON-RPC error and the server goes on.\n\n"
      "Exit status: 0 after `shutdown` then `exit`, 1 when the input ends or `exit` comes without `shutdown`.",
      {flag("--no-analysis", "never run the static analysis on save (the client can also send "
                             "initializationOptions {\"analysisOnSave\": false})"),
       timeout_option(AnalysisOptions{}.timeout_ms),
       flag("--stdio", "accepted for editors' clients that pass it; standard input and output are always used")},
      {}, run_lsp});
  return t;
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = make_table();
  return table;
}

const Command* find_command(std::string_view name) {
  for (const Command& c : commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace proviso::cli
