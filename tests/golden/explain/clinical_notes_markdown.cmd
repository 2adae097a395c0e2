explain examples/discharge --name "Referral with clinical notes attached" --format markdown
