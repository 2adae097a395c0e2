#pragma once
// `proviso fmt`: the one canonical layout of a .proviso file. Comments stay with the
// tokens they were written next to, strings and numbers are written back as written,
// a CRLF file stays CRLF. Formatting is idempotent and keeps the meaning: the
// compiled program of the formatted bundle equals the original's, up to source places
// (see meaning_fingerprint). The layout rules are listed in docs/language.md, section
// "proviso fmt", and in compiler/format/README.md.
#include <optional>
#include <string>

#include "proviso/base/diagnostic.hpp"
#include "proviso/base/source.hpp"
#include "proviso/program/program.hpp"

namespace proviso {

struct FormatOptions {
  int width = 100;  // the line width groups are broken to fit in (strings are never broken)
};

// The formatted text of `source`, or nullopt after adding diagnostics when the text
// does not parse (then nothing should be written).
std::optional<std::string> format_source(const SourceFile& source, Diagnostics& diags,
                                         const FormatOptions& options = {});

// What a program means, as bytes: its program file with every source line and column
// zeroed, the bundle version (a hash of the source text) cleared, and each
// expression's text reduced to its tokens. Two bundles that differ only in layout and
// comments have the same fingerprint.
std::string meaning_fingerprint(const Program& program);

}  // namespace proviso
