#include "core/findings_cache.hpp"

#include <chrono>

#include "core/util.hpp"
#include "proviso/analysis/analysis.hpp"
#include "proviso/base/diagnostic_render.hpp"

namespace proviso::service::internal {

FindingsCache::~FindingsCache() {
  // The analysis stops within its budget; the service waits for it rather than tear
  // Z3 down under a running query.
  if (worker_.joinable()) worker_.join();
}

std::string FindingsCache::get(const std::shared_ptr<const ServedProgram>& program, bool& ready) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (done_generation_ == program->generation) {
    ready = true;
    return json_;
  }
  ready = false;
  if (!running_) {
    if (worker_.joinable()) worker_.join();  // finished: it cleared running_ last
    running_ = true;
    worker_ = std::thread([this, program] { run(program); });
  }
  return {};
}

void FindingsCache::run(std::shared_ptr<const ServedProgram> program) {
  const auto start = std::chrono::steady_clock::now();
  std::string json;
  try {
    AnalysisOptions options;
    options.budget_s = budget_s_;
    Diagnostics findings;
    const AnalysisStats stats = analyze(program->plan->program(), options, findings);
    findings.sort();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    json = "{\"status\":\"ready\",\"bundle\":\"" + program->hash + "\",\"seconds\":" + std::to_string(seconds) +
           ",\"queries\":" + std::to_string(stats.queries) + ",\"findings\":" + render_json(findings) + "}";
  } catch (const std::exception& e) {
    json = "{\"status\":\"failed\",\"bundle\":\"" + program->hash + "\",\"error\":" + json_string(e.what()) +
           ",\"findings\":{\"diagnostics\":[]}}";
  }
  std::lock_guard<std::mutex> lock(mutex_);
  done_generation_ = program->generation;
  json_ = std::move(json);
  running_ = false;
}

}  // namespace proviso::service::internal
