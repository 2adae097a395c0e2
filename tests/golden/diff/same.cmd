diff tests/golden/analysis/diff_old.proviso tests/golden/analysis/diff_old.proviso --fail-on-change
