// The first stage of the road: reads the named files and folders, parses each, and
// follows their imports, keeping every import inside its bundle root.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "load/load_bundle.hpp"
#include "proviso/compiler/parse.hpp"

namespace proviso {
namespace fs = std::filesystem;

namespace {

Location nowhere(std::string file = {}) {
  Location loc;
  loc.file = std::move(file);
  return loc;
}

// Loads the files of one bundle: the named files and folders, then every import,
// checking that no import leaves the root of the entry it came from.
class BundleLoader {
 public:
  BundleLoader(Compilation& c, const CompileOptions& options) : c_(c), options_(options) {}

  void load_entry(const std::string& path) {
    std::error_code ec;
    fs::path p(path);
    std::optional<fs::path> fixed_root;
    if (!options_.bundle.root.empty()) {
      fixed_root = fs::weakly_canonical(options_.bundle.root, ec);
      if (!fs::is_directory(*fixed_root, ec)) {
        c_.diagnostics.add(Code::io, fmt::format("the bundle root '{}' is not a folder", options_.bundle.root),
                           nowhere(options_.bundle.root));
        return;
      }
      if (!within(*fixed_root, fs::weakly_canonical(p, ec))) {
        c_.diagnostics.add(Code::io, fmt::format("'{}' is outside the bundle root '{}'", path, options_.bundle.root),
                           nowhere(path));
        return;
      }
    }
    if (fs::is_directory(p, ec)) {
      fs::path root = fixed_root ? *fixed_root : fs::weakly_canonical(p, ec);
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".proviso") found.push_back(it->path());
      }
      if (ec) {
        c_.diagnostics.add(Code::io, fmt::format("cannot read folder '{}': {}", path, ec.message()), nowhere(path));
        return;
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        c_.diagnostics.add(Code::io, fmt::format("no .proviso files in '{}'", path), nowhere(path));
      }
      for (const fs::path& f : found) load_file(f.lexically_normal().generic_string(), root, nullptr);
    } else if (fs::exists(p, ec)) {
      fs::path root = fixed_root ? *fixed_root : fs::weakly_canonical(p, ec).parent_path();
      load_file(p.lexically_normal().generic_string(), root, nullptr);
    } else {
      c_.diagnostics.add(Code::io, fmt::format("no such file or folder: '{}'", path), nowhere(path));
    }
  }

  void load_text(std::string name, std::string text, std::string root) {
    fs::path base = root.empty() ? fs::path() : fs::weakly_canonical(root);
    add_source(name, std::move(text), base, base.empty() ? fs::path(name) : base / name);
  }

  // Places every parsed file after the files it imports, so declarations of an
  // imported vocabulary come first in declaration order.
  void order_files() {
    std::vector<ast::File> ordered;
    std::vector<int> state(parsed_.size(), 0);
    for (std::size_t i = 0; i < parsed_.size(); ++i) visit(i, state, ordered);
    c_.files = std::move(ordered);
  }

 private:
  struct Loaded {
    fs::path canonical;
    fs::path root;
    std::uint32_t file_id;
  };

