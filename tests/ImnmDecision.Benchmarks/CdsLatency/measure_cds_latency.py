#!/usr/bin/env python3
"""Measures CDS Hooks patient-view latency with a local FHIR server (the README's CDS figures).

Starts a small FHIR R4 server on 127.0.0.1 that answers the prefetch searches from the test fixture
fhir-server-pt-fetch-1.json, starts the API (Release build, Production, the local server allow-listed with
AllowHttp and AllowPrivateNetwork), then sends patient-view calls without prefetch, so that every call fetches
every key of the patient-view template from the FHIR server. Reports the start-up warm-ups (from the log: the SDK and model load, then the
in-memory calls through the HTTP pipeline and the FHIR client before the port opens), the first call, and the
median and p99 of the next N calls.

    dotnet build src/ImnmDecision.Api -c Release
    python3 tests/ImnmDecision.Benchmarks/CdsLatency/measure_cds_latency.py [--calls 200]
"""
import argparse
import http.server
import json
import os
import re
import socket
import statistics
import subprocess
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIXTURE = os.path.join(ROOT, "tests", "ImnmDecision.Api.Tests", "CdsHooks", "Fixtures", "fhir-server-pt-fetch-1.json")
DATA = json.load(open(FIXTURE, encoding="utf-8"))


class Fhir(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path, _, query = self.path.partition("?")
        parts = path.split("/")  # /fhir/R4/Type[/id]
        kind = parts[3] if len(parts) > 3 else ""
        key = kind
        if kind == "Observation":
            key = ("ck" if "2157-6" in query else "weight" if "29463-7" in query
                   else "pregnancy" if "82810-3" in query else "myositisAntibodies")
        body = json.dumps(DATA.get(key, {"resourceType": "Bundle", "type": "searchset"})).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, fhir):
    body = json.dumps({
        "hookInstance": "m", "hook": "patient-view", "fhirServer": fhir,
        "fhirAuthorization": {"access_token": "t", "token_type": "Bearer", "subject": "imnm"},
        "context": {"userId": "Practitioner/1", "patientId": "pt-fetch-1"},
    }).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/cds-services/imnm-assessment", body, {"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        cards = json.load(response)["cards"]
    elapsed = (time.perf_counter() - started) * 1000
    assert cards and "Incomplete" not in cards[0]["summary"], cards[0]["summary"]
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    fhir_port, api_port = free_port(), free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", fhir_port), Fhir)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fhir = f"http://127.0.0.1:{fhir_port}/fhir/R4"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ASPNETCORE_URLS=f"http://127.0.0.1:{api_port}",
               CdsHooks__RequireJwt="false", CdsHooks__FhirServers__0__Url=fhir,
               CdsHooks__FhirServers__0__AllowHttp="true", CdsHooks__FhirServers__0__AllowPrivateNetwork="true")
    dll = os.path.join(ROOT, "src", "ImnmDecision.Api", "bin", "Release", "net10.0", "ImnmDecision.Api.dll")
    started = time.perf_counter()
    api = subprocess.Popen(["dotnet", dll], cwd=os.path.dirname(dll), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = []
    threading.Thread(target=lambda: log.extend(api.stdout), daemon=True).start()
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{api_port}/cds-services", timeout=1).read()
                break
            except OSError:
                if time.perf_counter() - started > 60:
                    raise
                time.sleep(0.05)
        ready_ms = (time.perf_counter() - started) * 1000
        first = call(api_port, fhir)
        times = [call(api_port, fhir) for _ in range(args.calls)]
        times.sort()
        p99 = times[max(0, int(round(0.99 * len(times))) - 1)]
        sdk = next((m.group(1) for line in log for m in [re.search(r"CDS Hooks warmed up \(Firely FHIR SDK, mapping, engine, cards\) in (\d+) ms", line)] if m), "?")
        http_path = next((m.group(1) for line in log for m in [re.search(r"CDS Hooks HTTP path warmed up .* in (\d+) ms", line)] if m), "?")
        print(json.dumps({
            "startUpToReadyMs": round(ready_ms), "warmUpAtStartUpMs": sdk, "httpWarmUpAtStartUpMs": http_path, "firstCallMs": round(first, 1),
            "calls": len(times), "medianMs": round(statistics.median(times), 1), "p99Ms": round(p99, 1), "maxMs": round(times[-1], 1),
        }))
    finally:
        api.terminate()
        api.wait(10)
        server.shutdown()


if __name__ == "__main__":
    main()
