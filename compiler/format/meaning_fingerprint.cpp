// The fingerprint that says two bundles mean the same: what `proviso fmt` promises to
// keep. Everything the runtime and the analysis read is in it; what only tells where
// the text was (lines, columns, the hash of the text, the spacing of an expression
// quoted in traces) is not.
#include "proviso/compiler/format.hpp"
#include "proviso/compiler/tokens.hpp"
#include "proviso/program/program_file.hpp"

namespace proviso {
namespace {

std::string tokens_only(std::string_view text) {
  std::string out;
  for (const Token& t : lex_tokens(text).tokens) {
    if (t.kind == TokenKind::end) break;
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

void clear(SourcePlace& p) { p.line = p.column = 0; }

}  // namespace

std::string meaning_fingerprint(const Program& program) {
  Program p = program;
  p.version.clear();
  for (Fact& f : p.facts) clear(f.place);
  for (ConditionInfo& c : p.conditions) clear(c.place);
  for (Constraint& c : p.constraints) clear(c.place);
  for (Rule& r : p.rules) clear(r.place);
  for (Policy& x : p.policies) clear(x.place);
  for (NamedScenario& s : p.scenarios) clear(s.place);
  for (Node& n : p.nodes) n.text = tokens_only(n.text);
  return write_program_file(p);
}

}  // namespace proviso
