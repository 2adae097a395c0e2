#pragma once
// proviso batch's stream loop, apart from argument parsing so that tests can drive it
// with small blocks and limits.
#include <cstddef>
#include <cstdio>

#include "proviso/program/program.hpp"
#include "proviso/runtime/render.hpp"

namespace proviso::cli {

// The limits and switches of the batch stage, each the one default of its number.
struct BatchOptions {
  // --max-line: a longer line gives a `limit` error record and is skipped to its end
  // without being held, so memory stays bounded whatever arrives.
  std::size_t max_line_bytes = 1 << 20;
  std::size_t read_block_bytes = 1 << 20;  // input is read in blocks of this size
  std::size_t flush_bytes = 1 << 20;       // output is written out once this much is held (files)
  bool decision_only = false;              // --fields decision
  TraceMode trace = TraceMode::minimal;    // --trace (--no-trace: none)
  std::int32_t on = -2147483647 - 1;       // --on: the date of lines without "on" (kNoDate: today)
};

// Reads JSON Lines from `in` to its end and writes exactly one line per input line to
// `out`, in order: the result, or an error record. When `in` is not a regular file (a
// pipe, a terminal, a socket) each line is answered, and the answer flushed, as soon as
// it has arrived. Every result and error record carries "line", the input line number
// from 1. Returns the exit status: 0 every line good, 1 some line bad, 2 a read or a
// write failed (the error printed; batch stops at the first failed write).
int run_batch_stream(const Program& program, std::FILE* in, std::FILE* out, const BatchOptions& options);

}  // namespace proviso::cli
