build examples/discharge
