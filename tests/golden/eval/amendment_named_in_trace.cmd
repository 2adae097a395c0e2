eval tests/ok/amended --name "early help with consent, by the local rule"
