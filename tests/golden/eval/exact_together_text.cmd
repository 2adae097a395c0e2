eval tests/golden/undetermined/exact.proviso --name "Purpose and consent both unknown"
