graph examples/discharge
