batch -h
