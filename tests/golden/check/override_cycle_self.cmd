check --no-analysis tests/fail/override_cycle_self.proviso
