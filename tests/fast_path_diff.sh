#!/usr/bin/env bash
# Runs tests/fast_path_diff.cpp built with the fast paths (FAST) and without
# (GRAMMAR, SIPVIEW_NO_FAST_PATHS) and compares their outputs byte for byte.
#   fast_path_diff.sh FAST GRAMMAR OUTDIR
set -u
fast=$1 grammar=$2 out=$3
mkdir -p "$out"
"$fast" >"$out/fast.txt" 2>"$out/fast.counts" || { echo "FAILED: $fast exited with $?"; exit 1; }
"$grammar" >"$out/grammar.txt" 2>"$out/grammar.counts" || { echo "FAILED: $grammar exited with $?"; exit 1; }
lines=$(wc -l <"$out/fast.txt")
ok=$(grep -c $'\tok\t' "$out/fast.txt")
err=$(grep -c $'\terror\t' "$out/fast.txt")
echo "fast_path_diff: $lines inputs ($ok ok, $err errors)"
cat "$out/fast.counts"
if [ "$lines" -lt 50000 ] || [ "$ok" -lt 1000 ] || [ "$err" -lt 1000 ]; then
  echo "FAILED: the corpus is too small or one-sided (want > 50000 lines, both ok and error lines)"
  exit 1
fi
# every row: some values accepted and some rejected
one_sided=$(awk -F'\t' '{ if ($3 == "ok") ok[$1]++; else err[$1]++; rows[$1] = 1 }
  END { for (r in rows) if (!ok[r] || !err[r]) print r }' "$out/fast.txt")
if [ -n "$one_sided" ]; then
  echo "FAILED: rows with only ok or only error lines:" $one_sided
  exit 1
fi
if ! cmp -s "$out/fast.txt" "$out/grammar.txt"; then
  n=$(diff "$out/fast.txt" "$out/grammar.txt" | grep -c '^<')
  echo "FAILED: the fast paths and the grammars differ on $n inputs; the first ones (< fast paths, > grammars):"
  diff "$out/fast.txt" "$out/grammar.txt" | head -40
  exit 1
fi
echo "fast_path_diff: same output with and without the fast paths"
