#pragma once
// The proviso program's subcommands, one file each. Each returns the exit status:
// 0 success, 1 the input has errors (or a test/expectation failed), 2 usage or I/O.
#include <string>
#include <vector>

namespace proviso::cli {

using Args = std::vector<std::string>;  // the words after the subcommand's name

int run_check(const Args& args);
int run_build(const Args& args);
int run_eval(const Args& args);
int run_batch(const Args& args);
int run_test(const Args& args);
int run_graph(const Args& args);
int run_diff(const Args& args);

}  // namespace proviso::cli
