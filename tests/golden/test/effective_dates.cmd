test tests/ok/effective_dates.proviso
