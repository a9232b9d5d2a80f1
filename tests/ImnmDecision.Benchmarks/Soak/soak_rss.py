#!/usr/bin/env python3
"""A soak of the API: resident memory (RSS) over a long run of single assessments and batches (README figures).

Starts the API (Release build, Production settings, tokens and the rate limit off so every request is
assessed, a fresh SQLite store), then for --seconds keeps wrk posting the load test's case to
POST /api/v1/assessments and, every --every seconds, posts a 2,000-row NDJSON batch; it reads VmRSS of the
API from /proc at each step and prints the series, the requests served, the non-2xx answers and the spread of
RSS after the first minute. A flat series (a spread of a few MiB) is the pass mark. Not a timing test.

    dotnet build src/ImnmDecision.Api -c Release
    python3 tests/ImnmDecision.Benchmarks/Soak/soak_rss.py [--seconds 600 --every 30 --connections 16]
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
API_DLL = os.path.join(ROOT, "src", "ImnmDecision.Api", "bin", "Release", "net10.0", "ImnmDecision.Api.dll")
CASE = os.path.join(ROOT, "tests", "ImnmDecision.Benchmarks", "Load", "case.json")
LUA = os.path.join(ROOT, "tests", "ImnmDecision.Benchmarks", "Load", "post.lua")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def ensure_wrk():
    if shutil.which("wrk"):
        return
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    subprocess.run(prefix + ["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)


def batch_body(rows):
    case = json.load(open(CASE))
    lines = []
    for i in range(rows):
        record = dict(case)
        record["caseId"] = f"soak-{i}"
        lines.append(json.dumps(record, separators=(",", ":")))
    return ("\n".join(lines) + "\n").encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--every", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    ensure_wrk()
    work = tempfile.mkdtemp(prefix="imnm-soak-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ASPNETCORE_URLS=base, Api__Auth__Enabled="false",
               Api__RateLimit__Enabled="false", Store__SqlitePath=os.path.join(work, "store.db"), CdsHooks__PublicBaseUrl=base,
               LOAD_BODY_FILE=CASE)
    api = subprocess.Popen(["dotnet", API_DLL], cwd=ROOT, env=env, stdout=open(os.path.join(work, "api.log"), "wb"), stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/health/live", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        idle = rss_mib(api.pid)
        body = batch_body(2000)
        wrk = subprocess.Popen(["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "-s", LUA, base + "/api/v1/assessments"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        series, batches, failed_batches = [], 0, 0
        started = time.time()
        while time.time() - started < args.seconds:
            time.sleep(args.every)
            request = urllib.request.Request(base + "/api/v1/assessments/batch", data=body, method="POST",
                                             headers={"Content-Type": "application/x-ndjson", "Accept": "application/x-ndjson"})
            try:
                with urllib.request.urlopen(request, timeout=120) as answer:
                    answer.read()
                batches += 1
            except OSError:
                failed_batches += 1
            series.append(round(rss_mib(api.pid), 1))
        output = wrk.communicate()[0]
        requests = re.search(r"(\d+) requests in", output)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        settled = series[max(1, 60 // args.every):] or series
        print(json.dumps({
            "seconds": args.seconds, "requests": int(requests.group(1)) if requests else None,
            "non2xx": int(non2xx.group(1)) if non2xx else 0, "batches": batches, "failedBatches": failed_batches,
            "rssIdleMiB": round(idle, 1), "rssSeriesMiB": series,
            "rssSpreadAfterFirstMinuteMiB": round(max(settled) - min(settled), 1),
        }))
    finally:
        api.terminate()
        api.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
