check tests/golden/analysis/findings.proviso
