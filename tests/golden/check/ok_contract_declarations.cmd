check --no-analysis tests/ok/contract_declarations.proviso
