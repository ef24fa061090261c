#!/usr/bin/env bash
# Import rate of `zorgkluis import` on the embedded SQLite store: a synthetic JSON Lines file of
# PERSONS clients (valid BSNs, client numbers, a caregiver each) and RECORDS dossier records
# (care notes by the caregiver, one in ten an invoice by the administration), imported into a
# fresh installation of BG wonen. Synthetic data only; everything in a temporary directory.
# Usage: scripts/import-bench.sh [persons] [records]   (results go to docs/BENCHMARKS.md by hand)
# ZORGKLUIS_BIN=path/to/zorgkluis measures that binary instead of building this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
PERSONS="${1:-1000}"
RECORDS="${2:-100000}"
BIN="${ZORGKLUIS_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build --release -q -p zorgkluis
  BIN="${CARGO_TARGET_DIR:-target}/release/zorgkluis"
fi
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
python3 - "$PERSONS" "$RECORDS" > "$DATA/import.jsonl" <<'PY'
import json, sys
persons, records = int(sys.argv[1]), int(sys.argv[2])
def bsns():
    n = 10_000_000
    while True:
        n += 1
        d = [int(c) for c in str(n)[:8]]
        last = sum(w * x for w, x in zip(range(9, 1, -1), d)) % 11
        if last < 10:
            yield "".join(map(str, d)) + str(last)
bsn = bsns()
out = sys.stdout
for p in range(persons):
    ref = f"c{p}"
    out.write(json.dumps({"type": "person", "ref": ref, "subject_category": "client",
        "name": f"Synthetische Cliënt {p}", "birth_date": f"19{40 + p % 50}-0{1 + p % 9}-1{p % 9}",
        "client_number": f"C-{p}", "bsn": next(bsn), "registered": "2015-01-05"}) + "\n")
    out.write(json.dumps({"type": "care", "person": ref, "user": f"zorg-{p % 10}",
        "from": "2020-01-01"}) + "\n")
    share = records // persons + (1 if p < records % persons else 0)
    for r in range(share):
        invoice = r % 10 == 9
        out.write(json.dumps({"type": "record", "person": ref,
            "category": "financieel" if invoice else "rapportage",
            "text": (f"Factuur {r}: begeleiding, 4 uur" if invoice else
                     f"Rapportage {r}: bezoek verlopen volgens plan; cliënt rustig, medicatie ingenomen, geen bijzonderheden."),
            "created": f"{2015 + r % 10}-0{1 + r % 9}-{10 + r % 18}",
            **({} if invoice else {"by": f"zorg-{p % 10}"})}) + "\n")
PY
export ZORGKLUIS_PASSWORD="een lang wachtwoord" ZORGKLUIS_LOG=warn
"$BIN" --data-dir "$DATA/d" init --reglement reglementen/bg-wonen.toml --tenant bg-wonen > /dev/null
"$BIN" --data-dir "$DATA/d" user add --id admin-1 --role administratie > /dev/null
for i in $(seq 0 9); do "$BIN" --data-dir "$DATA/d" user add --id "zorg-$i" --role zorgverlener > /dev/null; done
echo "== $(wc -l < "$DATA/import.jsonl") lines, $(du -h "$DATA/import.jsonl" | cut -f1)"
/usr/bin/time -f "== %e s wall, %M KiB max resident" \
  "$BIN" --data-dir "$DATA/d" import "$DATA/import.jsonl" --as admin-1 ${IMPORT_ARGS:-}
echo "== database $(du -sh "$DATA/d" | cut -f1)"
"$BIN" --data-dir "$DATA/d" audit verify | tail -1
