explain examples/discharge --name "Patient refuses the referral" --allow-flow --format json
