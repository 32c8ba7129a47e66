#!/usr/bin/env python3
"""Ratios table for sipview's benchmarks (python3 standard library only).

Runs the bench binary with --benchmark_format=json (or reads a JSON file it
wrote) and prints, per message, each parser's median time, throughput and
heap allocations per iteration, how many times faster sipview is than each
peer, and each parser's time relative to the memchr CRLF scan and to memcpy;
then the goal table (issue 15): every goal is a ratio between two benchmarks
of the same run (sipview vs Sofia-SIP, clang vs g++ each normalised by
Sofia-SIP in its own run, 2 threads vs 1 thread). Goals are reported, never
asserted: the exit status is 0 whenever a table was printed.

  bench/ratios.py                              # finds build/bench/bench/sipview_bench, 3 repetitions
  bench/ratios.py --binary path/to/sipview_bench --repetitions 5 --min-time 0.2
  bench/ratios.py --binary build/bench/bench/sipview_bench --clang-binary build/bench-clang/bench/sipview_bench
                                               # both, alternately (g++, clang, g++, clang, ...): the clang row
  bench/ratios.py --json gcc.json --clang-json clang.json   # files from --save (or --benchmark_out=... json)
  bench/ratios.py --save results.json          # also keep the raw JSON (--save-clang for the clang run)
  bench/ratios.py --markdown                   # tables as Markdown
  bench/ratios.py --goals-only                 # just the goal table
  bench/ratios.py --stat min                   # minimum over repetitions instead of the median (loaded VM)
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
DEFAULT_CLANG_BINARIES = [
    os.path.join(HERE, "..", "build", "bench-clang", "bench", "sipview_bench"),
]
INTERLEAVE = True
STAT = "median"
MESSAGES = ["register", "wsinv", "invite", "ok200", "unauth401"]
SIPVIEW = "sipview"
# Goals (issue 15, "speed and size for servers and firmware"), g++ build:
# strict/: parse_message with its default validation (every typed header
# checked) + the field reads, at least this many times faster than Sofia-SIP's
# full parse of the same message.
STRICT_GOALS_VS_SOFIA = {"register": 3.4, "wsinv": 4.3, "invite": 4.0}
# full/: the lazy hot path (validate = false, typed values parsed when read).
FULL_GOALS_VS_SOFIA = {"register": 4.2, "wsinv": 5.3, "invite": 5.0}
# clang build: every full/sipview and strict/sipview benchmark within this
# factor of the g++ build (each normalised by Sofia-SIP in its own run).
CLANG_GOAL_VS_GCC = 1.15
# threads/sipview/mix: 2 threads' message throughput over one thread's.
THREADS_GOAL = 1.8
# framing: sipview within this factor of the memchr CRLF scan.
FRAMING_GOAL_VS_MEMCHR = 3.0


def run_binary(binary, repetitions, min_time, extra):
    cmd = [binary, "--benchmark_format=json", "--benchmark_repetitions=%d" % repetitions]
    if repetitions > 1 and STAT == "median":
        cmd.append("--benchmark_report_aggregates_only=true")
    if min_time:
        cmd.append("--benchmark_min_time=%s" % min_time)
    if INTERLEAVE:
        # runs the benchmarks (and repetitions) in random order: the machine's
        # load drifts over a run, and this keeps the drift off any one benchmark
        cmd.append("--benchmark_enable_random_interleaving=true")
    cmd += extra
    print("running: " + " ".join(cmd), file=sys.stderr)
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    return json.loads(out)


def run_alternately(binaries, repetitions, min_time, extra):
    """Runs each binary once per round (A B A B ...), `repetitions` rounds, so
    both builds see the same minutes of a shared machine; returns one JSON
    document per binary holding every round's runs (medians are taken later)."""
    docs = [None] * len(binaries)
    for rnd in range(repetitions):
        for i, b in enumerate(binaries):
            print("round %d/%d" % (rnd + 1, repetitions), file=sys.stderr)
            d = run_binary(b, 1, min_time, extra)
            if docs[i] is None:
                docs[i] = d
            else:
                docs[i]["benchmarks"].extend(d.get("benchmarks", []))
    return docs


