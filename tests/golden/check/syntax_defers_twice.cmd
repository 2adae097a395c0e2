check --no-analysis tests/fail/syntax_defers_twice.proviso
