eval examples/discharge --name "Patient refuses the referral" --no-solver
