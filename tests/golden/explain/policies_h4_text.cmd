explain policies/ --name "H4 Home Office asks for patients' addresses in bulk for immigration tracing"
