check --no-analysis tests/fail/cycle_self.proviso
