// The analysis thread: compile the saved bundle, analyse it, and publish the compiler's
// diagnostics with the findings, unless an edit came in meanwhile.
#include "analysis_worker.hpp"

#include <chrono>

#include "proviso/analysis/analysis.hpp"

namespace proviso::lsp::internal {

AnalysisWorker::AnalysisWorker(Server& server) : server_(server), thread_([this] { run(); }) {}

AnalysisWorker::~AnalysisWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AnalysisWorker::submit(Workspace::Snapshot job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    next_ = std::move(job);
  }
  wake_.notify_all();
}

void AnalysisWorker::run() {
  while (true) {
    Workspace::Snapshot job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || next_.has_value(); });
      if (stopping_) return;
      job = std::move(*next_);
      next_.reset();
    }
    const auto start = std::chrono::steady_clock::now();
    auto stale = [&] { return server_.serial.load() != job.serial; };
    json status = {{"files", job.files.size()}};
    if (stale()) {
      status["state"] = "cancelled";
      server_.notify("proviso/analysis", status);
      continue;
    }
    Compilation c = Workspace::compile(job);
    Diagnostics all = c.diagnostics;
    std::size_t findings = 0;
    if (c.program && !stale()) {
      AnalysisOptions options;
      options.timeout_ms = server_.options.analysis_timeout_ms;
      Diagnostics found;
      analyze(*c.program, options, found);
      findings = found.items().size();
      all.append(found);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    status["milliseconds"] = ms;
    std::set<std::string> open;
    for (const auto& [path, _] : job.texts) open.insert(path);
    if (stale() || publish_compilation(server_, c, job.files, all, open, job.serial).is_null()) {
      status["state"] = "cancelled";
    } else {
      status["state"] = "done";
      status["findings"] = findings;
    }
    server_.notify("proviso/analysis", status);
  }
}

}  // namespace proviso::lsp::internal
