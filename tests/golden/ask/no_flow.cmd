ask examples/discharge < /dev/null
