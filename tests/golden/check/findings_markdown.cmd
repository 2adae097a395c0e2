check tests/golden/analysis/findings.proviso --format markdown
