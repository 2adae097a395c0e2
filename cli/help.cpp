#include "cli/help.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace proviso::cli {
namespace {

constexpr std::size_t kWidth = 88;  // lines are wrapped before this column
constexpr std::size_t kOptionColumn = 30;  // an option spelled longer starts its help on the next line

// Appends `words` to `out` after `first_prefix`, wrapping before kWidth; continuation
// lines start with `indent` spaces. A word longer than a line stays whole.
void wrap(std::string& out, std::string_view first_prefix, const std::vector<std::string>& words, std::size_t indent) {
  std::string line(first_prefix);
  bool line_has_word = false;
  for (const std::string& w : words) {
    if (line_has_word && line.size() + 1 + w.size() > kWidth) {
      out += line + '\n';
      line = std::string(indent, ' ');
      line_has_word = false;
    }
    if (line_has_word) line += ' ';
    line += w;
    line_has_word = true;
  }
  out += line + '\n';
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) words.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string spelled(const OptionSpec& o) {
  std::string s = o.short_name != 0 ? fmt::format("-{}, {}", o.short_name, o.name) : std::string(o.name);
  if (o.takes_value()) s += fmt::format(" {}", o.value);
  return s;
}

// "--a", "--a or --b", "--a, --b or --c".
std::string join_names(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ");
    out += names[i];
  }
  return out;
}

std::string usage_word(const OptionSpec& o) {
  return o.takes_value() ? fmt::format("{} {}", o.name, o.value) : std::string(o.name);
}

}  // namespace

std::string render_usage(const Command& command) {
  // Tokens that must not be split: an option with its value, a choice group.
  std::vector<std::string> tokens = split_words(command.arguments);
  std::vector<std::string_view> choices_done;
  for (const OptionSpec& o : command.options) {
    if (o.choice.empty()) {
      tokens.push_back(fmt::format("[{}]{}", usage_word(o), o.repeatable ? "..." : ""));
      continue;
    }
    if (std::find(choices_done.begin(), choices_done.end(), o.choice) != choices_done.end()) continue;
    choices_done.push_back(o.choice);
    std::string group;
    for (const OptionSpec& member : command.options) {
      if (member.choice != o.choice) continue;
      group += (group.empty() ? "(" : " | ") + usage_word(member);
    }
    // A choice of one is a required option: no parentheses.
    tokens.push_back(group.find(" | ") == std::string::npos ? group.substr(1) : group + ")");
  }
  if (!command.usage_tail.empty()) tokens.emplace_back(command.usage_tail);
  const std::string prefix = fmt::format("usage: proviso {} ", command.name);
  std::string out;
  wrap(out, prefix, tokens, prefix.size());
  return out;
}

std::string render_help(const Command& command) {
  std::string out = render_usage(command);
  std::string_view description = command.description;
  while (!description.empty()) {
    std::size_t end = description.find("\n\n");
    out += '\n';
    wrap(out, "", split_words(description.substr(0, end)), 0);
    description = end == std::string_view::npos ? std::string_view() : description.substr(end + 2);
  }
  out += "\noptions:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const OptionSpec& o : command.options) {
    std::string help = o.help;
    if (o.repeatable) help += " (may be given more than once)";
    if (!o.choice.empty()) {
      std::vector<std::string_view> members;
      for (const OptionSpec& m : command.options) {
        if (m.choice == o.choice) members.push_back(m.name);
      }
      help += " (one of " + join_names(members) + " is required)";
    }
    rows.emplace_back(spelled(o), help);
  }
  rows.emplace_back("-h, --help", "print this help");
  std::size_t column = 0;
  for (const auto& [name, help] : rows) {
    if (name.size() + 4 <= kOptionColumn) column = std::max(column, name.size() + 4);
  }
  for (const auto& [name, help] : rows) {
    std::string first = "  " + name;
    if (first.size() + 2 > column) {
      out += first + '\n';
      first.clear();
    }
    first.resize(column, ' ');
    wrap(out, first, split_words(help), column);
  }
  return out;
}

std::string render_command_list() {
  std::size_t column = 0;
  for (const Command& c : commands()) column = std::max(column, c.name.size() + 1 + c.arguments.size());
  std::string out = "commands:\n";
  for (const Command& c : commands()) {
    std::string head = fmt::format("{} {}", c.name, c.arguments);
    head.resize(column, ' ');
    out += fmt::format("  {}   {}\n", head, c.summary);
  }
  return out;
}

std::string render_overview() {
  return "proviso: policy-as-code for deciding when public services may share personal data\n"
         "\n"
         "usage: proviso COMMAND [ARGS...]\n"
         "\n" +
         render_command_list() +
         "\n"
         "PATH is a .proviso file or a folder (searched recursively).\n"
         "Exit status: 0 success, 1 the input has errors or a test failed, 2 usage or I/O error.\n"
         "Run 'proviso help COMMAND' (or 'proviso COMMAND --help') for a command's options;\n"
         "'proviso --version' prints the version.\n";
}

}  // namespace proviso::cli
