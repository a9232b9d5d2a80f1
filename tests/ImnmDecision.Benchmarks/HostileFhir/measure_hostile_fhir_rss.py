#!/usr/bin/env python3
"""Measures the API's resident memory (RSS) while a hostile FHIR server streams endless bodies (README figures).

Starts a FHIR server on 127.0.0.1 that answers every request with HTTP 200 and a JSON body that never ends
(no Content-Length, written until the client hangs up), starts the API (Release build, Production, that
server allow-listed with AllowHttp and AllowPrivateNetwork, JWT off), then sends patient-view calls without
prefetch, several at a time, so that every call makes the API fetch its keys from the hostile server. After
each round it reads VmRSS, RssAnon (native plus GC heap) and Threads of the API process from /proc. A series
that is flat after warm-up (no upward trend from round 10 on, over --rounds 60) is the pass mark: bodies are
streamed under the per-response and per-hook caps, never buffered whole, and nothing is kept per call. Not a
timing test; repeat it at will. With --control the same server answers every fetch at once with an empty
searchset Bundle: the same calls without the hostile bodies. Environment variables reach the API, so
DOTNET_gcServer=1 runs it on the Server GC for comparison (its committed heap keeps growing; see the README).

    dotnet build src/ImnmDecision.Api -c Release
    python3 tests/ImnmDecision.Benchmarks/HostileFhir/measure_hostile_fhir_rss.py [--rounds 60 --calls 40 --parallel 8] [--control] [--verbose]
"""
import argparse
import concurrent.futures
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CHUNK = b" " * 65536


class Hostile(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # no Content-Length: the body ends only when the connection does
    sent = 0
    control = False

    def do_GET(self):
        self.send_response(200)
        if Hostile.control:
            body = b'{"resourceType":"Bundle","type":"searchset"}'
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass  # the API gave up (its time budget ran out under load)
            return

        self.send_header("Content-Type", "application/fhir+json")
        self.end_headers()
        try:
            self.wfile.write(b'{"resourceType":"Bundle","type":"searchset","entry":[')
            while True:
                self.wfile.write(CHUNK)
                Hostile.sent += len(CHUNK)
        except OSError:
            pass  # the API hung up: the cap did its work

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid):
    """VmRSS, RssAnon, RssFile (MiB) and Threads of a process, from /proc/<pid>/status."""
    values = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                values[key] = round(int(rest.split()[0]) / 1024, 1)
            elif key == "Threads":
                values[key] = int(rest.split()[0])
    return values


def rss_mib(pid):
    return proc_status(pid).get("VmRSS")


def call(port, fhir):
    body = json.dumps({
        "hookInstance": "hostile", "hook": "patient-view", "fhirServer": fhir,
        "fhirAuthorization": {"access_token": "t", "token_type": "Bearer", "subject": "imnm"},
        "context": {"userId": "Practitioner/1", "patientId": "pt-1"},
    }).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/cds-services/imnm-assessment", body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--calls", type=int, default=40, help="calls per round")
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--control", action="store_true", help="answer every fetch with an empty Bundle instead of an endless body")
    parser.add_argument("--verbose", action="store_true", help="print each round's VmRSS, RssAnon, RssFile and Threads (and the API's pid) to stderr")
    args = parser.parse_args()
    Hostile.control = args.control
    fhir_port, api_port = free_port(), free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", fhir_port), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fhir = f"http://127.0.0.1:{fhir_port}/fhir/R4"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ASPNETCORE_URLS=f"http://127.0.0.1:{api_port}",
               CdsHooks__RequireJwt="false", CdsHooks__FhirServers__0__Url=fhir,
               CdsHooks__FhirServers__0__AllowHttp="true", CdsHooks__FhirServers__0__AllowPrivateNetwork="true",
               Store__SqlitePath=os.path.join("/tmp", f"imnm-hostile-{os.getpid()}.db"))
    dll = os.path.join(ROOT, "src", "ImnmDecision.Api", "bin", "Release", "net10.0", "ImnmDecision.Api.dll")
    api = subprocess.Popen(["dotnet", dll], cwd=os.path.dirname(dll), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{api_port}/cds-services", timeout=1).read()
                break
            except OSError:
                if time.perf_counter() - started > 90:
                    raise
                time.sleep(0.1)
        baseline = rss_mib(api.pid)
        series, anon, threads, statuses = [], [], [], {}
        with concurrent.futures.ThreadPoolExecutor(args.parallel) as pool:
            for _ in range(args.rounds):
                for status in pool.map(lambda _: call(api_port, fhir), range(args.calls)):
                    statuses[status] = statuses.get(status, 0) + 1
                status = proc_status(api.pid)
                series.append(status["VmRSS"])
                anon.append(status["RssAnon"])
                threads.append(status["Threads"])
                if args.verbose:
                    print(json.dumps({"round": len(series), "pid": api.pid, **status}), file=sys.stderr, flush=True)
        print(json.dumps({
            "mode": "control" if args.control else "hostile", "calls": args.rounds * args.calls, "parallel": args.parallel, "statuses": statuses,
            "hostileMiBSent": round(Hostile.sent / 1048576), "rssBaselineMiB": baseline,
            "rssAfterFirstRoundMiB": series[0], "rssMaxMiB": max(series), "rssLastMiB": series[-1], "rssSeriesMiB": series,
            "rssAnonSeriesMiB": anon, "threadsSeries": threads,
        }))
    finally:
        api.terminate()
        api.wait(10)
        server.shutdown()


if __name__ == "__main__":
    main()
