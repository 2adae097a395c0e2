diff tests/golden/analysis/diff_old.proviso tests/golden/analysis/diff_new.proviso --format markdown
