check policies/ --format markdown
