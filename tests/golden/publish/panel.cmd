publish tests/ok/assessment -o "${d:=$(mktemp -d)}/site" > "$d/log" && sed "s|$d|DIR|" "$d/log" && for f in "$d"/site/*; do echo "==== ${f##*/}"; cat "$f"; done; s=$?; rm -rf "$d"; exit $s
