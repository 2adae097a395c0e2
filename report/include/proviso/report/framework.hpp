#pragma once
// A framework as the reports read it: its questions in declaration order, each with its
// group. The compiled program keeps only citations (`dpb.q3` and the question's text),
// so the command that compiles the bundle hands the frameworks over in this form.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace proviso {

struct FrameworkQuestion {
  std::string name;   // q3
  std::string text;
  std::string group;  // empty: the question has no group
};

struct FrameworkInfo {
  std::string name;   // dpb
  std::string title;
  std::vector<FrameworkQuestion> questions;

  // The groups in order of first appearance; questions without a group come last, in a
  // group named "" that readers show as "other questions".
  std::vector<std::string> groups() const;
  // "dpb.q3", the form a Citation's ref takes.
  std::string ref(std::size_t question) const { return name + "." + questions[question].name; }
  // The index of the question `ref` names ("dpb.q3"), or npos.
  std::size_t find(std::string_view ref) const;
};

// The framework named `name`, or null.
const FrameworkInfo* find_framework(const std::vector<FrameworkInfo>& frameworks, std::string_view name);

}  // namespace proviso
