#include "cli/report_common.hpp"

#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli_common.hpp"
#include "cli/output.hpp"
#include "proviso/base/suggest.hpp"
#include "proviso/program/program_file.hpp"

namespace proviso::cli {

std::vector<FrameworkInfo> frameworks_of(const Compilation& c) {
  std::vector<FrameworkInfo> out;
  for (const ast::File& file : c.files) {
    for (const ast::Framework& fw : file.frameworks) {
      FrameworkInfo f;
      f.name = fw.name.text;
      f.title = fw.title;
      for (const ast::Question& q : fw.questions) {
        f.questions.push_back(FrameworkQuestion{q.name.text, q.text, q.group ? q.group->text : std::string()});
      }
      out.push_back(std::move(f));
    }
  }
  return out;
}

const FrameworkInfo* pick_framework(std::string_view command, const std::vector<FrameworkInfo>& frameworks,
                                    std::string_view name) {
  if (const FrameworkInfo* f = find_framework(frameworks, name)) return f;
  std::vector<std::string_view> names;
  for (const FrameworkInfo& f : frameworks) names.push_back(f.name);
  std::string hint = did_you_mean(name, names);
  if (hint.empty()) {
    std::string all;
    for (std::string_view n : names) all += (all.empty() ? "" : ", ") + std::string(n);
    hint = names.empty() ? "the bundle declares no framework" : "the frameworks are: " + all;
  }
  std::cerr << fmt::format("proviso {}: error: no framework '{}' in the bundle; {}\n", command, name, hint);
  return nullptr;
}

int compile_for_report(const ParsedArgs& a, Compilation& c) {
  c = compile_bundle(a);
  if (!c.diagnostics.has_errors() && c.program) return 0;
  print_diagnostics(c.diagnostics);
  const int status = exit_status(c.diagnostics);
  return status == 0 ? 1 : status;
}

bool refuse_program_file(std::string_view command, const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    std::ifstream in(path, std::ios::binary);
    char head[kProgramFileMagic.size()];
    in.read(head, sizeof head);
    if (in.gcount() == static_cast<std::streamsize>(sizeof head) && is_program_file(std::string_view(head, sizeof head))) {
      std::cerr << fmt::format("proviso {}: error: {} is a program file; {} reads the bundle's sources (a program "
                               "file keeps no frameworks)\n",
                               command, path, command);
      return true;
    }
  }
  return false;
}

bool write_report(std::string_view command, const std::string& path, std::string_view text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return true;
  }
  int error = 0;
  if (write_file_checked(path, text, error)) return true;
  std::cerr << fmt::format("proviso {}: error: cannot write {}: {}\n", command, path, std::strerror(error));
  return false;
}

}  // namespace proviso::cli
