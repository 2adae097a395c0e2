#pragma once
// The proviso program's commands, one file each; command_table.cpp lists them with
// their options. Each returns the exit status: 0 success, 1 the input has errors (or a
// test/expectation failed), 2 usage or I/O.
#include "cli/args.hpp"

namespace proviso::cli {

int run_check(const ParsedArgs& args);
int run_build(const ParsedArgs& args);
int run_eval(const ParsedArgs& args);
int run_explain(const ParsedArgs& args);
int run_batch(const ParsedArgs& args);
int run_test(const ParsedArgs& args);
int run_graph(const ParsedArgs& args);
int run_diff(const ParsedArgs& args);
int run_ask(const ParsedArgs& args);
int run_serve(const ParsedArgs& args);
int run_register(const ParsedArgs& args);
int run_fmt(const ParsedArgs& args);
int run_lsp(const ParsedArgs& args);
int run_assess(const ParsedArgs& args);
int run_coverage(const ParsedArgs& args);
int run_publish(const ParsedArgs& args);

}  // namespace proviso::cli
