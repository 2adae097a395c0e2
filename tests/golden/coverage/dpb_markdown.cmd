coverage policies/ --framework dpb --format markdown
