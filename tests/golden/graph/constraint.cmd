graph tests/ok/effective_dates.proviso
