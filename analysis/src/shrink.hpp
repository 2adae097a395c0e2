#pragma once
// Small witnesses: a finding's witness keeps only the facts the finding depends on.
// A fact is left out (unknown) when the finding still holds under every value of the
// facts left out that satisfies the facts' ranges and the constraints: one solver
// query per fact ("with the others fixed, can the finding fail?"; unsat: it cannot),
// deleting greedily, so what is left is a minimal set (no single fact of it can go).
#include <z3++.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "encoder.hpp"
#include "query.hpp"

namespace proviso::analysis::internal {

// One fact of a witness, fixed to its value: `eq` holds exactly when the fact's
// variables take the witness' value.
struct Pin {
  std::string name;  // the fact's name, for query file names
  z3::expr eq;
};

// The pin of fact `f` at its value in `s` (which must know it), over `enc`'s variables.
Pin pin_of(const Encoder& enc, const Scenario& s, std::uint32_t f);

// Which pins must stay fixed so that `holds` holds for every value of the others that
// satisfies `background` (ranges and constraints). A query the solver cannot answer
// keeps its pin (keeping a fact is always safe). nullopt: the budget ran out before
// every pin was tried; the caller keeps the whole witness.
// `kept`: pins that stay whatever (the flow), not tried.
std::optional<std::vector<bool>> needed_pins(QueryRunner& q, const std::vector<Pin>& pins, const z3::expr& holds,
                                             const std::vector<z3::expr>& background, const std::string& subject,
                                             const std::vector<Pin>& kept = {});

// The witness with only the facts `needed` (indexed like `facts`) kept known.
Scenario keep_facts(const Scenario& full, const std::vector<std::uint32_t>& facts, const std::vector<bool>& needed);

}  // namespace proviso::analysis::internal
