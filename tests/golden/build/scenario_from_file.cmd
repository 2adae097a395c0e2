build examples/discharge -o "${d:=$(mktemp -d)}/discharge.provisoc" && proviso eval "$d/discharge.provisoc" --scenario examples/discharge/scenario.json --format json; s=$?; rm -rf "$d"; exit $s
