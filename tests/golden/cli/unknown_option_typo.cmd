check --stirct examples/discharge
