test tests/ok/imports.proviso
