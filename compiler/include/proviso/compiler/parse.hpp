#pragma once
// The parser: PEGTL grammar plus actions that build the AST directly. A syntax error
// is one `syntax` diagnostic saying what was expected at the exact place.
#include <optional>

#include "proviso/compiler/ast.hpp"
#include "proviso/compiler/options.hpp"
#include "proviso/base/diagnostic.hpp"
#include "proviso/base/source.hpp"

namespace proviso {

// Parses `source` (whose index in the bundle is `file_id`). Returns nullopt after
// adding at least one diagnostic (syntax or limit).
std::optional<ast::File> parse_source(const SourceFile& source, std::uint32_t file_id,
                                      const ParseOptions& options, Diagnostics& diags);

}  // namespace proviso
