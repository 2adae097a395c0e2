check tests/golden/analysis/findings.proviso --strict --analysis-budget 0
