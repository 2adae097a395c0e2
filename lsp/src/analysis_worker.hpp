#pragma once
// Private: the static analysis, run on save in a thread of its own so that the server
// keeps answering. A newer save replaces a queued job; an edit made while a job runs
// cancels it: its findings, now stale, are dropped and a `proviso/analysis`
// notification says "cancelled". (A solver query already running is not interrupted:
// each has the analysis' time limit.)
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "server.hpp"

namespace proviso::lsp::internal {

class AnalysisWorker {
 public:
  explicit AnalysisWorker(Server& server);
  ~AnalysisWorker();
  AnalysisWorker(const AnalysisWorker&) = delete;
  AnalysisWorker& operator=(const AnalysisWorker&) = delete;

  void submit(Workspace::Snapshot job);

 private:
  void run();

  Server& server_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Workspace::Snapshot> next_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace proviso::lsp::internal
