#!/usr/bin/env python3
"""Ratios table for sipview's benchmarks (python3 standard library only).

Runs the bench binary with --benchmark_format=json (or reads a JSON file it
wrote) and prints, per message, each parser's median time, throughput and
heap allocations per iteration, how many times faster sipview is than each
peer, and each parser's time relative to the memchr CRLF scan and to memcpy.
Goals are reported, never asserted: the exit status is 0 whenever a table was
printed.

  bench/ratios.py                              # finds build/bench/bench/sipview_bench, 3 repetitions
  bench/ratios.py --binary path/to/sipview_bench --repetitions 5 --min-time 0.2
  bench/ratios.py --json results.json          # a file from --benchmark_out=... --benchmark_out_format=json
  bench/ratios.py --save results.json          # also keep the raw JSON
  bench/ratios.py --markdown                   # tables as Markdown
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BINARIES = [
    os.path.join(HERE, "..", "build", "bench", "bench", "sipview_bench"),
    os.path.join(HERE, "..", "build", "bench", "sipview_bench"),
    os.path.join(HERE, "..", "build", "bench-clang", "bench", "sipview_bench"),
]
MESSAGES = ["register", "wsinv", "invite", "ok200", "unauth401"]
SIPVIEW = "sipview"
# Goals (issue: "Benchmarks: prove the hot path is the fastest SIP parser"):
# full: sipview at least this many times faster than Sofia-SIP on a message.
FULL_GOALS_VS_SOFIA = {"register": 3.4, "wsinv": 4.4, "invite": 3.8}
# framing: sipview within this factor of the memchr CRLF scan.
FRAMING_GOAL_VS_MEMCHR = 3.0


def run_binary(binary, repetitions, min_time, extra):
    cmd = [binary, "--benchmark_format=json", "--benchmark_repetitions=%d" % repetitions]
    if repetitions > 1:
        cmd.append("--benchmark_report_aggregates_only=true")
    if min_time:
        cmd.append("--benchmark_min_time=%s" % min_time)
    cmd += extra
    print("running: " + " ".join(cmd), file=sys.stderr)
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    return json.loads(out)


def collect(data, use_real_time):
    """name -> {time_ns, bytes_per_second, allocs, frees, alloc_bytes}; medians over repetitions."""
    key = "real_time" if use_real_time else "cpu_time"
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    medians, samples = {}, {}
    for b in data.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name") or b["name"]
        row = {
            "time_ns": b[key] * scale.get(b.get("time_unit", "ns"), 1.0),
            "bytes_per_second": b.get("bytes_per_second"),
            "allocs": b.get("allocs"),
            "frees": b.get("frees"),
            "alloc_bytes": b.get("alloc_bytes"),
        }
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = row
        else:
            samples.setdefault(name, []).append(row)
    result = dict(medians)
    for name, rows in samples.items():  # no aggregates in the file: take medians ourselves
        if name in result:
            continue
        med = {}
        for k in rows[0]:
            vals = [r[k] for r in rows if r[k] is not None]
            med[k] = statistics.median(vals) if vals else None
        result[name] = med
    return result


def split(name):
    parts = name.split("/")
    return parts if len(parts) == 3 else None


def fmt_ns(ns):
    if ns is None:
        return "-"
    return "%.0f" % ns if ns >= 100 else "%.1f" % ns


def fmt_x(x):
    return "-" if x is None else "%.2fx" % x


def fmt_rate(bps):
    if not bps:
        return "-"
    return "%.0f" % (bps / 1e6)


def fmt_num(v):
    if v is None:
        return "-"
    return "%d" % v if abs(v - round(v)) < 1e-9 else "%.2f" % v


class Table:
    def __init__(self, headers, markdown):
        self.headers, self.rows, self.markdown = headers, [], markdown

    def add(self, row):
        self.rows.append([str(c) for c in row])

    def sep(self):
        self.rows.append(None)

    def render(self):
        widths = [len(h) for h in self.headers]
        for r in self.rows:
            if r:
                widths = [max(w, len(c)) for w, c in zip(widths, r)]
        lines = []
        if self.markdown:
            lines.append("| " + " | ".join(self.headers) + " |")
            lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(self.headers))) + "|")
            for r in self.rows:
                if r:
                    lines.append("| " + " | ".join(r) + " |")
        else:
            def line(cells):
                return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
            lines.append(line(self.headers))
            lines.append("  ".join("-" * w for w in widths))
            for r in self.rows:
                lines.append("" if r is None else line(r))
        return "\n".join(lines)


def kind_table(results, kind, markdown):
    """Rows per message and parser for `full` or `framing`."""
    by_msg = {}
    for name, row in results.items():
        p = split(name)
        if p and p[0] == kind:
            by_msg.setdefault(p[2], {})[p[1]] = row
    if not by_msg:
        return None
    t = Table(["message", "parser", "ns/msg", "MB/s", "sipview faster by", "vs memchr", "vs memcpy",
               "allocs/iter", "frees/iter", "alloc bytes/iter"], markdown)
    order = [m for m in MESSAGES if m in by_msg] + sorted(m for m in by_msg if m not in MESSAGES)
    for msg in order:
        parsers = by_msg[msg]
        ref = parsers.get(SIPVIEW)
        memchr = results.get("baseline/memchr/" + msg)
        memcpy = results.get("baseline/memcpy/" + msg)
        names = sorted(parsers, key=lambda n: (not n.startswith(SIPVIEW), n))
        for parser in names:
            r = parsers[parser]
            faster = None if not ref or parser == SIPVIEW else r["time_ns"] / ref["time_ns"]
            t.add([msg, parser, fmt_ns(r["time_ns"]), fmt_rate(r["bytes_per_second"]),
                   "-" if faster is None else fmt_x(faster),
                   fmt_x(r["time_ns"] / memchr["time_ns"]) if memchr else "-",
                   fmt_x(r["time_ns"] / memcpy["time_ns"]) if memcpy else "-",
                   fmt_num(r["allocs"]), fmt_num(r["frees"]), fmt_num(r["alloc_bytes"])])
        for base, r in (("memchr", memchr), ("memcpy", memcpy)):
            if r:
                t.add([msg, "baseline/" + base, fmt_ns(r["time_ns"]), fmt_rate(r["bytes_per_second"]), "-", "-", "-",
                       fmt_num(r["allocs"]), fmt_num(r["frees"]), fmt_num(r["alloc_bytes"])])
        if not markdown:
            t.sep()
    return t


def grammar_table(results, markdown):
    t = Table(["rule", "input", "ns/op", "MB/s", "allocs/iter"], markdown)
    any_row = False
    for name in sorted(n for n in results if n.startswith("grammar/")):
        p = split(name)
        if not p:
            continue
        r = results[name]
        t.add([p[1], p[2], fmt_ns(r["time_ns"]), fmt_rate(r["bytes_per_second"]), fmt_num(r["allocs"])])
        any_row = True
    return t if any_row else None


def goals(results):
    lines = []

    def t(name):
        r = results.get(name)
        return r["time_ns"] if r else None

    for msg, goal in FULL_GOALS_VS_SOFIA.items():
        s, o = t("full/sipview/%s" % msg), t("full/sofia/%s" % msg)
        if s and o:
            x = o / s
            lines.append("full/%-10s sipview vs Sofia-SIP: %5.2fx  (goal >= %.1fx: %s)" % (msg, x, goal, "met" if x >= goal else "NOT met"))
        else:
            lines.append("full/%-10s sipview vs Sofia-SIP: not measured (%s missing)" % (msg, "sipview" if not s else "sofia"))
        st = t("full/sipview-strict/%s" % msg)
        if st and o:
            lines.append("     %-10s sipview-strict vs Sofia-SIP: %5.2fx  (informative)" % ("", o / st))
    for msg in MESSAGES:
        s, m = t("framing/sipview/%s" % msg), t("baseline/memchr/%s" % msg)
        if s and m:
            x = s / m
            lines.append("framing/%-10s sipview / memchr scan: %5.2fx  (goal <= %.1fx: %s)" % (
                msg, x, FRAMING_GOAL_VS_MEMCHR, "met" if x <= FRAMING_GOAL_VS_MEMCHR else "NOT met"))
    allocs = [(n, r["allocs"]) for n, r in results.items() if n.split("/")[1:2] and
              (n.split("/")[1].startswith(SIPVIEW) or n.startswith("grammar/")) and r.get("allocs") is not None]
    nonzero = [n for n, a in allocs if a]
    lines.append("sipview heap allocations per iteration: %s" % (
        "0 in all %d sipview benchmarks" % len(allocs) if not nonzero else "NON-ZERO in " + ", ".join(sorted(nonzero))))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", help="sipview_bench to run (default: build/bench/bench/sipview_bench)")
    ap.add_argument("--json", help="read this JSON instead of running the binary")
    ap.add_argument("--save", help="write the raw JSON here")
    ap.add_argument("--repetitions", type=int, default=3, help="--benchmark_repetitions (default 3; medians are used)")
    ap.add_argument("--min-time", help="--benchmark_min_time in seconds")
    ap.add_argument("--filter", help="--benchmark_filter regex")
    ap.add_argument("--real-time", action="store_true", help="use wall-clock time instead of CPU time")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args, extra = ap.parse_known_args()

    if args.json:
        with open(args.json) as f:
            data = json.load(f)
    else:
        binary = args.binary or next((b for b in DEFAULT_BINARIES if os.path.exists(b)), None)
        if not binary:
            sys.exit("ratios.py: no sipview_bench found; build it (SIPVIEW_BUILD_BENCH=ON) or pass --binary")
        if args.filter:
            extra.append("--benchmark_filter=%s" % args.filter)
        data = run_binary(binary, args.repetitions, args.min_time, extra)
    if args.save:
        with open(args.save, "w") as f:
            json.dump(data, f, indent=1)

    results = collect(data, args.real_time)
    ctx = data.get("context", {})
    print("sipview benchmark ratios -- %s, host %s, %s CPUs @ %s MHz, load %s" % (
        ctx.get("date", "?"), ctx.get("host_name", "?"), ctx.get("num_cpus", "?"), ctx.get("mhz_per_cpu", "?"),
        ", ".join("%.2f" % x for x in ctx.get("load_avg", [])) or "?"))
    for k in ("compiler", "peers", "sipview_build"):
        if k in ctx:
            print("%s: %s" % (k, ctx[k]))
    print("times: median %s time over %s repetitions; 'sipview faster by' = parser time / sipview time;"
          " 'vs memchr' = parser time / memchr CRLF scan time" % ("wall" if args.real_time else "CPU",
                                                                  args.repetitions if not args.json else "the file's"))
    for kind in ("full", "framing"):
        t = kind_table(results, kind, args.markdown)
        if t:
            print("\n## %s\n" % kind)
            print(t.render())
    g = grammar_table(results, args.markdown)
    if g:
        print("\n## grammar (sipview)\n")
        print(g.render())
    print("\n## goals (reported, not asserted)\n")
    print(goals(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
