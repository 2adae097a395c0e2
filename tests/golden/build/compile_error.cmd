build tests/fail/cycle_conditions.proviso -o "${d:=$(mktemp -d)}/never.provisoc"; s=$?; [ -z "$(ls -A "$d")" ] && echo "nothing written"; rm -rf "$d"; exit $s
