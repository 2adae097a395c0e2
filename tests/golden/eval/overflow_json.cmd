eval tests/golden/analysis/overflow.proviso --scenario tests/golden/eval/overflow.json --format json
