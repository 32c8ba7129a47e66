#!/usr/bin/env python3
"""Front-end cost of one entry point of sipview_grammar_profile, from
callgrind: the distinct 64-byte code lines it executes per call (its hot
code footprint), how many L1 instruction-cache sets those lines overfill,
and the simulated I1 misses per call.

    bench/front_end.py [--binary B] [--functions] RULE INPUT...
    bench/front_end.py message_strict @bench/data/register.sip @bench/data/invite.sip
    bench/front_end.py --functions message_strict @bench/data/register.sip

--functions also lists, per input, the functions those lines belong to
(lines, address range), in address order: what sits where, hot or not.

Deterministic for a given binary, but a layout measure: a change elsewhere
in the binary moves code between cache sets. The strict pass's footprint is
near a 32 KB L1i (bench/README.md, "What instruction counts miss").

Runs the driver twice under callgrind (--dump-instr=yes --cache-sim=yes),
N1 and N2 calls; a code line counts when the instructions on it ran at
least N2 - N1 more times in the second run (once per call or more).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

LINE = 64
SETS = 64  # a 32 KB, 8-way, 64-byte-line L1i (x86-64 of this machine)
WAYS = 8
POSITION = re.compile(r"^(0x[0-9a-f]+|\+\d+|-\d+|\*)$")


def profile(binary, rule, n, text, out):
    cmd = ["valgrind", "--tool=callgrind", "--dump-instr=yes", "--cache-sim=yes",
           "--callgrind-out-file=" + out, binary, rule, str(n), text]
    if subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        sys.exit("front_end.py: %s rejected %s" % (rule, text))


def load(path):
    """Self cost per instruction address (events: Ir first), the function of
    each address, and the I1 misses."""
    counts, owner, names, fn = {}, {}, {}, "?"
    addr, after_call, events, summary = 0, False, [], []
    with open(path) as f:
        for line in f:
            if line.startswith(("fn=", "cfn=")):
                m = re.match(r"c?fn=\((\d+)\)(?: (.*))?", line.strip())
                if m and m.group(2):
                    names[m.group(1)] = m.group(2)
                if m and line.startswith("fn="):
                    fn = names.get(m.group(1), "?")
                continue
            if line.startswith("events:"):
                events = line.split()[1:]
                continue
            if line.startswith("summary:"):
                summary = [int(v) for v in line.split()[1:]]
                continue
            if line.startswith("calls="):
                after_call = True  # the next cost line is the call's inclusive cost
                continue
            fields = line.split()
            if len(fields) >= 3 and POSITION.match(fields[0]):
                t = fields[0]
                if t.startswith("0x"):
                    addr = int(t, 16)
                elif t[0] in "+-":
                    addr += int(t)
                if not after_call:
                    counts[addr] = counts.get(addr, 0) + int(fields[2])  # positions: instr line, then Ir
                    owner[addr] = fn
            after_call = False
    misses = summary[events.index("I1mr")] if "I1mr" in events else 0
    return counts, owner, misses


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(here, "..", "build", "bench", "bench", "sipview_grammar_profile"))
    ap.add_argument("--calls", type=int, nargs=2, default=(200, 1200), metavar=("N1", "N2"))
    ap.add_argument("--functions", action="store_true", help="list the functions the lines belong to")
    ap.add_argument("rule")
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    n1, n2 = args.calls
    print("%-34s %8s %8s %10s %12s" % ("input", "lines", "KB", "sets > 8", "I1 misses"))
    with tempfile.TemporaryDirectory() as tmp:
        for text in args.inputs:
            a, b = os.path.join(tmp, "a.out"), os.path.join(tmp, "b.out")
            profile(args.binary, args.rule, n1, text, a)
            profile(args.binary, args.rule, n2, text, b)
            (ca, _, ma), (cb, owner, mb) = load(a), load(b)
            hot = sorted(x for x, c in cb.items() if c - ca.get(x, 0) >= n2 - n1)
            lines = {x // LINE for x in hot}
            per_set = {}
            for l in lines:
                per_set[l % SETS] = per_set.get(l % SETS, 0) + 1
            over = sum(1 for v in per_set.values() if v > WAYS)
            print("%-34s %8d %8.1f %10d %12.1f" % (os.path.basename(text)[:34], len(lines), len(lines) * LINE / 1024.0,
                                                  over, (mb - ma) / float(n2 - n1)))
            if args.functions:
                by_function = {}
                for x in hot:  # (the addresses are offsets in their object: libc's mix with the program's)
                    by_function.setdefault(owner[x], set()).add(x)
                for name, xs in sorted(by_function.items(), key=lambda item: min(item[1])):
                    shown = re.sub(r"std::basic_string_view<char, std::char_traits<char> >", "string_view", name)
                    print("    %5d lines  %7x-%7x  %s" % (len({x // LINE for x in xs}), min(xs), max(xs),
                                                          shown.replace("sipview::", "")[:110]))


if __name__ == "__main__":
    main()
