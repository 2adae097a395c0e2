// proviso publish: the static public register, written into a folder.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/cli_common.hpp"
#include "cli/report_common.hpp"
#include "proviso/report/publish.hpp"

namespace proviso::cli {

int run_publish(const ParsedArgs& a) {
  if (a.positional.empty()) return usage_error("publish", "no PATH given");
  if (refuse_program_file("publish", a.positional)) return 2;
  const std::string dir = a.get("--output");
  if (dir.empty() || dir == "-") return usage_error("publish", "-o takes a folder (the register is several pages)");

  Compilation c;
  if (const int status = compile_for_report(a, c)) return status;
  const std::vector<PublishedFile> files = publish_register(*c.program, frameworks_of(c));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    std::cerr << fmt::format("proviso publish: error: cannot make the folder {}: {}\n", dir,
                             ec ? ec.message() : "a file of that name is in the way");
    return 2;
  }
  for (const PublishedFile& f : files) {
    if (!write_report("publish", (std::filesystem::path(dir) / f.path).string(), f.content)) return 2;
  }
  std::cout << fmt::format("wrote {} pages to {}\n", files.size(), dir);
  return 0;
}

}  // namespace proviso::cli
