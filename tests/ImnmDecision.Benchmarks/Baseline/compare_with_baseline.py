#!/usr/bin/env python3
"""Side-by-side throughput of this checkout against a baseline commit (the README's performance table).

Builds the baseline commit (default a231013, the engine before the findings-schema reshaping) in a temporary git
worktree, publishes both `imnm` command lines in Release, generates a 1M-row CSV cohort with each, and then runs
the commands in turn, A B A B ..., so that both see the same machine; it reports each command's median CPU
seconds (user + sys) and wall seconds, and the median of the pairwise CPU ratios. CPU time is the figure to
quote on a shared machine: wall time moves with whatever else runs.

Comparisons:
  product   head + its ruleset             vs  baseline + its ruleset      (on the baseline's cohort)
  code      head + the baseline's rules    vs  baseline + its ruleset      (the same rules on both: code only)
  eular     head + its ruleset             vs  head without classification (on head's cohort; issue #13's bar)
With --bdn it also runs BenchmarkDotNet's EngineBenchmarks (medium job) in both trees, one after the other (--bdn-rounds N:
N rounds in turn, with each round's ratio and their median): for the code
comparison, head's benchmark reads the baseline's rules and the baseline's benchmark cohort (IMNM_BENCH_RULES,
IMNM_BENCH_COHORT), so both engines evaluate the same cases with the same rules.
With --head COMMIT another commit stands in for this checkout (built in a second worktree, with its own rules):
--head f7fc25b --only product measures the engine as the reshaping left it (issue #11; its ruleset was still 2026.11).
With --patch FILE the head tree (this checkout's commit, or --head's) has FILE applied before it is built: --patch
without-later-semantics.patch --only code turns off, for the measurement only, the per-case work that issues other
than #11 added to the engine after the baseline (the workup shadowing bookkeeping, a child's dose and the height
and sex a dose may need, the body surface area and age-at-onset facts), so what is left is the reshaping's own cost.

    python3 tests/ImnmDecision.Benchmarks/Baseline/compare_with_baseline.py [--baseline a231013] [--head COMMIT] [--patch FILE] [--runs 7] [--rows 1000000] [--only eular] [--bdn [--bdn-rounds 3]]

The baseline's rules are made loadable by today's loader by adding what today's ruleset requires and the old one
lacks (labels, missing-field reasons, parameters, the summary wording, citations); its rules are unchanged.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def run(cmd, cwd=None, quiet=True, env=None):
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.STDOUT if quiet else None, text=True,
                            env=None if env is None else {**os.environ, **env})
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stdout if quiet else ''}")
    return result.stdout


def publish(tree, out):
    run(["dotnet", "publish", os.path.join(tree, "src", "ImnmDecision.Cli"), "-c", "Release", "-o", out])
    return os.path.join(out, "imnm")


def timed(cmd):
    """One run under /usr/bin/time: (cpu seconds, wall seconds). Exit 1 (some rows failed) is expected."""
    result = subprocess.run(["/usr/bin/time", "-f", "%U %S %e"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
    user, system, wall = map(float, result.stderr.strip().splitlines()[-1].split())
    return user + system, wall


def compare(name, a, b, runs):
    timed(a), timed(b)  # warm the page cache and the disk
    pairs = [(timed(a), timed(b)) for _ in range(runs)]
    a_cpu = statistics.median(p[0][0] for p in pairs)
    b_cpu = statistics.median(p[1][0] for p in pairs)
    ratios = sorted(p[0][0] / p[1][0] for p in pairs)
    print(f"{name:8} A cpu {a_cpu:6.2f} s, wall {statistics.median(p[0][1] for p in pairs):6.2f} s | "
          f"B cpu {b_cpu:6.2f} s, wall {statistics.median(p[1][1] for p in pairs):6.2f} s | "
          f"A/B cpu median {statistics.median(ratios):.3f} (min {ratios[0]:.3f}, max {ratios[-1]:.3f}, {runs} pairs)", flush=True)


def loadable_baseline_rules(base_rules, head_rules, out):
    shutil.copytree(base_rules, out)
    base = json.load(open(os.path.join(base_rules, "ruleset.json")))
    head = json.load(open(os.path.join(head_rules, "ruleset.json")))
    for key in ("workup", "treatments", "missing", "parameters"):
        merged = dict(head.get(key, {}))
        merged.update(base.get(key, {}))
        base[key] = merged
    base["summary"] = dict(head["summary"])
    # The summary's first steps name rules; keep those the baseline has (the others are the revision's own).
    ids = {rule["id"] for name in os.listdir(base_rules) if name.endswith(".json")
           for rule in rule_list(json.load(open(os.path.join(base_rules, name))))}
    base["summary"]["firstSteps"] = [step for step in head["summary"].get("firstSteps", []) if step in ids]
    json.dump(base, open(os.path.join(out, "ruleset.json"), "w"), indent=1)
    base_citations = json.load(open(os.path.join(base_rules, "citations.json")))
    known = {c["id"] for c in base_citations["citations"]}
    head_citations = json.load(open(os.path.join(head_rules, "citations.json")))["citations"]
    base_citations["citations"] += [c for c in head_citations if c["id"] not in known]
    json.dump(base_citations, open(os.path.join(out, "citations.json"), "w"), indent=1)


def rule_list(document):
    """The rules of one ruleset file (a list, or an object holding a "rules" list); none for other files."""
    rules = document.get("rules") if isinstance(document, dict) else document
    return [rule for rule in rules if isinstance(rule, dict) and "id" in rule] if isinstance(rules, list) else []


def without_classification(head_rules, out):
    shutil.copytree(head_rules, out)
    ruleset = json.load(open(os.path.join(out, "ruleset.json")))
    os.remove(os.path.join(out, ruleset.pop("classification")))
    json.dump(ruleset, open(os.path.join(out, "ruleset.json"), "w"), indent=1)


def bdn(tree, label, env=None):
    """One BenchmarkDotNet run of EngineBenchmarks (medium job); prints its table rows and returns each method's
    statistics in us (mean, median, min), read from the run's JSON report."""
    print(f"BenchmarkDotNet EngineBenchmarks, {label}:", flush=True)
    results = os.path.join(tree, "tests", "ImnmDecision.Benchmarks", "BenchmarkDotNet.Artifacts", "results")
    shutil.rmtree(results, ignore_errors=True)
    # From inside the tree: BenchmarkDotNet finds the benchmark project from the working directory, and the
    # baseline's project under this checkout's would mix the two trees' package versions.
    out = run(["dotnet", "run", "-c", "Release", "--project", os.path.join(tree, "tests", "ImnmDecision.Benchmarks"), "--",
               "--filter", "*Engine*", "--job", "medium", "--exporters", "json"], cwd=tree, env=env)
    for line in out.splitlines():
        if line.startswith("|") and ("Evaluate" in line or "Assess" in line or "Method" in line):
            print("  " + line, flush=True)
    stats = {}
    for name in os.listdir(results):
        if name.endswith(".json"):
            for benchmark in json.load(open(os.path.join(results, name))).get("Benchmarks", []):
                figures = benchmark["Statistics"]
                stats[benchmark["Method"]] = {key: figures[key] / 1000 for key in ("Mean", "Median", "Min")}
    for method, figures in stats.items():
        print(f"  {method}: median {figures['Median']:.3f} us, min {figures['Min']:.3f} us", flush=True)
    return stats


