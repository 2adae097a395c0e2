#pragma once
// Pieces of a result's JSON that depend only on the program: each rule's entry in
// `policies[].rules` around its status, and each leaf's literal in the minimal trace's
// reasons for each of its values, escaped. Made once per program by whoever renders
// many results with it (batch, serve) and shared by threads; a renderer without them
// writes the same bytes, only with more work per result.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"
#include "proviso/runtime/result.hpp"

namespace proviso {

class JsonFragments {
 public:
  explicit JsonFragments(const Program& p);

  struct RuleEntry {
    std::string head;  // {"rule":NAME,"status":"
    std::string tail;  // ","effect":"share" and "defers", "amended_in" when they apply
  };
  struct Leaf {
    bool made = false;
    std::string text;  // the leaf as written: the key that keeps it once in a reason
    std::array<std::string, 3> literals;  // by Tri: as it holds when true, false, unknown
  };

  const Program& program() const { return *program_; }
  const RuleEntry* rule(std::uint32_t id) const;
  // Null for a node that is no leaf of a reason (and, or, not, a named condition).
  const Leaf* leaf(std::uint32_t node) const;

 private:
  const Program* program_;
  std::vector<RuleEntry> rules_;
  std::vector<Leaf> leaves_;
};

}  // namespace proviso
