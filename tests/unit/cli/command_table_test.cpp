// The command table is complete, and every way of asking for help prints what the
// table says: `proviso help CMD`, `proviso CMD --help` and `proviso CMD -h` alike.
#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <sstream>

#include "cli/command_table.hpp"
#include "cli/dispatch.hpp"
#include "cli/help.hpp"

namespace proviso::cli {
namespace {

struct Outcome {
  int status;
  std::string out, err;
};

Outcome run(const Args& words) {
  std::ostringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  int status = run_cli(words);
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {status, out.str(), err.str()};
}

// Text with every run of spaces and line ends made one space, so wrapped help can be
// searched for a sentence.
std::string flat(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

TEST(CommandTable, EveryEntryIsComplete) {
  std::set<std::string_view> names;
  ASSERT_FALSE(commands().empty());
  for (const Command& c : commands()) {
    SCOPED_TRACE(std::string(c.name));
    EXPECT_TRUE(names.insert(c.name).second) << "two commands named " << c.name;
    // Every command but the language server (which the editor feeds) takes paths.
    EXPECT_EQ(c.arguments.empty(), c.name == "lsp");
    EXPECT_FALSE(c.summary.empty());
    EXPECT_EQ(c.summary.find('\n'), std::string_view::npos);
    EXPECT_FALSE(c.description.empty());
    EXPECT_NE(c.run, nullptr);
    EXPECT_EQ(find_command(c.name), &c);
    std::set<std::string_view> options;
    std::set<char> shorts;
    for (const OptionSpec& o : c.options) {
      SCOPED_TRACE(std::string(o.name));
      EXPECT_EQ(o.name.substr(0, 2), "--");
      EXPECT_NE(o.name, "--help");
      EXPECT_TRUE(options.insert(o.name).second) << "declared twice";
      if (o.short_name != 0) {
        EXPECT_NE(o.short_name, 'h');
        EXPECT_TRUE(shorts.insert(o.short_name).second);
      }
      EXPECT_FALSE(o.help.empty());
      if (o.is_count) {
        EXPECT_TRUE(o.takes_value());
        EXPECT_LE(o.range.min, o.range.max);
      }
      // A value written as alternatives is checked as such.
      EXPECT_EQ(o.is_keyword, o.value.find('|') != std::string_view::npos) << o.value;
      if (o.is_keyword) {
        for (std::string_view w : o.keywords()) EXPECT_FALSE(w.empty());
      }
    }
  }
  EXPECT_EQ(find_command("chek"), nullptr);
}

TEST(CommandTable, EveryCompilingCommandTakesVerbose) {
  for (std::string_view name : {"check", "eval", "explain", "batch", "test", "graph", "diff"}) {
    const Command* c = find_command(name);
    ASSERT_NE(c, nullptr) << name;
    bool verbose = false;
    for (const OptionSpec& o : c->options) verbose = verbose || o.name == "--verbose";
    EXPECT_TRUE(verbose) << name;
  }
}

TEST(Help, UsageAndHelpNameEveryOptionWithItsHelp) {
  for (const Command& c : commands()) {
    SCOPED_TRACE(std::string(c.name));
    const std::string usage = render_usage(c);
    const std::string help = render_help(c);
    EXPECT_EQ(help.substr(0, usage.size()), usage);
    EXPECT_EQ(usage.rfind("usage: proviso " + std::string(c.name) + " " + std::string(c.arguments), 0), 0u) << usage;
    EXPECT_NE(flat(help).find(flat(c.description.substr(0, c.description.find("\n\n")))), std::string::npos);
    for (const OptionSpec& o : c.options) {
      std::string word = std::string(o.name) + (o.takes_value() ? " " + std::string(o.value) : "");
      EXPECT_NE(usage.find(word), std::string::npos) << word << " not in\n" << usage;
      EXPECT_NE(help.find(word), std::string::npos) << word;
      EXPECT_NE(flat(help).find(flat(o.help)), std::string::npos) << o.help << " not in\n" << help;
    }
    EXPECT_NE(help.find("-h, --help"), std::string::npos);
    std::istringstream lines(help);
    for (std::string line; std::getline(lines, line);) {
      if (line.find(' ', line.find_first_not_of(' ')) == std::string::npos) continue;  // one long word
      EXPECT_LE(line.size(), 88u) << line;
    }
  }
}

TEST(Help, EveryWayOfAskingPrintsTheSameHelp) {
  for (const Command& c : commands()) {
    SCOPED_TRACE(std::string(c.name));
    const std::string name(c.name);
    const std::string expected = render_help(c);
    for (const Args& words : {Args{"help", name}, Args{name, "--help"}, Args{name, "-h"},
                              Args{name, "some/path", "--bogus", "-h"}}) {
      Outcome r = run(words);
      EXPECT_EQ(r.status, 0);
      EXPECT_EQ(r.out, expected);
      EXPECT_EQ(r.err, "");
    }
  }
}

TEST(Help, TheOverviewListsEveryCommand) {
  for (const Args& words : {Args{"help"}, Args{"--help"}, Args{"-h"}}) {
    Outcome r = run(words);
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, render_overview());
    for (const Command& c : commands()) {
      EXPECT_NE(r.out.find("  " + std::string(c.name) + " "), std::string::npos) << c.name;
      EXPECT_NE(r.out.find(std::string(c.summary)), std::string::npos) << c.name;
    }
  }
  Outcome none = run({});
  EXPECT_EQ(none.status, 2);
  EXPECT_EQ(none.err, render_overview());
}

TEST(Help, AnUnknownCommandGetsADidYouMeanAndTheList) {
  Outcome r = run({"chek", "x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("proviso: error: unknown command 'chek'\n  help: did you mean 'check'?\n", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(render_command_list()), std::string::npos);
  Outcome h = run({"help", "grpah"});
  EXPECT_EQ(h.status, 2);
  EXPECT_NE(h.err.find("did you mean 'graph'?"), std::string::npos) << h.err;
  Outcome far = run({"frobnicate"});
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(Help, AnUnknownOptionGetsADidYouMeanAndTheUsage) {
  Outcome r = run({"check", "--strcit", "x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "proviso check: error: unknown option '--strcit'\n  help: did you mean '--strict'?\n" +
                       render_usage(*find_command("check")));
}

TEST(Help, CountOptionsAreCheckedForEveryCommand) {
  Outcome r = run({"check", "x", "--timeout", "-5"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("proviso check: error: option '--timeout' takes a number without a sign, not '-5'\n", 0), 0u)
      << r.err;
  r = run({"diff", "a", "b", "--timeout", "12abc"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("proviso diff: error: option '--timeout' takes a number (digits only), not '12abc'\n", 0), 0u)
      << r.err;
  r = run({"batch", "x", "--max-line", "99999999999999999999999"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("option '--max-line' takes a number no larger than"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace proviso::cli
