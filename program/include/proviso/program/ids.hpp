#pragma once
// Typed ids for the program's tables. An id reads as the index it is (it converts to
// std::uint32_t, so `program.nodes[rule.when]` needs nothing), but is made only on
// purpose: NodeId{n}, never from a bare number by accident, and two ids of different
// tables never compare equal by mistake (that comparison does not compile).
#include <compare>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace proviso {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

template <class Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t index) : index_(index) {}
  static constexpr Id none() { return Id(kNone); }

  constexpr operator std::uint32_t() const { return index_; }  // NOLINT: an id is an index
  constexpr std::uint32_t index() const { return index_; }
  constexpr bool is_none() const { return index_ == kNone; }

 private:
  std::uint32_t index_ = 0;
};

template <class A, class B>
  requires(!std::is_same_v<A, B>)
bool operator==(Id<A>, Id<B>) = delete;

using TypeId = Id<struct TypeTag>;
using FactId = Id<struct FactTag>;
using NodeId = Id<struct NodeTag>;
using ConditionId = Id<struct ConditionTag>;
using RuleId = Id<struct RuleTag>;
using PolicyId = Id<struct PolicyTag>;
using ObligationId = Id<struct ObligationTag>;

}  // namespace proviso
