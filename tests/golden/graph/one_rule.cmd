graph examples/discharge --rule duty_to_refer
