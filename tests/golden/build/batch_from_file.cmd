build examples/discharge -o "${d:=$(mktemp -d)}/discharge.provisoc" && proviso batch "$d/discharge.provisoc" --no-trace < examples/discharge/flows.jsonl; s=$?; rm -rf "$d"; exit $s
