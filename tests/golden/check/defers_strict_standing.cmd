check tests/golden/defers/standing.proviso --strict
