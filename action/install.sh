#!/usr/bin/env bash
# Installs coder-secrets-lint from the action's own folder (the checked-out action), once.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
if [ -f dist/src/cli/bin.js ] && [ -d node_modules/web-tree-sitter ]; then
  echo "coder-secrets-lint is already installed in $GITHUB_ACTION_PATH"
  exit 0
fi
npm ci --no-audit --no-fund
