test tests/ok/amended
