eval examples/discharge --name "Referral with clinical notes attached" --no-solver
