check --no-analysis tests/fail/undefined_name_no_sectors.proviso
