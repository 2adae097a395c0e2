fmt --check tests/golden/fmt/messy.proviso policies/framework/caldicott.proviso
