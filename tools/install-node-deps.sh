#!/usr/bin/env bash
# Installs the browser-test driver (puppeteer-core, pinned in
# tools/node/package.json and package-lock.json) into tools/node/node_modules.
# Never downloads a browser: the tests use Debian's /usr/bin/chromium.
# Idempotent: an installed tree of the pinned version is left alone.
set -euo pipefail

cd "$(dirname "$0")/node"
if ! command -v npm >/dev/null; then
  echo "install-node-deps: npm not found, skipping (the browser script tests will be skipped)" >&2
  exit 0
fi
pinned=$(node -p "require('./package.json').dependencies['puppeteer-core']")
installed=$(node -p "require('./node_modules/puppeteer-core/package.json').version" 2>/dev/null || true)
if [[ "$installed" == "$pinned" ]]; then
  echo "install-node-deps: puppeteer-core $pinned present" >&2
  exit 0
fi
export PUPPETEER_SKIP_DOWNLOAD=1
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
