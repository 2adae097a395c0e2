check tests/bad/semantic/constraints_clash.proviso --format json
