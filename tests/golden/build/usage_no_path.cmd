build -o x.provisoc
