#pragma once
// Private: the textDocument/did* notifications.
#include "server.hpp"

namespace proviso::lsp::internal {

void did_open(Server& s, const json& params);
void did_change(Server& s, const json& params);
void did_save(Server& s, const json& params);
void did_close(Server& s, const json& params);

}  // namespace proviso::lsp::internal
