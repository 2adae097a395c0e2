#pragma once
// Builds compiled Programs directly, without source text: the random policies of the
// brute-force tests, and IR shapes the surface language cannot easily reach.
#include <cstdint>
#include <string>
#include <vector>

#include "proviso/program/program.hpp"

namespace proviso::test {

class ProgramBuilder {
 public:
  explicit ProgramBuilder(std::vector<std::string> sectors);

  std::uint32_t enum_type(std::string name, std::vector<std::string> values);
  std::uint32_t int_type(std::int64_t lo, std::int64_t hi);
  std::uint32_t set_type(std::uint32_t element);
  std::uint32_t bool_type() const { return p_.bool_type; }
  std::uint32_t unbounded_int() const { return p_.int_type; }
  std::uint32_t sector_type() const { return p_.sector_type; }

  std::uint32_t fact(std::string name, std::uint32_t type);
  std::uint32_t obligation(std::string name);

  // Expression nodes; each returns the node id.
  std::uint32_t fact_node(std::uint32_t fact);
  std::uint32_t boolean(bool value);
  std::uint32_t constant(std::uint32_t type, std::int64_t value);
  std::uint32_t all(const std::vector<std::uint32_t>& xs);  // and
  std::uint32_t any(const std::vector<std::uint32_t>& xs);  // or
  std::uint32_t negate(std::uint32_t x);
  std::uint32_t compare(Op op, std::uint32_t a, std::uint32_t b);
  std::uint32_t arith(Op op, std::uint32_t a, std::uint32_t b);
  std::uint32_t in_values(std::uint32_t enum_node, std::uint64_t mask);
  std::uint32_t has(std::uint32_t set_node, std::uint32_t element_node);
  std::uint32_t condition(std::string name, std::uint32_t body);

  // Rules are added to the last policy; `overrides` are local rule names declared
  // before or after (resolved in finish()).
  std::uint32_t policy(std::string name, std::int32_t sector, Effect default_effect, Combine combine);
  std::uint32_t rule(std::string name, Effect effect, std::uint32_t when, std::uint32_t unless = kNone,
                     std::vector<std::string> overrides = {}, std::vector<std::string> requires_ = {});

  // Resolves overrides, computes beaten_by (transitive) and each rule's facts, indexes.
  Program finish();

 private:
  std::uint32_t add(Node n);
  std::vector<std::uint32_t> facts_under(std::uint32_t node) const;

  Program p_;
  std::vector<std::vector<std::string>> overrides_;     // per rule
  std::vector<std::vector<std::string>> requires_names_;  // per rule
};

}  // namespace proviso::test
