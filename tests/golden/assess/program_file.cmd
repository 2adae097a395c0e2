build examples/discharge -o "${d:=$(mktemp -d)}/x.provisoc" && cd "$d" && proviso assess x.provisoc --name X --framework dpb; s=$?; rm -rf "$d"; exit $s
