#!/usr/bin/env bash
# Nothing in a bundle is left out in silence: a folder or a file of the bundle that
# cannot be read is an io error (exit 2), never a bundle checked without it; a
# symbolic link inside --root is followed. Unreadable files need a user that the file
# permissions apply to: run as root, the checks switch to the user nobody with setpriv
# (or runuser), or are skipped with a message (exit 77) when neither can.
# Usage: tests/io/bundle_walk.sh PROVISO_BINARY links|permissions
set -u
proviso=$(realpath "$1")
part=${2:-links}
export NO_COLOR=1 PROVISO_NOW=2026-01-01T00:00:00Z
work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+rwx "$work"; rm -rf "$work"' EXIT
fail=0

# expect NAME WANT_STATUS WANT_TEXT COMMAND...: the status, and WANT_TEXT in the output.
expect() {
  local name=$1 want=$2 text=$3
  shift 3
  "$@" > "$work/out" 2>&1
  local status=$?
  if [ $status -ne "$want" ] || ! grep -qF -- "$text" "$work/out"; then
    echo "FAIL $name: exit $status (expected $want), expected output with '$text':"
    sed 's/^/  | /' "$work/out" | head -8
    fail=1
  else
    echo "ok   $name"
  fi
}

# A bundle: main.proviso at the top, the rules in rules/.
make_bundle() {
  rm -rf "$work/b"
  mkdir -p "$work/b/rules"
  printf 'sectors { health, housing }\nfact urgent: bool "Is it urgent?"\n' > "$work/b/main.proviso"
  printf 'policy p {\n  rule r: share when urgent\n}\n' > "$work/b/rules/r.proviso"
  chmod -R a+rX "$work/b"
}

# Symbolic links within --root are followed; the summary counts the linked file.
if [ "$part" = links ]; then
make_bundle
mkdir -p "$work/shared"
printf 'policy q {\n  rule s: deny when not urgent\n}\n' > "$work/shared/q.proviso"
ln -s ../shared "$work/b/shared"
expect "linked folder inside --root is followed" 0 "ok: 3 files checked, 2 policies, 2 rules" \
  "$proviso" check --no-analysis --root "$work" "$work/b"
expect "linked folder outside the root is bad-import" 1 "error[bad-import]: '$work/b/shared' is a symbolic link" \
  "$proviso" check --no-analysis "$work/b"
rm "$work/b/shared"
ln -s ../shared/q.proviso "$work/b/q.proviso"
expect "linked file inside --root is followed" 0 "ok: 3 files checked, 2 policies, 2 rules" \
  "$proviso" check --no-analysis --root "$work" "$work/b"
expect "linked file outside the root is bad-import" 1 "error[bad-import]: '$work/b/q.proviso' is a symbolic link" \
  "$proviso" check --no-analysis "$work/b"
# A link back up the tree does not loop.
rm "$work/b/q.proviso"
ln -s .. "$work/b/rules/up"
expect "a link back up the bundle does not loop" 0 "ok: 2 files checked, 1 policy, 1 rule" \
  "$proviso" check --no-analysis "$work/b"
fi

# Permissions: as a user they apply to.
if [ "$part" = permissions ]; then
  as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv > /dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2> /dev/null; then
      as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    elif command -v runuser > /dev/null && runuser -u nobody -- true 2> /dev/null; then
      as_user=(runuser -u nobody --)
    else
      echo "SKIP permission checks: running as root and cannot switch to the user nobody (no setpriv or runuser)"
      exit 77
    fi
  fi
  make_bundle
  if ! "${as_user[@]}" test -x "$proviso"; then
    echo "SKIP permission checks: the user nobody cannot run $proviso"
    exit 77
  fi
  expect "readable bundle" 0 "ok: 2 files checked" "${as_user[@]}" "$proviso" check --no-analysis "$work/b"
  chmod 000 "$work/b/rules"
  expect "unreadable folder is an io error" 2 "error[io]: cannot read folder '$work/b/rules': Permission denied" \
    "${as_user[@]}" "$proviso" check --no-analysis "$work/b"
  expect "unreadable folder: fmt --check too" 2 "cannot read folder" \
    "${as_user[@]}" "$proviso" fmt --check "$work/b"
  chmod 755 "$work/b/rules"
  chmod 000 "$work/b/rules/r.proviso"
  expect "unreadable file is an io error" 2 "error[io]: cannot read '$work/b/rules/r.proviso': Permission denied" \
    "${as_user[@]}" "$proviso" check --no-analysis "$work/b"
  # An imported file that cannot be read: io at the import, not a bundle without it.
  mkdir -p "$work/c/lib"
  printf 'import "lib/vocab.proviso"\nsectors { health }\n' > "$work/c/main.proviso"
  printf 'fact urgent: bool\n' > "$work/c/lib/vocab.proviso"
  chmod 755 "$work/c" "$work/c/lib"
  chmod 000 "$work/c/lib/vocab.proviso"
  expect "unreadable imported file is an io error" 2 \
    "main.proviso:1:1: error[io]: cannot read imported file '$work/c/lib/vocab.proviso': Permission denied" \
    "${as_user[@]}" "$proviso" check --no-analysis "$work/c/main.proviso"
  chmod 644 "$work/b/rules/r.proviso"
fi

[ $fail -eq 0 ] && echo "bundle_walk $part: passed"
exit $fail
