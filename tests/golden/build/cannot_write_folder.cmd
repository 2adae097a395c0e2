build examples/discharge -o examples
