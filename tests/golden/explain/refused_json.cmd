explain examples/discharge --name "Patient refuses the referral" --format json
