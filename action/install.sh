#!/usr/bin/env bash
# Installs coder-secrets-lint from the action's own folder (the checked-out action), once.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
if [ -f dist/bundle/cli.js ] && [ -d node_modules/fast-glob ]; then
  echo "coder-secrets-lint is already installed in $GITHUB_ACTION_PATH"
  exit 0
fi
npm ci --no-audit --no-fund
