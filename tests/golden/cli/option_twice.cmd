check --strict examples/discharge --strict
