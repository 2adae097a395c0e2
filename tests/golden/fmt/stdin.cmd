fmt - < tests/golden/fmt/messy.proviso
