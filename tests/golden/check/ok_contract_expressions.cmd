check --no-analysis tests/ok/contract_expressions.proviso
