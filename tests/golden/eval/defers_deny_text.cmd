eval tests/golden/defers/referral.proviso --name "Referral with clinical notes attached"
