build examples/discharge -o -
