check tests/golden/analysis/findings.proviso --format json
