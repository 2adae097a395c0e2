eval policies/sectors policies/framework examples/council --root . --scenario examples/council/refused_consent.json
