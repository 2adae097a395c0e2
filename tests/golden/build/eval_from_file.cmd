build examples/discharge -o "${d:=$(mktemp -d)}/discharge.provisoc" && proviso eval "$d/discharge.provisoc" --name "Patient refuses the referral"; s=$?; rm -rf "$d"; exit $s
