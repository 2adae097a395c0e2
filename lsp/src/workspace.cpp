// Documents, the import graph of the workspace, and compiling bundles with the
// editor's unsaved text standing in for the files on disk.
#include "workspace.hpp"

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "proviso/compiler/tokens.hpp"

namespace proviso::lsp::internal {
namespace fs = std::filesystem;

std::string canonical_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return (ec ? fs::path(path).lexically_normal() : p).generic_string();
}

std::optional<std::uint32_t> Bundle::file_id(const std::string& path) const {
  for (std::uint32_t i = 0; i < compilation.sources.size(); ++i) {
    if (compilation.sources[i].name() == path) return i;
  }
  const std::string canonical = canonical_path(path);
  for (std::uint32_t i = 0; i < compilation.sources.size(); ++i) {
    if (canonical_path(compilation.sources[i].name()) == canonical) return i;
  }
  return std::nullopt;
}

void Workspace::open(const std::string& path, std::string text) {
  docs_[canonical_path(path)] = std::move(text);
  ++serial_;
  if (!on_disk_.count(canonical_path(path))) listed_ = false;
}

void Workspace::change(const std::string& path, std::string text) {
  docs_[canonical_path(path)] = std::move(text);
  ++serial_;
}

void Workspace::close(const std::string& path) {
  docs_.erase(canonical_path(path));
  ++serial_;
}

const std::string* Workspace::text(const std::string& path) const {
  auto it = docs_.find(canonical_path(path));
  return it == docs_.end() ? nullptr : &it->second;
}

std::string Workspace::root_for(const std::string& path) const {
  if (!root_.empty()) {
    const std::string r = canonical_path(root_), p = canonical_path(path);
    if (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && p[r.size()] == '/') return r;
  }
  return fs::path(canonical_path(path)).parent_path().generic_string();
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text of a string token without its quotes, with the escapes undone.
std::string unquote(std::string_view s) {
  std::string out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) {
      char e = s[++i];
      out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

const std::vector<std::string>& Workspace::imports_of(const std::string& path) {
  Imports& entry = imports_[path];
  std::string text;
  auto doc = docs_.find(path);
  if (doc != docs_.end()) {
    text = doc->second;
    entry.stamp = -1;
  } else {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    auto time = fs::last_write_time(path, ec);
    std::int64_t stamp = ec ? -2 : static_cast<std::int64_t>(time.time_since_epoch().count()) ^ static_cast<std::int64_t>(size);
    if (stamp == entry.stamp && stamp != -1) return entry.targets;
    entry.stamp = stamp;
    text = read_file(path);
  }
  entry.targets.clear();
  TokenStream ts = lex_tokens(text);
  for (std::size_t i = 0; i + 1 < ts.tokens.size(); ++i) {
    if (ts.tokens[i].is("import") && ts.tokens[i + 1].kind == TokenKind::string) {
      fs::path target = fs::path(path).parent_path() / unquote(ts.tokens[i + 1].text);
      entry.targets.push_back(canonical_path(target.generic_string()));
    }
  }
  return entry.targets;
}

std::vector<std::string> Workspace::members(const std::string& path) {
  const std::string start = canonical_path(path);
  const std::string root = root_for(start);
  if (!listed_) {
    on_disk_.clear();
    std::error_code ec;
    std::size_t seen = 0;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator() && seen < 20'000; it.increment(ec), ++seen) {
      if (it->is_regular_file(ec) && it->path().extension() == ".proviso") {
        on_disk_.insert(canonical_path(it->path().generic_string()));
      }
    }
    listed_ = true;
  }
  // Undirected import graph over the files under the root and the open documents.
  std::set<std::string> universe(on_disk_);
  for (const auto& [p, _] : docs_) universe.insert(p);
  std::map<std::string, std::vector<std::string>> joined;
  for (const std::string& f : universe) {
    if (f.compare(0, root.size(), root) != 0) continue;
    for (const std::string& t : imports_of(f)) {
      if (!universe.count(t)) continue;
      joined[f].push_back(t);
      joined[t].push_back(f);
    }
  }
  std::set<std::string> seen{start};
  std::deque<std::string> todo{start};
  while (!todo.empty()) {
    std::string f = todo.front();
    todo.pop_front();
    for (const std::string& n : joined[f]) {
      if (seen.insert(n).second) todo.push_back(n);
    }
  }
  return {seen.begin(), seen.end()};
}

Workspace::Snapshot Workspace::snapshot(const std::string& path) {
  Snapshot s;
  s.files = members(path);
  s.root = root_for(path);
  s.serial = serial_;
  for (const std::string& f : s.files) {
    auto it = docs_.find(f);
    if (it != docs_.end()) s.texts[f] = it->second;
  }
  return s;
}

Compilation Workspace::compile(const Snapshot& s) {
  CompileOptions options;
  options.bundle.root = s.root;
  options.bundle.overlay = [&s](const std::string& canonical) -> std::optional<std::string> {
    auto it = s.texts.find(canonical);
    if (it == s.texts.end()) return std::nullopt;
    return it->second;
  };
  return compile_paths(s.files, options);
}

std::shared_ptr<const Bundle> Workspace::bundle_of(const std::string& path) {
  Snapshot s = snapshot(path);
  std::string key;
  for (const std::string& f : s.files) key += f + '\n';
  auto& slot = bundles_[key];
  if (slot && slot->serial == serial_) return slot;
  auto b = std::make_shared<Bundle>();
  const auto start = std::chrono::steady_clock::now();
  b->files = s.files;
  b->compilation = compile(s);
  b->index = std::make_unique<SymbolIndex>(b->compilation);
  b->serial = serial_;
  b->compile_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  slot = b;
  return b;
}

}  // namespace proviso::lsp::internal
