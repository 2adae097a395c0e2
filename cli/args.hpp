#pragma once
// A command's options as its table entry declares them, and the one parser that reads
// the words after the command's name against that declaration.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proviso::cli {

using Args = std::vector<std::string>;  // the words after the command's name

// An integer option's accepted range, read by parse_count.
struct CountRange {
  std::uint64_t min = 0;
  std::uint64_t max = 0;
};

struct OptionSpec {
  std::string_view name;        // "--format"
  char short_name = 0;          // 'o' for "-o"; 0: none
  std::string_view value;       // what it takes, as usage shows it ("text|json", "MS"); empty: a flag
  std::string help;             // for `proviso help COMMAND`; may name the default
  bool repeatable = false;      // may be given more than once; every value is kept
  // Options that share a non-empty choice are alternatives of which exactly one must be
  // given; usage shows them as "(--scenario FILE.json | --name TITLE)". A choice with one
  // member is a required option.
  std::string_view choice;
  bool is_count = false;        // a decimal integer in `range`, read by parse_count
  CountRange range;
  bool is_keyword = false;      // one of the words of `value`: "text|json|sarif"
  bool is_date = false;         // a calendar date, YYYY-MM-DD (parse_date)

  bool takes_value() const { return !value.empty(); }
  std::vector<std::string_view> keywords() const;  // the words of `value`, for is_keyword

  // For table entries: flag("--strict", "...").with_short('s'), option(...).in_choice("x").
  OptionSpec with_short(char c) const;
  OptionSpec in_choice(std::string_view group) const;
  OptionSpec repeated() const;
};

// An option without a value.
OptionSpec flag(std::string_view name, std::string help);
// An option with a value, named `value` in usage and help.
OptionSpec option(std::string_view name, std::string_view value, std::string help);
// An option whose value is one of the words of `words`, written "text|json|sarif".
OptionSpec keyword_option(std::string_view name, std::string_view words, std::string help);
// An option whose value is a decimal integer in `range` (parse_count).
OptionSpec count_option(std::string_view name, std::string_view value, std::string help, CountRange range);
// An option whose value is a date, YYYY-MM-DD, naming a real day.
OptionSpec date_option(std::string_view name, std::string help);

// The options a command was given, by long name, in the order given, and its
// positional arguments. Asking about a name the command does not declare is a bug,
// said plainly (std::logic_error), not a silent "not given".
class ParsedArgs {
 public:
  ParsedArgs() = default;
  explicit ParsedArgs(const std::vector<OptionSpec>& options) : options_(&options) {}

  std::vector<std::string> positional;

  bool has(std::string_view option) const;
  // The value given (the last one, for a repeatable option), or `fallback`.
  std::string get(std::string_view option, std::string_view fallback = {}) const;
  std::vector<std::string> all(std::string_view option) const;
  // An integer option's value, checked by the parser, or `fallback`.
  std::uint64_t count(std::string_view option, std::uint64_t fallback) const;
  // A date option's day, checked by the parser, or kNoDate (from program/date.hpp: -2^31).
  std::int32_t date(std::string_view option) const;

  void add(std::string_view option, std::string value);

 private:
  const OptionSpec& spec(std::string_view option) const;

  const std::vector<OptionSpec>* options_ = nullptr;
  std::vector<std::pair<std::string_view, std::string>> given_;
};

// Reads a count: one or more decimal digits (leading zeros allowed), at most `max`.
// No sign, no spaces, no `_` or other separators, no `0x` or exponent: what a shell
// user types, in one spelling only. `error` is empty on success; otherwise it completes
// "option '--x' ...", e.g. "takes a number without a sign, not '-5'".
struct Count {
  std::uint64_t value = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};
Count parse_count(std::string_view text, std::uint64_t max);

// What the words asked for, or why they cannot be read.
struct ParseOutcome {
  bool help = false;   // -h or --help among the options: print the command's help
  std::string error;   // a usage error, e.g. "unknown option '--colour'"
  std::string hint;    // "did you mean '--color'?", or empty
  bool ok() const { return error.empty(); }
};

// "--opt value", "--opt=value", "-o value", "-ovalue"; "--" ends the options and "-"
// alone is a positional argument. Checks: unknown options (with a did-you-mean), missing
// values, a value given to a flag, a non-repeatable option given twice, counts,
// keywords (with a did-you-mean), and that exactly one option of each choice is given.
ParseOutcome parse_args(const std::vector<OptionSpec>& options, const Args& words, ParsedArgs& out);

}  // namespace proviso::cli
