#include "prune.hpp"

#include <algorithm>
#include <limits>

namespace proviso::analysis::internal {

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
// Format facts, not limits: a value mask has kSetMaskBits bits, and each fact owns
// kKeysPerFact keys (its value, then one per set member).
constexpr std::uint64_t kKeysPerFact = kSetMaskBits + 1;

std::uint64_t all_values(std::size_t n) { return n >= kSetMaskBits ? ~0ull : (1ull << n) - 1; }

std::vector<Approx::Item> sorted_items(const std::vector<const Approx*>& parts) {
  std::vector<Approx::Item> items;
  for (const Approx* a : parts) items.insert(items.end(), a->items.begin(), a->items.end());
  std::stable_sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.key < y.key; });
  return items;
}

// Dropping constraints only weakens an approximation, so long conjunctions are cut.
void cap(Approx& a, std::size_t max_items) {
  if (a.items.size() > max_items) a.items.resize(max_items);
}

}  // namespace

Approx meet(const std::vector<const Approx*>& parts, std::size_t max_items) {
  for (const Approx* a : parts) {
    if (a->empty) return Approx::bottom();
  }
  Approx out;
  for (const auto& item : sorted_items(parts)) {
    if (!out.items.empty() && out.items.back().key == item.key) {
      auto& last = out.items.back();
      last.mask &= item.mask;
      last.lo = std::max(last.lo, item.lo);
      last.hi = std::min(last.hi, item.hi);
      if (last.is_int ? last.lo > last.hi : last.mask == 0) return Approx::bottom();
    } else {
      out.items.push_back(item);
    }
  }
  cap(out, max_items);
  return out;
}

Approx join(const std::vector<const Approx*>& parts) {
  std::vector<const Approx*> live;
  for (const Approx* a : parts) {
    if (!a->empty) live.push_back(a);
  }
  if (live.empty()) return Approx::bottom();
  std::vector<Approx::Item> items = sorted_items(live);
  Approx out;
  // A fact stays constrained only when every alternative constrains it.
  for (std::size_t i = 0; i < items.size();) {
    std::size_t j = i;
    Approx::Item merged = items[i];
    while (j < items.size() && items[j].key == items[i].key) {
      merged.mask |= items[j].mask;
      merged.lo = std::min(merged.lo, items[j].lo);
      merged.hi = std::max(merged.hi, items[j].hi);
      ++j;
    }
    if (j - i == live.size()) out.items.push_back(merged);
    i = j;
  }
  return out;
}

Pruner::Pruner(const Program& p, std::size_t max_items) : p_(p), max_items_(max_items) {
  pos_.resize(p.nodes.size());
  neg_.resize(p.nodes.size());
  for (std::uint32_t i = 0; i < p.nodes.size(); ++i) node(i);
  for (const Rule& r : p.rules) {
    std::vector<const Approx*> parts{&pos_[r.when]};
    if (r.unless != kNone) parts.push_back(&neg_[r.unless]);
    rules_.push_back(meet(parts, max_items_));
  }
}

bool Pruner::disjoint(std::uint32_t r1, std::uint32_t r2) const {
  return meet({&rules_[r1], &rules_[r2]}, max_items_).empty;
}

void Pruner::node(std::uint32_t id) {
  const Node& n = p_.nodes[id];
  switch (n.op) {
    case Op::const_bool:
      pos_[id] = n.imm != 0 ? Approx::top() : Approx::bottom();
      neg_[id] = n.imm != 0 ? Approx::bottom() : Approx::top();
      return;
    case Op::and_:
    case Op::or_: {
      std::vector<const Approx*> ps, ns;
      for (std::uint32_t i = 0; i < n.b; ++i) {
        ps.push_back(&pos_[p_.operands[n.a + i]]);
        ns.push_back(&neg_[p_.operands[n.a + i]]);
      }
      pos_[id] = n.op == Op::and_ ? meet(ps, max_items_) : join(ps);
      neg_[id] = n.op == Op::and_ ? join(ns) : meet(ns, max_items_);
      return;
    }
    case Op::not_:
      pos_[id] = neg_[n.a];
      neg_[id] = pos_[n.a];
      return;
    case Op::condition:
      pos_[id] = pos_[n.a];
      neg_[id] = neg_[n.a];
      return;
    default:
      pos_[id] = atom(n, true).value_or(Approx::top());
      neg_[id] = atom(n, false).value_or(Approx::top());
      return;
  }
}

