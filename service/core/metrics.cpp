#include "core/metrics.hpp"

#include <fmt/format.h>

namespace proviso::service::internal {

void Histogram::observe(double seconds) {
  std::size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels) const {
  const std::string sep = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, kBounds[i], cumulative);
  }
  cumulative += buckets_[kBounds.size()].load(std::memory_order_relaxed);
  out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, cumulative);
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += fmt::format("{}_sum{} {}\n", name, braces, static_cast<double>(sum_micros_.load()) / 1e6);
  out += fmt::format("{}_count{} {}\n", name, braces, count_.load());
}

void Metrics::request(const std::string& endpoint, int status, double seconds) {
  Histogram* h;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{endpoint, status}];
    h = &latency_[endpoint];
  }
  h->observe(seconds);
}

void Metrics::decision(std::string_view outcome) {
  static constexpr std::array<std::string_view, 4> names{"share", "refer", "deny", "undetermined"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == outcome) decisions_[i].fetch_add(1, std::memory_order_relaxed);
  }
}

void Metrics::commit(double seconds, std::size_t records, bool ok) {
  commit_latency_.observe(seconds);
  commit_batches_.fetch_add(1, std::memory_order_relaxed);
  if (ok) {
    committed_records_.fetch_add(records, std::memory_order_relaxed);
  } else {
    commit_failures_.fetch_add(1, std::memory_order_relaxed);
  }
}

void Metrics::program(const std::string& bundle, double loaded_at, double load_seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  bundle_ = bundle;
  loaded_at_ = loaded_at;
  load_seconds_ = load_seconds;
}

void Metrics::reload(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1, std::memory_order_relaxed); }

std::string Metrics::render() const {
  std::string out;
  std::lock_guard<std::mutex> lock(mutex_);
  out += "# HELP proviso_http_requests_total HTTP requests answered, by endpoint and status.\n"
         "# TYPE proviso_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += fmt::format("proviso_http_requests_total{{endpoint=\"{}\",status=\"{}\"}} {}\n", key.first, key.second, n);
  }
  out += "# HELP proviso_http_request_duration_seconds Time from a request read to its answer written.\n"
         "# TYPE proviso_http_request_duration_seconds histogram\n";
  for (const auto& [endpoint, h] : latency_) {
    h.render(out, "proviso_http_request_duration_seconds", fmt::format("endpoint=\"{}\"", endpoint));
  }
  out += "# HELP proviso_decisions_total Decisions answered by /v1/decide and /access/v1/evaluation, by outcome.\n"
         "# TYPE proviso_decisions_total counter\n";
  static constexpr std::array<std::string_view, 4> names{"share", "refer", "deny", "undetermined"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += fmt::format("proviso_decisions_total{{decision=\"{}\"}} {}\n", names[i], decisions_[i].load());
  }
  out += "# HELP proviso_register_commit_seconds Time to make one batch of decision records durable.\n"
         "# TYPE proviso_register_commit_seconds histogram\n";
  commit_latency_.render(out, "proviso_register_commit_seconds", "");
  out += fmt::format(
      "# HELP proviso_register_records_total Decision records made durable.\n"
      "# TYPE proviso_register_records_total counter\nproviso_register_records_total {}\n"
      "# HELP proviso_register_commits_total Register transactions (each holds a batch of records).\n"
      "# TYPE proviso_register_commits_total counter\nproviso_register_commits_total {}\n"
      "# HELP proviso_register_commit_failures_total Register transactions that failed (their requests got 503).\n"
      "# TYPE proviso_register_commit_failures_total counter\nproviso_register_commit_failures_total {}\n",
      committed_records_.load(), commit_batches_.load(), commit_failures_.load());
  out += fmt::format(
      "# HELP proviso_program_info The program being served; the label is its hash.\n"
      "# TYPE proviso_program_info gauge\nproviso_program_info{{bundle=\"{}\"}} 1\n"
      "# HELP proviso_program_loaded_timestamp_seconds When the program being served was loaded.\n"
      "# TYPE proviso_program_loaded_timestamp_seconds gauge\nproviso_program_loaded_timestamp_seconds {:.3f}\n"
      "# HELP proviso_program_load_seconds How long loading (compiling) the program being served took.\n"
      "# TYPE proviso_program_load_seconds gauge\nproviso_program_load_seconds {:.6f}\n"
      "# HELP proviso_reloads_total Reloads, by result.\n"
      "# TYPE proviso_reloads_total counter\nproviso_reloads_total{{result=\"ok\"}} {}\n"
      "proviso_reloads_total{{result=\"failed\"}} {}\n",
      bundle_, loaded_at_, load_seconds_, reloads_ok_.load(), reloads_failed_.load());
  return out;
}

}  // namespace proviso::service::internal
