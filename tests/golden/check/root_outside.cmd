check --no-analysis --root policies/sectors examples/discharge
