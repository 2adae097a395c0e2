check --no-analysis tests/fail/undefined_name_references.proviso
