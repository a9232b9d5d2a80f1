#!/usr/bin/env python3
"""Single assessment under load: POST /api/v1/assessments against a bare ASP.NET Core endpoint, side by side.

Starts, on 127.0.0.1 only:
  * the API (Release build, Production settings, with authentication and the rate limit off so that every
    request is assessed; a fresh SQLite store in a temporary folder; its log written to a file there), and
  * the bare endpoint (tests/ImnmDecision.Benchmarks --bare-endpoint): Kestrel, reads the body, parses it as
    JSON and answers a fixed copy of the API's answer bytes for the same case, and
  * the assessment alone (tests/ImnmDecision.Benchmarks --assessment-only-endpoint): the same Kestrel doing only
    what an assessment must (read and check the findings, assess, write the JSON answer with the fast writer),
    with nothing of the API's chain around it (middleware, audit, request log, authorization, headers): it splits
    the API's distance from the bare endpoint into the assessment's share and the chain's.
Then, interleaved (bare, assessment alone, API; the order rotating each round): saturation rounds with wrk (2 threads, 64 connections, a lua
script for the POST body), and fixed-rate rounds at a quarter of each one's saturation rate with the open-loop
client (tests/ImnmDecision.Benchmarks --fixed-rate), which measures each latency from the moment the request was
due. Prints requests/s, p99s and the ratios against the bar (>= 50% of the bare rate; p99 <= 1.5x the bare p99).
Every request loop is bounded in time; both servers are stopped at the end.

    python3 tests/ImnmDecision.Benchmarks/Load/load_test.py [--rounds 3] [--seconds 10] [--case FILE] [--api-env NAME=VALUE]

Installs Debian's wrk first if it is missing (as root, or with sudo -n).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
API_DLL = os.path.join(ROOT, "src", "ImnmDecision.Api", "bin", "Release", "net10.0", "ImnmDecision.Api.dll")
BENCH_DLL = os.path.join(ROOT, "tests", "ImnmDecision.Benchmarks", "bin", "Release", "net10.0", "ImnmDecision.Benchmarks.dll")
PATH = "/api/v1/assessments"


def ensure_wrk():
    if shutil.which("wrk"):
        return
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    print("wrk not found: installing Debian's wrk", flush=True)
    subprocess.run(prefix + ["apt-get", "update"], check=False, stdout=subprocess.DEVNULL)
    subprocess.run(prefix + ["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)


def build():
    for project in ("src/ImnmDecision.Api", "tests/ImnmDecision.Benchmarks"):
        subprocess.run(["dotnet", "build", project, "-c", "Release", "-nologo", "-v", "q"], cwd=ROOT, check=True)


def wait_ready(url, process, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode} before it answered on {url}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url} within {seconds} s")


def post(url, body):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def wrk(url, body_file, seconds, connections):
    env = dict(os.environ, LOAD_BODY_FILE=body_file)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", os.path.join(HERE, "post.lua"), url],
                         env=env, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out) or re.search(r"Socket errors:", out):
        raise SystemExit(f"wrk saw errors against {url}:\n{out}")
    return rps


def fixed_rate(url, body_file, rate, seconds, connections):
    out = subprocess.run(["dotnet", BENCH_DLL, "--fixed-rate", url, body_file, str(int(rate)), str(seconds), str(connections)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def loadavg():
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved saturation rounds per server (default 3)")
    parser.add_argument("--seconds", type=int, default=10, help="length of each round in seconds (default 10)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    parser.add_argument("--case", default=os.path.join(HERE, "case.json"), help="the findings to POST, or a golden case file (default: the README's anti-SRP case)")
    parser.add_argument("--no-build", action="store_true", help="use the Release builds already there")
    parser.add_argument("--api-port", type=int, default=5181)
    parser.add_argument("--bare-port", type=int, default=5182)
    parser.add_argument("--alone-port", type=int, default=5183)
    parser.add_argument("--api-env", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable for the API only (repeatable), e.g. a runtime setting to compare")
    args = parser.parse_args()

    ensure_wrk()
    if not args.no_build:
        build()
    work = tempfile.mkdtemp(prefix="imnm-load-")
    body_file = os.path.join(work, "body.json")
    with open(args.case, "rb") as f:
        case = json.loads(f.read())
    # A golden case (tests/cases/*.json) holds its findings under "findings".
    body = json.dumps(case.get("findings", case) if isinstance(case, dict) else case, separators=(",", ":")).encode()
    with open(body_file, "wb") as f:
        f.write(body)

    api_url = f"http://127.0.0.1:{args.api_port}{PATH}"
    bare_url = f"http://127.0.0.1:{args.bare_port}{PATH}"
    alone_url = f"http://127.0.0.1:{args.alone_port}{PATH}"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ASPNETCORE_URLS=f"http://127.0.0.1:{args.api_port}",
               Api__Auth__Enabled="false", Api__RateLimit__Enabled="false", Store__SqlitePath=os.path.join(work, "store.db"),
               CdsHooks__PublicBaseUrl=f"http://127.0.0.1:{args.api_port}")
    env.update(pair.split("=", 1) for pair in args.api_env)
    servers = []
    try:
        api_log = open(os.path.join(work, "api.log"), "wb")
        api = subprocess.Popen(["dotnet", API_DLL], cwd=ROOT, env=env, stdout=api_log, stderr=subprocess.STDOUT)
        servers.append(api)
        wait_ready(f"http://127.0.0.1:{args.api_port}/health/live", api)
        answer = post(api_url, body)
        answer_file = os.path.join(work, "answer.json")
        with open(answer_file, "wb") as f:
            f.write(answer)
        for name, url, arguments in (("the bare endpoint", bare_url, ["--bare-endpoint", str(args.bare_port), answer_file]),
                                     ("the assessment-only endpoint", alone_url, ["--assessment-only-endpoint", str(args.alone_port)])):
            server = subprocess.Popen(["dotnet", BENCH_DLL] + arguments, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            servers.append(server)
            deadline = time.time() + 60
            while True:
                try:
                    post(url, body)
                    break
                except OSError:
                    if time.time() > deadline or server.poll() is not None:
                        raise SystemExit(f"{name} did not start")
                    time.sleep(0.3)

        print(f"case {os.path.relpath(args.case, ROOT)}: {len(body)} bytes in, {len(answer)} bytes out; load average before: {loadavg()}", flush=True)
        for url in (bare_url, alone_url, api_url):  # warm-up, unmeasured
            wrk(url, body_file, 5, args.connections)

        rates = {"bare": [], "alone": [], "api": []}
        targets = [("bare", bare_url), ("alone", alone_url), ("api", api_url)]
        for round_ in range(args.rounds):
            for name, url in targets[round_ % 3:] + targets[:round_ % 3]:
                rates[name].append(wrk(url, body_file, args.seconds, args.connections))
            print(f"round {round_ + 1}: bare {rates['bare'][-1]:,.0f}/s, assessment alone {rates['alone'][-1]:,.0f}/s, "
                  f"api {rates['api'][-1]:,.0f}/s", flush=True)

        bare_rps, alone_rps, api_rps = (statistics.median(rates[name]) for name in ("bare", "alone", "api"))
        p99 = {"bare": [], "api": []}
        for round_ in range(2):
            order = [("bare", bare_url, bare_rps), ("api", api_url, api_rps)]
            for name, url, rps in (order if round_ == 0 else order[::-1]):
                result = fixed_rate(url, body_file, rps / 4, args.seconds, 16)
                p99[name].append(result["p99Ms"])
                print(f"fixed rate {name} at {result['rate']}/s: p50 {result['p50Ms']:.2f} ms, p99 {result['p99Ms']:.2f} ms, "
                      f"p99.9 {result['p999Ms']:.2f} ms, late sends {result['lateSends']}", flush=True)

        bare_p99, api_p99 = statistics.median(p99["bare"]), statistics.median(p99["api"])
        throughput, latency = api_rps / bare_rps, api_p99 / bare_p99
        print()
        print(f"| | bare endpoint | POST /api/v1/assessments | ratio | bar |")
        print(f"| --- | --- | --- | --- | --- |")
        print(f"| requests/s (wrk, median of {args.rounds}) | {bare_rps:,.0f} | {api_rps:,.0f} | {throughput:.0%} | >= 50% |")
        print(f"| p99 at a quarter of saturation | {bare_p99:.2f} ms | {api_p99:.2f} ms | {latency:.2f}x | <= 1.5x |")
        print(f"\nthe assessment alone (no chain around it): {alone_rps:,.0f} requests/s, {alone_rps / bare_rps:.0%} of the bare endpoint; "
              f"the API reaches {api_rps / alone_rps:.0%} of it")
        print(f"answer {len(answer)} bytes; load average after: {loadavg()}; "
              f"{'BARS MET' if throughput >= 0.5 and latency <= 1.5 else 'BARS NOT MET'}")
        return 0
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
