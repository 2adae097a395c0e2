check tests/golden/defers/referral.proviso --strict
