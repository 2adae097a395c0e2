#pragma once
// The compiled form of a Program that evaluations run: the forward sweep's batched
// steps and the per-rule and per-policy tables the decisions read. Built once; it is
// immutable afterwards, so any number of threads may share one plan
// (std::shared_ptr<const Plan>), each with its own Evaluation (evaluate.hpp).
#include <memory>

#include "proviso/program/program.hpp"

namespace proviso {

namespace runtime::internal {
struct PlanData;
}
class Evaluation;

class Plan {
 public:
  // The plan keeps the program alive. Throws std::invalid_argument when it is null.
  explicit Plan(std::shared_ptr<const Program> program);
  // Convenience: the plan owns `program` (copied, or moved in).
  explicit Plan(Program program);
  ~Plan();
  Plan(const Plan&) = delete;
  Plan& operator=(const Plan&) = delete;

  const Program& program() const { return *program_; }
  const std::shared_ptr<const Program>& shared_program() const { return program_; }

 private:
  friend class Evaluation;
  std::shared_ptr<const Program> program_;
  std::unique_ptr<const runtime::internal::PlanData> data_;
};

// The plan of `program`, ready to share between threads. A Compilation's
// std::unique_ptr<Program> converts: make_plan(std::move(compilation.program)).
std::shared_ptr<const Plan> make_plan(std::shared_ptr<const Program> program);
std::shared_ptr<const Plan> make_plan(Program program);

}  // namespace proviso
