check does/not/exist
