#!/usr/bin/env bash
# The README's test command: sets up what the tests need on a fresh machine of this project's
# kind (PostgreSQL running on 127.0.0.1:5432, Debian's chromium and chromium-driver for the
# browser tests, axe-core for their accessibility check), then runs every test of the
# workspace, then schemathesis against the served OpenAPI document. Fails when a test fails.
# Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL: the store's and the server's tests run on it as well as on SQLite, never skipped.
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "== starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 50); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.2; done
fi

# The web UI's end-to-end tests drive Debian's headless Chromium through chromedriver.
if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium and chromium-driver"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# axe-core, injected into every page the browser test checks (pinned in package-lock.json).
TOOLS="scripts/browser-tools"
if [ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" ]; then
  echo "== installing axe-core"
  npm ci --prefix "$TOOLS" --no-audit --no-fund --loglevel=error >/dev/null
fi
export ZORGKLUIS_AXE="$PWD/$TOOLS/node_modules/axe-core/axe.min.js"

echo "== cargo test --workspace"
cargo test --workspace --locked "$@"

# The API against its own OpenAPI document: schemathesis, pinned, bounded (scripts/schemathesis.sh).
echo "== schemathesis"
cargo build --locked -q -p zorgkluis
scripts/schemathesis.sh
