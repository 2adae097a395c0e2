test tests/ok/defers.proviso
