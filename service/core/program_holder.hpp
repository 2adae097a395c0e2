#pragma once
// The program being served, swapped whole on reload. Each request takes the current
// one (a shared_ptr copy) and finishes on it, so a reload never changes the program
// under a request in flight; a failed reload keeps the old program and remembers why.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "proviso/runtime/evaluate.hpp"
#include "proviso/compiler/graph.hpp"
#include "proviso/runtime/plan.hpp"
#include "proviso/runtime/json_fragments.hpp"
#include "proviso/runtime/scenario_json.hpp"
#include "register/packed_result.hpp"

namespace proviso::service::internal {

struct ServedProgram {
  std::shared_ptr<const Plan> plan;
  std::string hash;          // SHA-256 of the program file payload: the same for sources and `proviso build`
  std::string loaded_at;     // UTC
  double loaded_at_seconds = 0;
  double load_seconds = 0;   // compiling or reading it
  std::vector<std::string> files;  // the source files its declarations came from
  std::uint64_t generation = 0;
  // The condition graph, for the web page's pictures; null for a `proviso build` file.
  std::shared_ptr<const ConditionGraph> graph;
  // The program's JSON pieces, made once: every answer is written with them.
  std::unique_ptr<const JsonFragments> fragments;
  // What the register's copies of this program's results are compressed with.
  std::shared_ptr<const ResultCompressor> compressor;
};

// What one worker thread needs to decide on the current program: a reader and an
// evaluation bound to its plan. Made again only when the program changes.
struct Worker {
  std::shared_ptr<const ServedProgram> program;
  std::unique_ptr<ScenarioReader> reader;
  std::unique_ptr<Evaluation> evaluation;
};

class ProgramHolder {
 public:
  ProgramHolder(std::vector<std::string> paths, std::string root) : paths_(std::move(paths)), root_(std::move(root)) {}

  // Compiles the sources (or reads the program file) and, when that succeeds, swaps the
  // new program in. On failure the current program stays and `error` says why (the
  // diagnostics as text); the error is also kept for /v1/health until a reload succeeds.
  bool load(std::string& error);

  std::shared_ptr<const ServedProgram> current() const;
  // This thread's worker on the current program.
  Worker& worker();

  std::string last_error() const;
  std::string last_error_time() const;

 private:
  std::vector<std::string> paths_;
  std::string root_;
  std::mutex load_mutex_;  // one load at a time
  mutable std::mutex mutex_;
  std::shared_ptr<const ServedProgram> current_;
  std::atomic<std::uint64_t> generation_{0};
  std::string last_error_, last_error_time_;
};

}  // namespace proviso::service::internal
