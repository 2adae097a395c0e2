// Publishing diagnostics: the compiler's (and, after a save, the analysis'), each with
// its code, its range, its hint and its notes as related locations. Every file of the
// bundle is published, so fixed problems disappear.
#include <map>

#include "server.hpp"

namespace proviso::lsp::internal {
namespace {

int severity_of(Severity s) {
  switch (s) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::info: return 3;
  }
  return 1;
}

class Ranges {
 public:
  explicit Ranges(const Compilation& c) : c_(c) {}

  // The range of a compiler location, or nullopt when its file is not in the bundle.
  std::optional<std::pair<std::string, json>> of(const Location& loc) {
    const SourceFile* src = nullptr;
    for (const SourceFile& f : c_.sources) {
      if (f.name() == loc.file) src = &f;
    }
    if (!src) return std::nullopt;
    auto [it, added] = lines_.try_emplace(src->name(), src->text());
    const LineIndex& lines = it->second;
    std::uint32_t begin = lines.offset_of_column(loc.line, loc.column);
    std::uint32_t end = loc.line == 0 ? begin : lines.offset_of_column(loc.line, loc.column + std::max(loc.length, 1u));
    return std::make_pair(src->name(), lines.range(begin, end));
  }

 private:
  const Compilation& c_;
  std::map<std::string, LineIndex> lines_;
};

}  // namespace

json publish_compilation(Server& s, const Compilation& c, const std::vector<std::string>& files,
                         const Diagnostics& diagnostics, const std::set<std::string>& open,
                         std::uint64_t only_at_serial) {
  std::map<std::string, json> by_file;  // path -> diagnostics
  for (const std::string& f : files) by_file[f] = json::array();
  for (const SourceFile& f : c.sources) by_file.try_emplace(f.name(), json::array());
  Ranges ranges(c);
  for (const Diagnostic& d : diagnostics.items()) {
    auto where = ranges.of(d.location);
    std::string file;
    json range = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
    if (where) {
      file = where->first;
      range = where->second;
    } else if (!files.empty()) {
      file = files.front();  // a bundle-wide problem (an unreadable file, a limit)
    } else {
      continue;
    }
    json out = {{"range", range},
                {"severity", severity_of(d.severity)},
                {"code", std::string(to_string(d.code))},
                {"source", "proviso"},
                {"message", d.hint.empty() ? d.message : d.message + "\nhint: " + d.hint}};
    json related = json::array();
    for (const Note& n : d.notes) {
      if (auto at = ranges.of(n.location)) {
        related.push_back({{"location", {{"uri", uri_of_path(at->first)}, {"range", at->second}}},
                           {"message", n.message}});
      }
    }
    if (!related.empty()) out["relatedInformation"] = related;
    if (!d.rules.empty()) out["data"] = {{"rules", d.rules}};
    by_file[file].push_back(std::move(out));
  }
  json published = json::array();
  std::lock_guard<std::mutex> lock(s.publish_mutex);
  // Checked under the lock: an edit after this point publishes after this does.
  if (only_at_serial != 0 && s.serial.load() != only_at_serial) return nullptr;
  for (auto& [path, list] : by_file) {
    const std::string uri = uri_of_path(path);
    // An open document hears every time, so its client knows the check is done.
    if (list.empty() && !s.with_diagnostics.count(uri) && !open.count(canonical_path(path))) continue;
    if (list.empty()) {
      s.with_diagnostics.erase(uri);
    } else {
      s.with_diagnostics.insert(uri);
    }
    s.notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", std::move(list)}});
    published.push_back(uri);
  }
  return published;
}

void publish_diagnostics(Server& s, const std::string& path) {
  std::shared_ptr<const Bundle> b = s.workspace.bundle_of(path);
  std::set<std::string> open;
  for (const std::string& f : b->files) {
    if (s.workspace.text(f)) open.insert(f);
  }
  publish_compilation(s, b->compilation, b->files, b->compilation.diagnostics, open);
}

}  // namespace proviso::lsp::internal
