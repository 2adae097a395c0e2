eval tests/golden/defers/referral.proviso --name "Research request to the housing team" --format json
