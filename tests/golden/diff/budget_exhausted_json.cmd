diff tests/golden/analysis/diff_old.proviso tests/golden/analysis/diff_new.proviso --format json --analysis-budget 0