std::optional<Approx> Pruner::atom(const Node& n, bool positive) const {
  auto single = [](std::uint64_t key, std::uint64_t mask, std::int64_t lo, std::int64_t hi, bool is_int) {
    Approx a;
    if (is_int ? lo > hi : mask == 0) return Approx::bottom();
    a.items.push_back({key, mask, lo, hi, is_int});
    return a;
  };
  const auto& nodes = p_.nodes;
  if (n.op == Op::fact && p_.types[n.type].kind == TypeKind::boolean) {
    return single(std::uint64_t{n.a} * kKeysPerFact, positive ? 2 : 1, 0, 0, false);
  }
  if (n.op == Op::in_values && nodes[n.a].op == Op::fact) {
    const Type& t = p_.types[nodes[n.a].type];
    std::uint64_t all = all_values(t.values.size());
    if (t.values.size() > kSetMaskBits) return std::nullopt;
    auto mask = static_cast<std::uint64_t>(n.imm);
    return single(std::uint64_t{nodes[n.a].a} * kKeysPerFact, (positive ? mask : ~mask) & all, 0, 0, false);
  }
  if (n.op == Op::has && nodes[n.a].op == Op::fact && nodes[n.b].op == Op::const_int) {
    std::int64_t member = nodes[n.b].imm;
    if (member < 0 || member >= static_cast<std::int64_t>(kSetMaskBits)) return std::nullopt;
    return single(std::uint64_t{nodes[n.a].a} * kKeysPerFact + 1 + static_cast<std::uint64_t>(member), positive ? 2 : 1, 0, 0, false);
  }
  if (n.op < Op::eq || n.op > Op::ge) return std::nullopt;

  // A fact compared with a constant, in either order.
  Op op = n.op;
  const Node* fact = &nodes[n.a];
  const Node* value = &nodes[n.b];
  if (fact->op != Op::fact) {
    std::swap(fact, value);
    switch (op) {
      case Op::lt: op = Op::gt; break;
      case Op::le: op = Op::ge; break;
      case Op::gt: op = Op::lt; break;
      case Op::ge: op = Op::le; break;
      default: break;
    }
  }
  if (fact->op != Op::fact || (value->op != Op::const_int && value->op != Op::const_bool)) return std::nullopt;
  if (!positive) {
    switch (op) {
      case Op::eq: op = Op::ne; break;
      case Op::ne: op = Op::eq; break;
      case Op::lt: op = Op::ge; break;
      case Op::le: op = Op::gt; break;
      case Op::gt: op = Op::le; break;
      default: op = Op::lt; break;
    }
  }
  const Type& t = p_.types[fact->type];
  std::uint64_t key = std::uint64_t{fact->a} * kKeysPerFact;
  std::int64_t c = value->imm;
  if (t.kind == TypeKind::boolean || t.kind == TypeKind::enumeration) {
    std::size_t size = t.kind == TypeKind::boolean ? 2 : t.values.size();
    if (size > kSetMaskBits || c < 0 || c >= static_cast<std::int64_t>(kSetMaskBits) || (op != Op::eq && op != Op::ne)) return std::nullopt;
    std::uint64_t bit = 1ull << c;
    return single(key, (op == Op::eq ? bit : ~bit) & all_values(size), 0, 0, false);
  }
  if (t.kind != TypeKind::integer) return std::nullopt;
  switch (op) {
    case Op::eq: return single(key, 0, c, c, true);
    case Op::lt: return c == kMin ? Approx::bottom() : single(key, 0, kMin, c - 1, true);
    case Op::le: return single(key, 0, kMin, c, true);
    case Op::gt: return c == kMax ? Approx::bottom() : single(key, 0, c + 1, kMax, true);
    case Op::ge: return single(key, 0, c, kMax, true);
    default: return std::nullopt;
  }
}

}  // namespace proviso::analysis::internal
