#include "program/workloads.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../../../fuzz/policy_generator.hpp"
#include "analysis/random_program.hpp"
#include "proviso/base/diagnostic_render.hpp"
#include "proviso/compiler/compile.hpp"
#include "support/test_support.hpp"

namespace proviso::test {
namespace {

std::unique_ptr<Program> compile_or_fail(const std::string& name, const std::vector<std::string>& paths) {
  Compilation c = compile_paths(paths);
  if (c.diagnostics.has_errors() || !c.program) {
    ADD_FAILURE() << name << " does not compile:\n" << render_text(c.diagnostics);
    return nullptr;
  }
  return std::move(c.program);
}

std::vector<std::string> proviso_files(const std::string& folder, bool recursive) {
  std::vector<std::string> out;
  auto take = [&](const std::filesystem::directory_entry& e) {
    if (e.is_regular_file() && e.path().extension() == ".proviso") out.push_back(e.path().string());
  };
  if (recursive) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(folder)) take(e);
  } else {
    for (const auto& e : std::filesystem::directory_iterator(folder)) take(e);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<Workload> repository_workloads() {
  std::vector<std::vector<std::string>> bundles = {
      {source_path("policies")},
      {source_path("examples/discharge")},
      {source_path("examples/discharge/vocabulary.proviso"), source_path("examples/walkthrough/council_rule.proviso")},
      {source_path("examples/discharge/vocabulary.proviso"),
       source_path("examples/walkthrough/council_rule_fixed.proviso")},
  };
  for (const std::string& f : proviso_files(source_path("tests/ok"), false)) bundles.push_back({f});
  for (const std::string& f : proviso_files(source_path("tests/golden"), true)) {
    // A golden case's bundle that fails on purpose is not a workload.
    if (f.find("broken") == std::string::npos) bundles.push_back({f});
  }
  std::vector<Workload> out;
  for (const auto& paths : bundles) {
    std::string name;
    for (const std::string& p : paths) {
      name += (name.empty() ? "" : " ") + std::filesystem::relative(p, PROVISO_SOURCE_DIR).string();
    }
    if (auto program = compile_or_fail(name, paths)) out.push_back({name, std::move(program), {}});
  }
  return out;
}

std::vector<Workload> generated_workloads(std::uint64_t first_seed, int count, bool large) {
  gen::GeneratorOptions options;
  if (large) {
    options.max_facts_per_kind = 4;
    options.max_conditions = 6;
    options.max_rules = 8;
  }
  std::vector<Workload> out;
  for (int i = 0; i < count; ++i) {
    const std::uint64_t seed = first_seed + static_cast<std::uint64_t>(i);
    gen::PrngChoices choices(seed);
    std::string text = gen::PolicyGenerator(choices, options).generate();
    Compilation c = compile_text("random.proviso", text);
    if (c.diagnostics.has_errors() || !c.program) {
      ADD_FAILURE() << "generated policy " << seed << " does not compile:\n" << text << render_text(c.diagnostics);
      continue;
    }
    out.push_back({"generated policy " + std::to_string(seed), std::move(c.program), std::move(text)});
  }
  return out;
}

std::vector<Workload> built_workloads(std::uint32_t first_seed, int count) {
  std::vector<Workload> out;
  for (int i = 0; i < count; ++i) {
    const std::uint32_t seed = first_seed + static_cast<std::uint32_t>(i);
    RandomShape shape;
    shape.unbounded_ints = i % 3 == 0;
    shape.defers = i % 2 == 0 ? 30 : 0;
    shape.max_policies = 3;
    auto program = std::make_unique<Program>(random_program(seed, shape));
    std::string text = describe(*program);
    out.push_back({"built program " + std::to_string(seed), std::move(program), std::move(text)});
  }
  return out;
}

std::vector<Scenario> scenarios_for(const Program& p, std::uint64_t seed, int random) {
  std::vector<Scenario> out;
  for (const NamedScenario& s : p.scenarios) out.push_back(s.facts);
  Scenario s;
  s.reset(p.facts.size());
  out.push_back(s);
  const std::size_t sectors = p.types[p.sector_type].values.size();
  for (std::size_t from = 0; from < sectors; ++from) {
    for (std::size_t to = 0; to < sectors; ++to) {
      s.reset(p.facts.size());
      s.set(kFactFrom, static_cast<std::int64_t>(from));
      s.set(kFactTo, static_cast<std::int64_t>(to));
      out.push_back(s);
    }
  }
  gen::PrngChoices choices(seed);
  for (int i = 0; i < random; ++i) {
    gen::generate_scenario(choices, p, s, i % 4 == 0 ? 100 : 60);
    out.push_back(s);
  }
  return out;
}

}  // namespace proviso::test
