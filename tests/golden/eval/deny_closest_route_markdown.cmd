eval examples/discharge --name "Patient refuses the referral" --format markdown
