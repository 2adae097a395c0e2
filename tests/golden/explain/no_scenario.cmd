explain examples/discharge
