#!/usr/bin/env bash
# The same-run comparison with Fides (issue 13): the Fides peer harness
# (../shared/peers/fides/RUN.md) and zorgkluis hold the same synthetic care data (10,000
# clients, 1,000,000 notes, ~100 per client) and answer an access and an erasure request for a
# client, alternating, in one run. zorgkluis runs as its release build on the embedded SQLite
# store (the default) and on PostgreSQL (database zk_peer on 127.0.0.1:5432, dropped and made
# again); every step of its requests is decided by the reglement and written to the audit
# chain. Loopback only; synthetic data only. Results go to docs/BENCHMARKS.md by hand.
# Usage: scripts/peer/compare-fides.sh [repeat]   ZORGKLUIS_BIN=... measures that binary;
# BACKENDS="sqlite" (or "postgres") measures one backend only.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
PEER="${FIDES_PEER_DIR:-$ROOT/../shared/peers/fides}"
REPEAT="${1:-5}"
PORT=18182
CLIENTS=10000
NOTES=1000000
TARGET=5000
BACKENDS="${BACKENDS:-sqlite postgres}"
PG=postgres://postgres@127.0.0.1:5432
BIN="${ZORGKLUIS_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build --release -q -p zorgkluis
  BIN="${CARGO_TARGET_DIR:-target}/release/zorgkluis"
fi
DATA="$(mktemp -d /var/tmp/zk-peer.XXXXXX)"
cleanup() { if [ -n "${SERVER:-}" ]; then kill "$SERVER" 2>/dev/null || true; fi; rm -rf "$DATA"; }
trap cleanup EXIT

echo "== the disk: 4 KiB writes with O_DSYNC"
dd if=/dev/zero of="$DATA/fsync.test" bs=4k count=2000 oflag=dsync 2>&1 | tail -1
rm -f "$DATA/fsync.test"

echo "== Fides: setup and the synthetic data"
(cd "$PEER" && ./setup.sh | tail -1 && ./load.py "$CLIENTS" "$NOTES" | head -1)
EMAIL=$(psql postgres://postgres@127.0.0.1:5432/care_peer -X -At -c "SELECT email FROM clients WHERE id = $TARGET")

echo "== the same data for zorgkluis: a zorgkluis import file"
python3 "$ROOT/scripts/peer/care_peer_to_jsonl.py" "$DATA/care_peer.jsonl"
NOTE=$(psql "$PG/care_peer" -X -At -c "SELECT text FROM notes WHERE client_id = $TARGET ORDER BY id LIMIT 1")

start_server() { # data dir, [database url]
  local url=()
  [ -n "${2:-}" ] && url=(--database-url "$2")
  "$BIN" --data-dir "$1" demo --listen "127.0.0.1:$PORT" "${url[@]}" > "$1.demo.out" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do grep -q "luistert op" "$1.demo.out" 2>/dev/null && break; sleep 0.2; done
  grep -q "luistert op" "$1.demo.out" || { cat "$1.demo.out"; exit 1; }
  # The server plans retention once at start-up (over the million records, a few seconds of
  # both cores); the requests are timed after it, as on a server that has been running.
  for _ in $(seq 1 600); do grep -q "retention planned" "$1.demo.out" 2>/dev/null && return; sleep 0.2; done
  echo "no retention plan after 120 s"; cat "$1.demo.out"; exit 1
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }

for BACKEND in $BACKENDS; do
  ZKDIR="$DATA/zk-$BACKEND"
  URL=""
  if [ "$BACKEND" = postgres ]; then
    psql "$PG/postgres" -X -q -c "DROP DATABASE IF EXISTS zk_peer" -c "CREATE DATABASE zk_peer"
    URL="$PG/zk_peer"
  fi
  echo "== zorgkluis on $BACKEND: the demo organisation, then the same data through zorgkluis import"
  start_server "$ZKDIR" "$URL"
  stop_server
  /usr/bin/time -f "import: %e s wall, %M KiB max resident" \
    "$BIN" --data-dir "$ZKDIR" import "$DATA/care_peer.jsonl" --as admin-1 2>&1 | grep -v checkpoint | tail -2
  start_server "$ZKDIR" "$URL"
  ZK=(python3 "$ROOT/scripts/peer/zorgkluis_dsr.py" --url "http://127.0.0.1:$PORT" --tokens "$ZKDIR/demo-tokens.txt")

  echo "== access on $BACKEND, alternating with Fides"
  (cd "$PEER" && ./dsr.py --kind access --email "$EMAIL" --repeat "$REPEAT" | tail -1)
  "${ZK[@]}" --kind access --client "$TARGET" --repeat "$REPEAT"
  (cd "$PEER" && ./dsr.py --kind access --email "$EMAIL" --repeat "$REPEAT" | tail -1)
  "${ZK[@]}" --kind access --client "$TARGET" --repeat "$REPEAT"

  echo "== erasure on $BACKEND, alternating (zorgkluis erases clients $TARGET.. once each; Fides masks one again)"
  (cd "$PEER" && ./dsr.py --kind erasure --email "$EMAIL" --repeat "$REPEAT" | tail -1) || echo "fides erasure: a run failed (see its fides.log)"
  "${ZK[@]}" --kind erasure --client "$TARGET" --repeat "$REPEAT"
  # Fides' own second round has ended in status 'error' once (its log says why); the run goes on.
  (cd "$PEER" && ./dsr.py --kind erasure --email "$EMAIL" --repeat "$REPEAT" | tail -1) || echo "fides erasure: a run failed (see its fides.log)"
  "${ZK[@]}" --kind erasure --client $((TARGET + 2 * REPEAT)) --repeat "$REPEAT"

  echo "== the erasure on $BACKEND verified"
  stop_server
  if [ "$BACKEND" = postgres ]; then
    if pg_dump "$URL" | grep -qF "$NOTE"; then echo "FOUND the erased note in a dump of zk_peer"; exit 1; fi
    echo "the first erased note is not in a pg_dump of zk_peer"
  else
    for f in "$ZKDIR"/zorgkluis.db*; do
      if grep -qF "$NOTE" "$f"; then echo "FOUND the erased note in $f"; exit 1; fi
    done
    echo "the first erased note is in none of: $(cd "$ZKDIR" && ls zorgkluis.db*)"
  fi
  "$BIN" --data-dir "$ZKDIR" audit verify | tail -1
done
