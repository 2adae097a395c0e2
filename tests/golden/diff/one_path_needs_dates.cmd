diff tests/ok/effective_dates.proviso
