diff tests/golden/analysis/diff_old.proviso tests/golden/analysis/no_such_file.proviso
