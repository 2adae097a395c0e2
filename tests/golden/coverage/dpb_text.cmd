coverage policies/ --framework dpb
