diff tests/golden/analysis/diff_old.proviso tests/golden/analysis/diff_new.proviso --fail-on-change --analysis-budget 0
