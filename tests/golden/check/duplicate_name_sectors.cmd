check --no-analysis tests/fail/duplicate_name_sectors.proviso
