#!/usr/bin/env bash
# Load test of the API on loopback: audited dossier reads (decided by the reglement's Cedar
# policies, written to the audit chain, then decrypted) against the same server's
# unauthenticated /health as the floor. Bounded in time; only 127.0.0.1 is a target.
# Usage: scripts/loadtest.sh [seconds] [connections]   (results go to docs/BENCHMARKS.md by hand)
# ZORGKLUIS_BIN=path/to/zorgkluis measures that binary instead of building this checkout (to
# compare two releases in one run).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-32}"
PORT=18181
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
BIN="${ZORGKLUIS_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build --release -q -p zorgkluis
  BIN="${CARGO_TARGET_DIR:-target}/release/zorgkluis"
fi
DATA="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
"$BIN" --data-dir "$DATA" demo --listen "127.0.0.1:$PORT" > "$DATA/demo.out" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "luistert op" "$DATA/demo.out" 2>/dev/null && break; sleep 0.2; done
TOKEN=$(awk '$1 == "zorg-1" && $3 ~ /^zk_/ {print $3}' "$DATA/demo.out")
PERSON=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/persons?limit=1" | sed 's/.*"persons":\["\([^"]*\)".*/\1/')
URL="http://127.0.0.1:$PORT/api/v1/persons/$PERSON/records?category=gezondheid"
test "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL")" = 200
echo "== audited read: $URL"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $TOKEN" "$URL"
echo "== floor: /health"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PORT/health"
