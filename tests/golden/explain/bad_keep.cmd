explain examples/discharge --name "Patient refuses the referral" --keep nosuch
