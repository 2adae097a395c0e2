check --no-analysis tests/fail/syntax_defers_on_deny.proviso
