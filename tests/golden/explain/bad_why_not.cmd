explain examples/discharge --name "Patient refuses the referral" --why-not maybe
