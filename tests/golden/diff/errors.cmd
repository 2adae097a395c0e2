diff tests/golden/analysis/diff_old.proviso tests/golden/analysis/broken.proviso
