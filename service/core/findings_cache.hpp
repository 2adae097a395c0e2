#pragma once
// The `check` findings of the program being served, for the web page. The analysis
// (Z3) takes seconds, so it runs once per loaded program on its own thread, started by
// the first request that wants it; requests meanwhile hear "computing" and never wait.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/program_holder.hpp"

namespace proviso::service::internal {

class FindingsCache {
 public:
  explicit FindingsCache(unsigned budget_s) : budget_s_(budget_s) {}
  ~FindingsCache();
  FindingsCache(const FindingsCache&) = delete;
  FindingsCache& operator=(const FindingsCache&) = delete;

  // The findings of `program` as JSON (`ready`), or nothing yet (not `ready`): then
  // the analysis of `program` has been started or is under way.
  std::string get(const std::shared_ptr<const ServedProgram>& program, bool& ready);

 private:
  void run(std::shared_ptr<const ServedProgram> program);

  unsigned budget_s_;
  std::mutex mutex_;
  std::uint64_t done_generation_ = 0;  // 0: nothing computed yet
  std::string json_;
  bool running_ = false;
  std::thread worker_;
};

}  // namespace proviso::service::internal
