// The first stage of the road: reads the named files and folders, parses each, and
// follows their imports, keeping every import inside its bundle root.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <cstring>
#include <map>
#include <optional>
#include <set>

#include "load/load_bundle.hpp"
#include "proviso/base/read_file.hpp"
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
      walk(p, root, found);
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

  // Collects the .proviso files under `top`, every folder read or reported: a folder
  // that cannot be read is an io error (a bundle with policies left out is not "ok").
  // A symbolic link is followed while its target stays under `root`, and is a
  // bad-import error otherwise, as an import leaving the root would be.
  void walk(const fs::path& top, const fs::path& root, std::vector<fs::path>& found) {
    std::error_code ec;
    std::vector<fs::path> pending{top};
    std::set<std::string> seen{fs::weakly_canonical(top, ec).generic_string()};  // links back up would loop
    while (!pending.empty()) {
      const fs::path folder = pending.back();
      pending.pop_back();
      const std::string shown = folder.lexically_normal().generic_string();
      fs::directory_iterator it(folder, ec);
      for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const fs::path entry = it->path();
        const bool named_proviso = entry.extension() == ".proviso";
        const fs::file_status own = it->symlink_status(ec);
        if (ec) break;
        fs::path canonical = entry;
        fs::file_status status = own;
        if (fs::is_symlink(own)) {
          std::error_code link_ec;
          canonical = fs::canonical(entry, link_ec);
          if (link_ec) {
            // A dangling link is only a loss when it names a policy file.
            if (named_proviso) {
              c_.diagnostics.add(Code::io, fmt::format("cannot read '{}': {}", entry.generic_string(), link_ec.message()),
                                 nowhere(entry.generic_string()));
            }
            continue;
          }
          status = fs::status(canonical, link_ec);
          const bool matters = fs::is_directory(status) || named_proviso;
          if (matters && !within(root, canonical)) {
            c_.diagnostics.add(Code::bad_import,
                               fmt::format("'{}' is a symbolic link that leaves the bundle root", entry.generic_string()),
                               nowhere(entry.generic_string()))
                .hint = fmt::format("the bundle root is '{}'", root.generic_string());
            continue;
          }
        }
        if (fs::is_directory(status)) {
          std::error_code canon_ec;
          if (seen.insert(fs::weakly_canonical(canonical, canon_ec).generic_string()).second) pending.push_back(entry);
        } else if (named_proviso && !fs::is_symlink(own) && !fs::is_regular_file(status)) {
          c_.diagnostics.add(Code::io, fmt::format("'{}' is not a regular file", entry.generic_string()),
                             nowhere(entry.generic_string()));
        } else if (named_proviso) {
          found.push_back(entry);
        }
      }
      if (ec) {
        c_.diagnostics.add(Code::io, fmt::format("cannot read folder '{}': {}", shown, ec.message()), nowhere(shown));
        ec.clear();
      }
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
                             fmt::format("'{}' is {} bytes, larger than the limit of {} bytes", name, text->size(), options_.parse.max_file_bytes),
                             import_site ? *import_site : nowhere(name));
          return;
        }
        add_source(name, std::move(*text), root, canonical);
        return;
      }
    }
    // The limit is enforced while reading: a 3 GB file or /dev/zero costs at most the limit.
    std::string text;
    const ReadOutcome read = read_bounded(read_path.string(), options_.parse.max_file_bytes, text);
    if (read.status == ReadOutcome::too_large) {
      c_.diagnostics.add(Code::limit,
                         read.size > 0 ? fmt::format("'{}' is {} bytes, larger than the limit of {} bytes", name,
                                                     read.size, options_.parse.max_file_bytes)
                                       : fmt::format("'{}' is larger than the limit of {} bytes", name,
                                                     options_.parse.max_file_bytes),
                         import_site ? *import_site : nowhere(name));
      return;
    }
    if (!read) {
      const std::string reason = read.status == ReadOutcome::is_folder ? "it is a folder" : std::strerror(read.error);
      // A file of the bundle that cannot be read is an io error wherever it was found:
      // the bundle would otherwise be checked without it.
      if (import_site) {
        c_.diagnostics.add(Code::io, fmt::format("cannot read imported file '{}': {}", name, reason), *import_site);
      } else {
        c_.diagnostics.add(Code::io, fmt::format("cannot read '{}': {}", name, reason), nowhere(name));
      }
      return;
    }
    add_source(name, std::move(text), root, canonical);
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
      if (fs::is_directory(target, ec)) {
        c_.diagnostics.add(Code::bad_import, fmt::format("import '{}' names a folder, not a file", imp.path), site)
            .hint = "import each .proviso file of the folder";
        continue;
      }
      // Only policy files are read: an import of another file (".env", a key) would
      // otherwise quote its first line in the syntax error that follows.
      if (rel.extension() != ".proviso") {
        c_.diagnostics.add(Code::bad_import, fmt::format("import '{}' is not a .proviso file", imp.path), site)
            .hint = "imports name policy files, whose names end in .proviso; the file was not read";
        continue;
      }
      if (!fs::exists(target, ec)) {
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
