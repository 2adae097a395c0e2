help grpah
