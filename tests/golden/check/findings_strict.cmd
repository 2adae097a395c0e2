check tests/golden/analysis/findings.proviso --strict
