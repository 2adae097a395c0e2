check --no-analysis tests/fail/syntax_require_on_deny.proviso
