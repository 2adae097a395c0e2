#include "core/log.hpp"

#include <unistd.h>

#include <mutex>

#include "core/util.hpp"

namespace proviso::service::internal {

void log_event(std::string_view level, std::string_view event, std::initializer_list<LogField> fields) {
  std::string line = "{\"time\":\"" + now_utc() + "\",\"level\":" + json_string(level) +
                     ",\"event\":" + json_string(event);
  for (const LogField& f : fields) {
    line += ',';
    line += json_string(f.first);
    line += ':';
    line += f.second;
  }
  line += "}\n";
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  // One write(2) per line: a crash never leaves half a line behind a buffered stream.
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(2, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace proviso::service::internal
