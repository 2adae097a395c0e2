test tests/golden/defers/referral.proviso
