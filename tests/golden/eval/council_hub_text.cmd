eval policies/sectors policies/framework examples/council --root . --scenario examples/council/hub_referral.json
