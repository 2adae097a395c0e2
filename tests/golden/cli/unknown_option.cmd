check --colour examples/discharge
