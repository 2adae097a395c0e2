test policies/sectors policies/framework examples/council --root .
