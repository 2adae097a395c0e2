diff tests/golden/analysis/diff_old.proviso
