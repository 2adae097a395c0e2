fmt -w --check policies
