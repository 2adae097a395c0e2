check tests/golden/analysis/overflow.proviso
