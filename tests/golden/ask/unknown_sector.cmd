ask examples/discharge --from hospital --to housing < /dev/null