def report_bdn_ratios(label, heads, bases):
    """Per round, the ratio of head's mean, median and min to the baseline's; and the median over rounds (rounds
    run one after the other). On a shared machine the median and min move less than the mean."""
    for method in ("Evaluate", "Assess"):
        for statistic in ("Mean", "Median", "Min"):
            ratios = [h[method][statistic] / b[method][statistic] for h, b in zip(heads, bases) if method in h and method in b]
            if ratios:
                print(f"{label} {method} {statistic.lower()}: head/baseline per round {', '.join(f'{r:.3f}' for r in ratios)}; "
                      f"median {statistics.median(ratios):.3f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default="a231013")
    parser.add_argument("--head", help="a commit to measure instead of this checkout")
    parser.add_argument("--patch", help="a patch applied to the head tree before it is built (measurement only)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--bdn", action="store_true")
    parser.add_argument("--bdn-rounds", type=int, default=1, help="BenchmarkDotNet runs of head and baseline, in turn")
    parser.add_argument("--only", choices=["product", "code", "eular"], help="run one comparison only")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="imnm-baseline-")
    base_tree = os.path.join(work, "tree")
    patch = os.path.abspath(args.patch) if args.patch else None
    head_tree = os.path.join(work, "head-tree") if args.head or patch else ROOT
    try:
        run(["git", "-C", ROOT, "worktree", "add", "--detach", base_tree, args.baseline])
        if head_tree != ROOT:
            run(["git", "-C", ROOT, "worktree", "add", "--detach", head_tree, args.head or "HEAD"])
        if patch:
            run(["git", "-C", head_tree, "apply", patch])
        print(f"building head ({run(['git', '-C', head_tree, 'rev-parse', '--short', 'HEAD']).strip()}{' with ' + os.path.basename(patch) if patch else ''}) and baseline ({args.baseline}) in Release ...", flush=True)
        head = publish(head_tree, os.path.join(work, "head"))
        base = publish(base_tree, os.path.join(work, "base"))
        base_csv, head_csv = os.path.join(work, "base.csv"), os.path.join(work, "head.csv")
        run([base, "generate", "--rows", str(args.rows), "--seed", "42", "-o", base_csv])
        run([head, "generate", "--rows", str(args.rows), "--seed", "42", "-o", head_csv])
        head_rules, base_rules = os.path.join(head_tree, "rules"), os.path.join(base_tree, "rules")
        old_rules, no_eular = os.path.join(work, "old-rules"), os.path.join(work, "no-eular")
        if args.only in (None, "code"):
            loadable_baseline_rules(base_rules, head_rules, old_rules)
        if args.only in (None, "eular"):
            without_classification(head_rules, no_eular)
        score = lambda exe, csv, rules: [exe, "score", csv, "-o", "/dev/null", "--rules", rules]
        print(f"{args.rows:,} CSV rows scored to /dev/null; load average {open('/proc/loadavg').read().split()[0]}", flush=True)
        comparisons = {
            "product": (score(head, base_csv, head_rules), score(base, base_csv, base_rules)),
            "code": (score(head, base_csv, old_rules), score(base, base_csv, base_rules)),
            "eular": (score(head, head_csv, head_rules), score(head, head_csv, no_eular)),
        }
        for name, (a, b) in comparisons.items():
            if args.only in (None, name):
                compare(name, a, b, args.runs)
        print(f"load average after: {open('/proc/loadavg').read().split()[0]}")
        if args.bdn:
            cohort = os.path.join(work, "base-bench.ndjson")
            if args.only in (None, "code"):
                # The baseline's own benchmark cohort (seed 42, no invalid rows) and rules, read by today's engine.
                run([base, "generate", "--rows", "21000", "--seed", "42", "--invalid-fraction", "0", "-o", cohort])
            product, code, baseline = [], [], []
            for round_ in range(args.bdn_rounds):
                # Head and baseline in turn, round after round: one machine's drift falls on both.
                if args.only in (None, "product"):
                    product.append(bdn(head_tree, f"round {round_ + 1}, head, its ruleset and cohort"))
                if args.only in (None, "code"):
                    code.append(bdn(head_tree, f"round {round_ + 1}, head, the baseline's ruleset and cohort (code only)",
                                    {"IMNM_BENCH_RULES": old_rules, "IMNM_BENCH_COHORT": cohort}))
                baseline.append(bdn(base_tree, f"round {round_ + 1}, baseline {args.baseline}"))
            report_bdn_ratios("product", product, baseline)
            report_bdn_ratios("code", code, baseline)
    finally:
        for tree in (base_tree, head_tree):
            if tree != ROOT:
                subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", tree], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
