// The formatter's entry point: parse (so that only text the language accepts is
// touched), lay out, print.
#include "format/doc.hpp"
#include "format/layout.hpp"
#include "proviso/compiler/format.hpp"
#include "proviso/compiler/parse.hpp"

namespace proviso {

std::optional<std::string> format_source(const SourceFile& source, Diagnostics& diags,
                                         const FormatOptions& options) {
  if (!parse_source(source, 0, ParseOptions{}, diags)) return std::nullopt;
  const TokenStream tokens = lex_tokens(source.text());
  try {
    compiler::internal::Layout layout(tokens);
    compiler::internal::Doc doc = layout.file();
    std::string out = compiler::internal::print_doc(std::move(doc), {options.width, tokens.crlf});
    return tokens.bom ? "\xEF\xBB\xBF" + out : out;
  } catch (const compiler::internal::FormatError& e) {
    Location loc;
    loc.file = source.name();
    diags.add(Code::syntax, std::string("cannot format this file: ") + e.what(), loc).hint =
        "this is a bug in proviso fmt; the file was left as it was";
    return std::nullopt;
  }
}

}  // namespace proviso
