#include "core/program_holder.hpp"
#include "core/result_dictionary.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "core/util.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/base/sha256.hpp"
#include "proviso/compiler/compile.hpp"
#include "proviso/program/program_file.hpp"

namespace proviso::service::internal {
namespace {

// A program file is told from sources by its content (as the command line does), so a
// source file is never mistaken for one whatever it is called.
bool read_if_program_file(const std::string& path, std::string& bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  char head[kProgramFileMagic.size()];
  in.read(head, sizeof head);
  if (in.gcount() != static_cast<std::streamsize>(sizeof head) || !is_program_file(std::string_view(head, sizeof head))) {
    return false;
  }
  in.seekg(0);
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::unique_ptr<Program> load_program(const std::vector<std::string>& paths, const std::string& root,
                                      std::string& error, std::shared_ptr<const ConditionGraph>& graph) {
  std::string bytes;
  if (paths.size() == 1 && read_if_program_file(paths[0], bytes)) {
    ProgramFileRead read = read_program_file(bytes);
    if (!read.program) error = paths[0] + ": " + read.message;
    return std::move(read.program);
  }
  CompileOptions options;
  options.bundle.root = root;
  Compilation c = compile_paths(paths, options);
  if (c.diagnostics.has_errors() || !c.program) {
    Diagnostics errors;
    for (const Diagnostic& d : c.diagnostics.items()) {
      if (d.severity == Severity::error) errors.add(d);
    }
    errors.sort();
    error = render_text(errors);
    if (error.empty()) error = "the bundle did not compile";
    return nullptr;
  }
  graph = c.graph;
  return std::move(c.program);
}

}  // namespace

bool ProgramHolder::load(std::string& error) {
  std::lock_guard<std::mutex> load_lock(load_mutex_);
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Program> program;
  std::shared_ptr<const ConditionGraph> graph;
  try {
    program = load_program(paths_, root_, error, graph);
  } catch (const std::exception& e) {
    error = std::string("loading the program failed: ") + e.what();
  }
  if (!program) {
    std::lock_guard<std::mutex> lock(mutex_);
    last_error_ = error;
    last_error_time_ = now_utc();
    return false;
  }
  auto served = std::make_shared<ServedProgram>();
  // The program file's payload hash names the program itself, not how it was written
  // down: sources and their `proviso build` file give the same hash.
  const std::string file = write_program_file(*program);
  served->hash = to_hex(sha256(std::string_view(file).substr(kProgramFileHeaderSize)));
  std::set<std::string> files;
  for (const Fact& f : program->facts) {
    if (!f.place.file.empty()) files.insert(f.place.file);
  }
  for (const Policy& p : program->policies) {
    if (!p.place.file.empty()) files.insert(p.place.file);
  }
  served->files.assign(files.begin(), files.end());
  served->graph = std::move(graph);
  served->plan = make_plan(std::shared_ptr<const Program>(std::move(program)));
  served->fragments = std::make_unique<const JsonFragments>(served->plan->program());
  served->compressor =
      std::make_shared<const ResultCompressor>(make_result_dictionary(served->plan->program(), *served->fragments));
  served->load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  served->loaded_at = now_utc();
  served->loaded_at_seconds = now_seconds();
  std::lock_guard<std::mutex> lock(mutex_);
  served->generation = generation_.load() + 1;
  current_ = std::move(served);
  generation_.store(current_->generation, std::memory_order_release);
  last_error_.clear();
  last_error_time_.clear();
  return true;
}

std::shared_ptr<const ServedProgram> ProgramHolder::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

Worker& ProgramHolder::worker() {
  // One worker per thread; the holder's generation says when it is stale, so the lock
  // is taken only after a reload. (One holder per process.)
  thread_local Worker w;
  const std::uint64_t generation = generation_.load(std::memory_order_acquire);
  if (!w.program || w.program->generation != generation) {
    w.reader.reset();  // both borrow the old program: drop them before it
    w.evaluation.reset();
    w.program = current();
    w.evaluation = std::make_unique<Evaluation>(w.program->plan);
    w.reader = std::make_unique<ScenarioReader>(w.program->plan->program());
  }
  return w;
}

std::string ProgramHolder::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_;
}

std::string ProgramHolder::last_error_time() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_time_;
}

}  // namespace proviso::service::internal
