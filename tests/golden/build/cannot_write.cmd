build examples/discharge -o /nonexistent-proviso-folder/discharge.provisoc
