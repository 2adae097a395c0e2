check tests/golden/analysis/findings.proviso --analysis-budget 0
