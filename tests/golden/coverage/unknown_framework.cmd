coverage policies/ --framework caldicot
