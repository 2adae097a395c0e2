test tests/golden/undetermined/exact.proviso
