chek examples/discharge
