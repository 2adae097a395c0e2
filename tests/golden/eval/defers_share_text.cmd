eval tests/golden/defers/referral.proviso --name "Homelessness referral with consent"
