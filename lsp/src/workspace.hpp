#pragma once
// Private: the open documents and the bundles they belong to. A file's bundle is every
// .proviso file joined to it by imports, in either direction, among the files under
// the workspace folder and the open documents: editing a vocabulary file checks every
// policy that imports it. Open documents are compiled from the editor's text, the
// others from disk. A bundle is compiled again only after an edit.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "proviso/compiler/compile.hpp"
#include "symbols.hpp"

namespace proviso::lsp::internal {

struct Bundle {
  std::vector<std::string> files;  // the entries compiled, absolute paths, sorted
  Compilation compilation;
  std::unique_ptr<SymbolIndex> index;
  std::uint64_t serial = 0;         // the workspace's edit serial it was compiled at
  double compile_ms = 0;

  // The source index of a file of the bundle, or nullopt.
  std::optional<std::uint32_t> file_id(const std::string& path) const;
};

class Workspace {
 public:
  void set_root(std::string root) { root_ = std::move(root); listed_ = false; }
  const std::string& root() const { return root_; }

  void open(const std::string& path, std::string text);
  void change(const std::string& path, std::string text);
  void close(const std::string& path);
  void saved() { listed_ = false; }  // files may have appeared on disk
  const std::string* text(const std::string& path) const;
  std::uint64_t serial() const { return serial_; }

  // The bundle of `path`, compiled if needed.
  std::shared_ptr<const Bundle> bundle_of(const std::string& path);
  // The entries and overlay texts of `path`'s bundle, for compiling elsewhere (the
  // analysis thread).
  struct Snapshot {
    std::vector<std::string> files;
    std::map<std::string, std::string> texts;  // open documents, by canonical path
    std::string root;
    std::uint64_t serial = 0;
  };
  Snapshot snapshot(const std::string& path);
  static Compilation compile(const Snapshot& s);

 private:
  std::string root_for(const std::string& path) const;
  std::vector<std::string> members(const std::string& path);
  const std::vector<std::string>& imports_of(const std::string& path);

  std::string root_;
  std::map<std::string, std::string> docs_;  // open documents by canonical path
  std::uint64_t serial_ = 1;
  bool listed_ = false;
  std::set<std::string> on_disk_;            // .proviso files under the root
  struct Imports {
    std::int64_t stamp = -1;  // disk files: mtime ^ size; open documents: -1 (always recomputed)
    std::vector<std::string> targets;
  };
  std::map<std::string, Imports> imports_;
  std::map<std::string, std::shared_ptr<Bundle>> bundles_;  // by the joined entry list
};

std::string canonical_path(const std::string& path);

}  // namespace proviso::lsp::internal
