explain policies/ --name "H8 Home Office asks for a list of overstayers' addresses" --format markdown
