#include "proviso/report/framework.hpp"

#include <algorithm>

namespace proviso {

std::vector<std::string> FrameworkInfo::groups() const {
  std::vector<std::string> out;
  bool ungrouped = false;
  for (const FrameworkQuestion& q : questions) {
    if (q.group.empty()) {
      ungrouped = true;
    } else if (std::find(out.begin(), out.end(), q.group) == out.end()) {
      out.push_back(q.group);
    }
  }
  if (ungrouped) out.emplace_back();
  return out;
}

std::size_t FrameworkInfo::find(std::string_view r) const {
  if (r.size() <= name.size() + 1 || r.substr(0, name.size()) != name || r[name.size()] != '.') return std::string::npos;
  const std::string_view q = r.substr(name.size() + 1);
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].name == q) return i;
  }
  return std::string::npos;
}

const FrameworkInfo* find_framework(const std::vector<FrameworkInfo>& frameworks, std::string_view name) {
  for (const FrameworkInfo& f : frameworks) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace proviso