def collect(data, use_real_time, stat="median"):
    """name -> {time_ns, bytes_per_second, allocs, frees, alloc_bytes}; medians
    (stat "median") or minima (stat "min") over repetitions."""
    key = "real_time" if use_real_time else "cpu_time"
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    medians, samples = {}, {}
    for b in data.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name") or b["name"]
        unit = scale.get(b.get("time_unit", "ns"), 1.0)
        row = {
            "time_ns": b[key] * unit,
            "real_ns": b["real_time"] * unit,
            "cpu_ns": b["cpu_time"] * unit,
            "items_per_second": b.get("items_per_second"),
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
    # the file's median aggregates, unless the minimum is asked for and there are single runs
    result = {n: r for n, r in medians.items() if stat == "median" or n not in samples}
    for name, rows in samples.items():  # no aggregates in the file: take medians ourselves
        if name in result:
            continue
        med = {}
        for k in rows[0]:
            vals = [r[k] for r in rows if r[k] is not None]
            if not vals:
                med[k] = None
            elif stat == "min" and k in ("time_ns", "real_ns", "cpu_ns"):
                med[k] = min(vals)
            elif stat == "min" and k in ("bytes_per_second", "items_per_second"):
                med[k] = max(vals)
            else:
                med[k] = statistics.median(vals)
        if stat == "median":  # in run order: one per round with --clang-binary, for paired ratios
            med["samples"] = [r["time_ns"] for r in rows]
        result[name] = med
    return result


def paired_ratio(num, den):
    """num time / den time: the median of per-repetition ratios when both rows
    hold the same number of samples (repetition i of each was measured in the
    same minute), else the ratio of the medians."""
    a, b = num.get("samples"), den.get("samples")
    if a and b and len(a) == len(b) and len(a) > 1:
        return statistics.median(x / y for x, y in zip(a, b))
    return num["time_ns"] / den["time_ns"]


def paired_ratio4(a, b, c, d):
    """(a / b) / (c / d), paired by repetition when all four hold as many samples."""
    s = [r.get("samples") for r in (a, b, c, d)]
    if all(s) and len(set(len(x) for x in s)) == 1 and len(s[0]) > 1:
        return statistics.median((w / x) / (y / z) for w, x, y, z in zip(*s))
    return (a["time_ns"] / b["time_ns"]) / (c["time_ns"] / d["time_ns"])


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


def threads_table(results, markdown):
    """threads/<parser>/mix at 1 and 2 threads: wall-clock message throughput
    (the goal), and the CPU-time view (what 2 threads would give on 2 idle
    cores: 2 x CPU time per message at 1 thread / at 2 threads)."""
    t = Table(["parser", "threads", "msgs/s (wall)", "ns CPU/msg", "2T/1T wall", "2T/1T if idle cores"], markdown)
    any_row = False
    for parser in ("sipview", "memchr"):
        one, two = thread_rows(results, parser)
        if not one:
            continue
        for n, r in ((1, one), (2, two)):
            if not r:
                continue
            wall = cpu_eff = None
            if n == 2:
                wall, cpu_eff = thread_scaling(one, two)
            t.add([parser, n, "%.2fM" % (r["items_per_second"] / 1e6) if r.get("items_per_second") else "-",
                   fmt_ns(r["cpu_ns"] / 3.0), fmt_x(wall), fmt_x(cpu_eff)])
            any_row = True
    return t if any_row else None


def thread_rows(results, parser):
    def find(n):
        for name, r in results.items():
            if name.startswith("threads/%s/" % parser) and name.endswith("threads:%d" % n):
                return r
        return None
    return find(1), find(2)


def thread_scaling(one, two):
    """(wall-clock throughput ratio, CPU-time ratio x 2), or Nones."""
    if not one or not two:
        return None, None
    if one.get("items_per_second") and two.get("items_per_second"):
        wall = two["items_per_second"] / one["items_per_second"]
    else:  # time per iteration is wall time / iterations of all threads
        wall = one["real_ns"] / two["real_ns"]
    cpu = 2.0 * one["cpu_ns"] / two["cpu_ns"] if two.get("cpu_ns") else None
    return wall, cpu


def pieces_line(results):
    """full/sipview/register against its pieces timed alone (issue 15: find why
    they add up to less than the whole)."""
    names = ["framing/sipview/register", "pieces/reads/register", "grammar/credentials/register"]
    whole = results.get("full/sipview/register")
    parts = [results.get(n) for n in names]
    if not whole or not all(parts):
        return None
    total = sum(p["time_ns"] for p in parts)
    return ("full/sipview/register %s ns; its pieces alone: framing %s + typed reads %s + parse_credentials %s"
            " = %s ns; whole - pieces = %s ns" % (fmt_ns(whole["time_ns"]), fmt_ns(parts[0]["time_ns"]),
                                                  fmt_ns(parts[1]["time_ns"]), fmt_ns(parts[2]["time_ns"]),
                                                  fmt_ns(total), fmt_ns(whole["time_ns"] - total)))


def goal_rows(results, clang):
    """[measure, goal, now, met?] rows; `clang` is the clang build's results or None."""
    rows = []

    def t(res, name):
        r = res.get(name) if res else None
        return r["time_ns"] if r else None

    def vs_sofia(kind, goals, label):
        for msg, goal in goals.items():
            s, o = results.get("%s/sipview/%s" % (kind, msg)), results.get("%s/sofia/%s" % (kind, msg))
            measure = "%s %s (g++): Sofia-SIP time / sipview time" % (label, msg)
            if s and o:
                x = paired_ratio(o, s)
                rows.append([measure, ">= %.1fx" % goal, fmt_x(x), "yes" if x >= goal else "NO"])
            else:
                rows.append([measure, ">= %.1fx" % goal, "not measured", "-"])

    vs_sofia("strict", STRICT_GOALS_VS_SOFIA, "strict/ parse_message")
    vs_sofia("full", FULL_GOALS_VS_SOFIA, "full/ lazy")

    if clang is None:
        rows.append(["clang / g++ on every full/ and strict/ sipview benchmark", "<= %.2fx" % CLANG_GOAL_VS_GCC,
                     "not measured (no clang run: --clang-binary or --clang-json)", "-"])
    else:
        for kind in ("full", "strict"):
            for msg in MESSAGES:
                sv, so = "%s/sipview/%s" % (kind, msg), "%s/sofia/%s" % (kind, msg)
                gs, gsof, cs, csof = results.get(sv), results.get(so), clang.get(sv), clang.get(so)
                measure = "%s: clang / g++ (each / Sofia-SIP of its run)" % sv
                if not (gs and cs):
                    continue
                if gsof and csof:
                    x = paired_ratio4(cs, csof, gs, gsof)
                    now = "%s (raw %s)" % (fmt_x(x), fmt_x(paired_ratio(cs, gs)))
                else:
                    x = paired_ratio(cs, gs)
                    now = "%s (raw: no Sofia-SIP)" % fmt_x(x)
                rows.append([measure, "<= %.2fx" % CLANG_GOAL_VS_GCC, now, "yes" if x <= CLANG_GOAL_VS_GCC else "NO"])

    one, two = thread_rows(results, "sipview")
    wall, cpu = thread_scaling(one, two)
    m1, m2 = thread_rows(results, "memchr")
    mwall, _ = thread_scaling(m1, m2)
    measure = "threads/sipview/mix (g++): 2 threads / 1 thread, messages/s"
    if wall is None:
        rows.append([measure, ">= %.1fx" % THREADS_GOAL, "not measured", "-"])
    else:
        now = "%s (CPU-time view %s; memchr %s)" % (fmt_x(wall), fmt_x(cpu), fmt_x(mwall))
        rows.append([measure, ">= %.1fx" % THREADS_GOAL, now, "yes" if wall >= THREADS_GOAL else "NO"])

    for msg in MESSAGES:
        s, m = t(results, "framing/sipview/%s" % msg), t(results, "baseline/memchr/%s" % msg)
        if s and m:
            x = s / m
            rows.append(["framing/sipview/%s (g++): time / memchr CRLF scan" % msg, "<= %.1fx" % FRAMING_GOAL_VS_MEMCHR,
                         fmt_x(x), "yes" if x <= FRAMING_GOAL_VS_MEMCHR else "NO"])
    allocs = [(n, r["allocs"]) for n, r in results.items() if n.split("/")[1:2] and
              (n.split("/")[1].startswith(SIPVIEW) or n.startswith("grammar/")) and r.get("allocs") is not None]
    nonzero = [n for n, a in allocs if a]
    rows.append(["sipview heap allocations per iteration", "0", "0 in all %d" % len(allocs) if not nonzero else
                 "NON-ZERO in " + ", ".join(sorted(nonzero)), "yes" if not nonzero else "NO"])
    return rows


def goals(results, clang, markdown):
    t = Table(["measure", "goal", "now", "met?"], markdown)
    for r in goal_rows(results, clang):
        t.add(r)
    return t.render()


def header(data, label, use_real_time, repetitions):
    ctx = data.get("context", {})
    lines = ["%s: %s, host %s, %s CPUs @ %s MHz, load %s" % (
        label, ctx.get("date", "?"), ctx.get("host_name", "?"), ctx.get("num_cpus", "?"), ctx.get("mhz_per_cpu", "?"),
        ", ".join("%.2f" % x for x in ctx.get("load_avg", [])) or "?")]
    for k in ("compiler", "peers", "sipview_build"):
        if k in ctx:
            lines.append("  %s: %s" % (k, ctx[k]))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", help="sipview_bench to run (default: build/bench/bench/sipview_bench)")
    ap.add_argument("--clang-binary", help="the clang build's sipview_bench: run alternately with --binary, for the clang row")
    ap.add_argument("--json", help="read this JSON instead of running the binary")
    ap.add_argument("--clang-json", help="read the clang build's JSON instead of running --clang-binary")
    ap.add_argument("--save", help="write the raw JSON here")
    ap.add_argument("--save-clang", help="write the clang run's raw JSON here")
    ap.add_argument("--repetitions", type=int, default=3, help="--benchmark_repetitions, or rounds with --clang-binary (default 3; medians are used)")
    ap.add_argument("--min-time", help="--benchmark_min_time in seconds")
    ap.add_argument("--filter", help="--benchmark_filter regex")
    ap.add_argument("--real-time", action="store_true", help="use wall-clock time instead of CPU time")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--goals-only", action="store_true", help="print only the goal table")
    ap.add_argument("--no-interleave", action="store_true", help="run benchmarks in registration order (default: random order)")
    ap.add_argument("--stat", choices=("median", "min"), default="median",
                    help="per benchmark, the median (default) or the minimum over repetitions: on a shared VM"
                         " whose stolen time is billed to the process, times are bimodal and the minimum is the"
                         " stable one")
    args, extra = ap.parse_known_args()
    global INTERLEAVE, STAT
    INTERLEAVE = not args.no_interleave
    STAT = args.stat

    if args.filter:
        extra.append("--benchmark_filter=%s" % args.filter)
    clang_data = None
    if args.clang_json:
        with open(args.clang_json) as f:
            clang_data = json.load(f)
    if args.json:
        with open(args.json) as f:
            data = json.load(f)
    else:
        binary = args.binary or next((b for b in DEFAULT_BINARIES if os.path.exists(b)), None)
        if not binary:
            sys.exit("ratios.py: no sipview_bench found; build it (cmake --preset bench) or pass --binary")
        if args.clang_binary and clang_data is None:
            data, clang_data = run_alternately([binary, args.clang_binary], args.repetitions, args.min_time, extra)
        else:
            data = run_binary(binary, args.repetitions, args.min_time, extra)
    if args.clang_binary and clang_data is None:  # --json with --clang-binary
        clang_data = run_binary(args.clang_binary, args.repetitions, args.min_time, extra)
    if args.save:
        with open(args.save, "w") as f:
            json.dump(data, f, indent=1)
    if args.save_clang and clang_data is not None:
        with open(args.save_clang, "w") as f:
            json.dump(clang_data, f, indent=1)

    results = collect(data, args.real_time, args.stat)
    clang = collect(clang_data, args.real_time, args.stat) if clang_data is not None else None
    print("sipview benchmark ratios")
    print(header(data, "run", args.real_time, args.repetitions))
    if clang_data is not None:
        print(header(clang_data, "clang run", args.real_time, args.repetitions))
    print("times: %s %s time over %s repetitions%s; 'sipview faster by' = parser time / sipview time;"
          " 'vs memchr' = parser time / memchr CRLF scan time" % (
              args.stat, "wall" if args.real_time else "CPU", args.repetitions if not args.json else "the file's",
              " (rounds alternating the two binaries)" if args.clang_binary and not args.json else ""))
    if not args.goals_only:
        for kind in ("full", "strict", "framing"):
            tab = kind_table(results, kind, args.markdown)
            if tab:
                print("\n## %s\n" % kind)
                print(tab.render())
        g = grammar_table(results, args.markdown)
        if g:
            print("\n## grammar (sipview)\n")
            print(g.render())
        pl = pieces_line(results)
        if pl:
            print("\n## pieces\n")
            print(pl)
        th = threads_table(results, args.markdown)
        if th:
            print("\n## threads (wall-clock throughput; the machine's other load counts)\n")
            print(th.render())
    print("\n## goals (reported, not asserted; every ratio from one run)\n")
    print(goals(results, clang, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
