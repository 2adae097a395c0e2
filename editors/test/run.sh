#!/usr/bin/env bash
# Runs the TextMate grammar test (ctest: editors_grammar). Needs node and the packages
# of package-lock.json (scripts/install-deps.sh runs `npm ci` here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/node_modules/vscode-textmate" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi
node "$here/grammar_test.js"
