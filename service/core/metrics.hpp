#pragma once
// The service's figures for /v1/metrics, in the Prometheus text format: requests by
// endpoint and status, decisions by outcome, request latency, register commits, and
// the program being served. Counters are atomics or taken under a short lock, so
// worker threads only add.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace proviso::service::internal {

// A histogram with fixed upper bounds in seconds (Prometheus `le` buckets).
class Histogram {
 public:
  static constexpr std::array<double, 14> kBounds{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                  0.01,    0.025,  0.05,    0.1,    0.25,  0.5,    1.0};
  void observe(double seconds);
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};  // last: +Inf
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};
};

class Metrics {
 public:
  void request(const std::string& endpoint, int status, double seconds);
  void decision(std::string_view outcome);
  void commit(double seconds, std::size_t records, bool ok);
  void program(const std::string& bundle, double loaded_at, double load_seconds);
  void reload(bool ok);

  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // nodes never move: map
  std::array<std::atomic<std::uint64_t>, 4> decisions_{};
  Histogram commit_latency_;
  std::atomic<std::uint64_t> committed_records_{0};
  std::atomic<std::uint64_t> commit_batches_{0};
  std::atomic<std::uint64_t> commit_failures_{0};
  std::string bundle_;
  double loaded_at_ = 0, load_seconds_ = 0;
  std::atomic<std::uint64_t> reloads_ok_{0}, reloads_failed_{0};
};

}  // namespace proviso::service::internal
