// decide_many PROGRAM_FILE [THREADS] < scenarios.jsonl
//
// Loads a program file written by `proviso build`, shares one immutable plan between
// THREADS workers (default 4), each with its own evaluation state, and prints one line
// per scenario, in input order: the decision and its obligations, or the error.
#include <proviso/runtime.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: decide_many PROGRAM_FILE [THREADS] < scenarios.jsonl\n";
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (!file && !file.eof()) {
    std::cerr << "decide_many: cannot read " << argv[1] << '\n';
    return 2;
  }
  proviso::ProgramFileRead read = proviso::read_program_file(bytes);
  if (!read.program) {
    std::cerr << "decide_many: " << argv[1] << ": " << read.message << '\n';
    return 1;
  }
  const std::shared_ptr<const proviso::Plan> plan = proviso::make_plan(std::move(*read.program));
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoul(argv[2])) : 4u;

  std::vector<std::string> lines;
  for (std::string line; std::getline(std::cin, line);) lines.push_back(line);
  std::vector<std::string> answers(lines.size());

  // Each worker takes every n-th line; the plan is shared, the state is its own.
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < threads; ++w) {
    workers.emplace_back([&, w] {
      const proviso::Program& program = plan->program();
      proviso::Evaluation evaluation(plan);
      proviso::ScenarioReader reader(program);
      proviso::Scenario scenario;
      proviso::Result result;
      for (std::size_t i = w; i < lines.size(); i += threads) {
        proviso::Diagnostic error;
        if (!reader.read(lines[i], scenario, error, "<stdin>", static_cast<std::uint32_t>(i + 1))) {
          answers[i] = "error: " + error.message;
          continue;
        }
        evaluation.evaluate(scenario, result);
        std::ostringstream out;
        out << proviso::to_string(result.decision);
        for (std::uint32_t o : result.obligations) out << ' ' << program.obligations[o].name;
        answers[i] = out.str();
      }
    });
  }
  for (std::thread& t : workers) t.join();
  for (const std::string& a : answers) std::cout << a << '\n';
  return 0;
}