  void visit(std::size_t i, std::vector<int>& state, std::vector<ast::File>& ordered) {
    // Iterative post-order keeps deep import chains off the call stack.
    std::vector<std::pair<std::size_t, std::size_t>> stack{{i, 0}};
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (state[node] == 2) { stack.pop_back(); continue; }
      state[node] = 1;
      if (!parsed_[node] || next >= imports_of_[node].size()) {
        state[node] = 2;
        if (parsed_[node]) ordered.push_back(std::move(*parsed_[node]));
        stack.pop_back();
        continue;
      }
      std::size_t dep = imports_of_[node][next++];
      if (state[dep] == 0) stack.push_back({dep, 0});
    }
  }

  std::optional<std::uint32_t> add_source(const std::string& name, std::string text, const fs::path& root,
                                          const fs::path& canonical) {
    total_bytes_ += text.size();
    if (c_.sources.size() >= options_.bundle.max_files) {
      c_.diagnostics.add(Code::limit, fmt::format("the bundle has more than {} files", options_.bundle.max_files),
                         nowhere(name));
      return std::nullopt;
    }
    if (total_bytes_ > options_.bundle.max_bundle_bytes) {
      c_.diagnostics.add(Code::limit,
                         fmt::format("the bundle is larger than {} bytes", options_.bundle.max_bundle_bytes),
                         nowhere(name));
      return std::nullopt;
    }
    auto id = static_cast<std::uint32_t>(c_.sources.size());
    c_.sources.emplace_back(name, std::move(text));
    loaded_.push_back({canonical, root, id});
    by_canonical_[canonical.generic_string()] = id;
    std::optional<ast::File> file = parse_source(c_.sources.back(), id, options_.parse, c_.diagnostics);
    parsed_.push_back(std::move(file));
    imports_of_.emplace_back();
    if (parsed_.back()) resolve_imports(id);
    return id;
  }

  // `name` is how diagnostics show the file; `read_path` is where it is read from (they
  // differ for imports of in-memory text, whose names are not paths on disk).
  void load_file(const std::string& name, const fs::path& root, const Location* import_site,
                 fs::path read_path = {}) {
    std::error_code ec;
    if (read_path.empty()) read_path = name;
    fs::path canonical = fs::weakly_canonical(read_path, ec);
    if (by_canonical_.count(canonical.generic_string())) return;
    if (options_.bundle.overlay) {
      if (std::optional<std::string> text = options_.bundle.overlay(canonical.generic_string())) {
        if (text->size() > options_.parse.max_file_bytes) {
          c_.diagnostics.add(Code::limit,
                             fmt::format("'{}' is larger than {} bytes", name, options_.parse.max_file_bytes),
                             import_site ? *import_site : nowhere(name));
          return;
        }
        add_source(name, std::move(*text), root, canonical);
        return;
      }
    }
    auto size = fs::file_size(read_path, ec);
    if (!ec && size > options_.parse.max_file_bytes) {
      c_.diagnostics.add(Code::limit,
                         fmt::format("'{}' is larger than {} bytes", name, options_.parse.max_file_bytes),
                         import_site ? *import_site : nowhere(name));
      return;
    }
    std::ifstream in(read_path, std::ios::binary);
    if (!in) {
      if (import_site) {
        c_.diagnostics.add(Code::bad_import, fmt::format("cannot read imported file '{}'", name), *import_site);
      } else {
        c_.diagnostics.add(Code::io, fmt::format("cannot read '{}'", name), nowhere(name));
      }
      return;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    add_source(name, ss.str(), root, canonical);
  }

  static bool within(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), x = p.begin();
    for (; r != root.end(); ++r, ++x) {
      if (x == p.end() || *r != *x) return false;
    }
    return true;
  }

  void resolve_imports(std::uint32_t id) {
    const ast::File& file = *parsed_[id];
    const Loaded here = loaded_[id];
    const std::string importer = c_.sources[id].name();
    for (const ast::Import& imp : file.imports) {
      Location site = c_.locate(imp.span);
      fs::path rel(imp.path);
      if (imp.path.empty()) {
        c_.diagnostics.add(Code::bad_import, "an import needs a file path", site);
        continue;
      }
      if (rel.is_absolute()) {
        c_.diagnostics.add(Code::bad_import, fmt::format("import '{}' is an absolute path", imp.path), site)
            .hint = "imports are relative to the importing file";
        continue;
      }
      if (here.root.empty()) {
        c_.diagnostics.add(Code::bad_import,
                           fmt::format("import '{}' has no bundle folder to be resolved in", imp.path), site);
        continue;
      }
      fs::path display = (fs::path(importer).parent_path() / rel).lexically_normal();
      std::error_code ec;
      fs::path target = fs::weakly_canonical(here.canonical.parent_path() / rel, ec);
      // weakly_canonical follows symbolic links, so a link pointing outside is caught too.
      if (ec || !within(here.root, target)) {
        c_.diagnostics.add(Code::bad_import, fmt::format("import '{}' leaves the bundle root", imp.path), site)
            .hint = fmt::format("the bundle root is '{}'", here.root.generic_string());
        continue;
      }
      if (!fs::is_regular_file(target, ec)) {
        c_.diagnostics.add(Code::bad_import, fmt::format("imported file '{}' does not exist", imp.path), site);
        continue;
      }
      auto known = by_canonical_.find(target.generic_string());
      std::uint32_t dep;
      if (known == by_canonical_.end()) {
        load_file(display.generic_string(), here.root, &site, target);
        known = by_canonical_.find(target.generic_string());
        if (known == by_canonical_.end()) continue;
      }
      dep = known->second;
      imports_of_[id].push_back(dep);
      check_cycle(id, dep, site);
    }
  }

  // An import cycle is reported at the import that closes it, with the chain of files.
  void check_cycle(std::uint32_t from, std::uint32_t to, const Location& site) {
    std::vector<std::uint32_t> path;
    std::vector<std::uint8_t> seen(imports_of_.size(), 0);
    if (!reaches(to, from, seen, path)) return;
    std::string chain = c_.sources[from].name();
    for (std::uint32_t f : path) chain += " -> " + c_.sources[f].name();
    c_.diagnostics.add(Code::bad_import, fmt::format("import cycle: {}", chain), site);
  }

  bool reaches(std::uint32_t start, std::uint32_t goal, std::vector<std::uint8_t>& seen,
               std::vector<std::uint32_t>& path) {
    std::vector<std::pair<std::uint32_t, std::size_t>> stack{{start, 0}};
    seen[start] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (node == goal) {
        for (auto& [n, _] : stack) path.push_back(n);
        return true;
      }
      if (next >= imports_of_[node].size()) { stack.pop_back(); continue; }
      std::uint32_t dep = imports_of_[node][next++];
      if (!seen[dep]) { seen[dep] = 1; stack.push_back({dep, 0}); }
    }
    return false;
  }

  Compilation& c_;
  const CompileOptions& options_;
  std::vector<Loaded> loaded_;
  std::vector<std::optional<ast::File>> parsed_;
  std::vector<std::vector<std::uint32_t>> imports_of_;
  std::map<std::string, std::uint32_t> by_canonical_;
  std::size_t total_bytes_ = 0;
};

}  // namespace

namespace compiler::internal {

void load_paths(Compilation& c, const std::vector<std::string>& paths, const CompileOptions& options) {
  BundleLoader loader(c, options);
  for (const std::string& p : paths) loader.load_entry(p);
  loader.order_files();
}

void load_text(Compilation& c, std::string name, std::string text, const CompileOptions& options,
               std::string root) {
  BundleLoader loader(c, options);
  loader.load_text(std::move(name), std::move(text), std::move(root));
  loader.order_files();
}

}  // namespace compiler::internal

}  // namespace proviso
