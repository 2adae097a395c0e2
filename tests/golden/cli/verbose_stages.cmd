check examples/discharge --no-analysis --verbose 2>&1 | sed -E 's/ +[0-9]+\.[0-9]{3} ms$/ N ms/'
