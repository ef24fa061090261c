#!/usr/bin/env python3
"""Times zorgkluis' access and erasure requests over its API, as ../shared/peers/fides/dsr.py
times Fides': wall clock from just before the first POST to the answer that carries the
finished export (access) or the erasure certificate (erasure), on one keep-alive connection.

An access request is the product's whole flow for a client of the demo organisation (BG
wonen's reglement): filed, identity established, granted, the export released by its handler,
carried out: the JSON export and the same export as HTML in one answer
(execute?include=html; --separate-html fetches the HTML with a second GET, as before). An
erasure request: filed, identity, granted, carried out (the certificate). Every step is decided
by the reglement and written to the audit chain before it answers. `in_behandeling` ("taken
into progress") is a step the register offers but no rule requires (a request goes from
identity established to decided); --in-behandeling adds it, as this script did until
2026-12-04.

Usage: zorgkluis_dsr.py --url http://127.0.0.1:18182 --tokens DATA/demo-tokens.txt
                        --kind access|erasure --client N [--repeat K] [--breakdown]
                        [--in-behandeling] [--separate-html]
Access runs K times on client N; erasure on clients N, N+1, ... (each erased once).
"""
import argparse
import http.client
import json
import statistics
import sys
import time
import urllib.parse
from datetime import date


class Api:
    def __init__(self, url, token):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port)
        self.token = token

    def call(self, method, path, body=None, accept="application/json", ok_422=False):
        headers = {"Authorization": f"Bearer {self.token}", "Accept": accept}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        payload = r.read()
        if r.status == 422 and ok_422:
            return None
        if r.status >= 300:
            sys.exit(f"{method} {path}: {r.status} {payload[:500]!r}")
        if not payload:
            return None
        if accept != "application/json":
            return payload
        return json.loads(payload)


def tokens(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 3:
            out[parts[0]] = parts[2]
    return out


def person_of(admin, client):
    found = admin.call("POST", "/api/v1/persons/search", {"client_number": f"P-{client}"})
    if not found["persons"]:
        sys.exit(f"client P-{client} is not in zorgkluis (import the peer data first)")
    return found["persons"][0]["id"]


def one_request(api, person, kind, steps, separate_html=False, in_behandeling=False):
    """One request from filing to its result; `steps` gains each call's own time (ms)."""
    today = date.today().isoformat()
    t0 = time.perf_counter()
    last = [t0]

    def step(name):
        now = time.perf_counter()
        steps.setdefault(name, []).append((now - last[0]) * 1000)
        last[0] = now

    filed = api.call("POST", "/api/v1/requests", {
        "person": person, "type": "inzage" if kind == "access" else "verwijdering",
        "received": today, "channel": "email"}, ok_422=True)
    if filed is None:
        # Refused as filed by the client: a minor, for whom the parents file (WGBO).
        return None, None
    rid = filed["id"]
    step("file")
    for status in ["identiteit_vastgesteld"] + (["in_behandeling"] if in_behandeling else []):
        api.call("POST", f"/api/v1/requests/{rid}/status", {"status": status})
        step(status)
    api.call("POST", f"/api/v1/requests/{rid}/decision", {"outcome": "toegewezen"})
    step("decision")
    if kind == "access":
        api.call("POST", f"/api/v1/requests/{rid}/release")
        step("release")
        if separate_html:
            export = api.call("POST", f"/api/v1/requests/{rid}/execute")
            step("execute")
            html = api.call("GET", f"/api/v1/requests/{rid}/export", accept="text/html").decode()
            step("export_html")
        else:
            # The JSON and the printable document from the one export carried out.
            both = api.call("POST", f"/api/v1/requests/{rid}/execute?include=html")
            export, html = both["export"], both["html"]
            step("execute")
        if "<html" not in html:
            sys.exit(f"request {rid}: no HTML document")
        elapsed = time.perf_counter() - t0
        entries = sum(len(c["entries"]) for c in export["categories"])
        return elapsed, f"{entries} entries, {len(html)} bytes of HTML"
    certificate = api.call("POST", f"/api/v1/requests/{rid}/execute")
    step("execute")
    elapsed = time.perf_counter() - t0
    erased = sum(c["records"] for c in certificate["erased"])
    return elapsed, f"{erased} records erased, whole file: {certificate['whole_file']}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--tokens", required=True)
    p.add_argument("--kind", choices=["access", "erasure"], required=True)
    p.add_argument("--client", type=int, default=5000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--breakdown", action="store_true", help="also print each call's median")
    p.add_argument("--separate-html", action="store_true",
                   help="fetch the HTML with a second GET .../export (the flow before include=html)")
    p.add_argument("--in-behandeling", action="store_true",
                   help="also take the request into progress (optional in the register)")
    a = p.parse_args()
    tok = tokens(a.tokens)
    admin, director = Api(a.url, tok["admin-1"]), Api(a.url, tok["dir-1"])
    times = []
    steps = {}
    client = a.client
    while len(times) < a.repeat:
        person = person_of(admin, client)
        elapsed, what = one_request(director, person, a.kind, steps, a.separate_html,
                                    a.in_behandeling)
        if elapsed is None:
            print(f"client {client}: a minor, who does not file alone; the next client")
            client += 1
            continue
        times.append(elapsed)
        print(f"run {len(times)}/{a.repeat}: {a.kind} of client {client} in {elapsed * 1000:.1f} ms ({what})")
        if a.kind == "erasure":
            client += 1
    if a.breakdown:
        print("per call, median ms: " + ", ".join(
            f"{name} {statistics.median(ms):.2f}" for name, ms in steps.items()))
    print(f"zorgkluis {a.kind}: median {statistics.median(times) * 1000:.1f} ms over {a.repeat} runs"
          f" (mean {statistics.mean(times) * 1000:.1f}, slowest {max(times) * 1000:.1f})")


if __name__ == "__main__":
    main()
