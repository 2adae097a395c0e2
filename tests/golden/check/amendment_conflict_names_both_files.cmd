check tests/ok/amended
