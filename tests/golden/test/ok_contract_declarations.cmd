test tests/ok/contract_declarations.proviso
