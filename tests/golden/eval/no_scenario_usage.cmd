eval examples/discharge
