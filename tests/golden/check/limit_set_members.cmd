check --no-analysis tests/fail/limit_set_members.proviso
