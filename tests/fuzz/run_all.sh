#!/usr/bin/env bash
# Runs every sipview fuzzer for SECONDS each, one after the other, over the
# seed corpus built from tests/data, with tests/fuzz/sip.dict. Fails (exit 1)
# when any fuzzer finds a crash, a sanitizer report, a timeout, an OOM or a
# violated invariant; the reproducers are in BUILD_DIR/tests/fuzz/artifacts.
#
#   tests/fuzz/run_all.sh SECONDS [BUILD_DIR]     (BUILD_DIR defaults to build/fuzz)
#
# Configures BUILD_DIR with clang++ and SIPVIEW_BUILD_FUZZERS=ON when it has
# no CMakeCache.txt yet, builds the harnesses (each against the one
# sanitized, coverage-instrumented library sipview_fuzz_compiled, as the fuzz
# preset does) and the seed corpus.
# SIPVIEW_FUZZERS="uri via_list" limits the run. SIPVIEW_FUZZ_SKIP_BUILD=1
# skips the build (the harnesses and the corpus must exist): use it when
# several run_all.sh share one build directory concurrently.
set -euo pipefail
secs=${1:?usage: tests/fuzz/run_all.sh SECONDS [BUILD_DIR]}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$src/build/fuzz}
fuzzers=${SIPVIEW_FUZZERS:-uri name_addr contact_list route_list via_list credentials challenge message stream digest header tel multipart lint capture}

if [ -z "${SIPVIEW_FUZZ_SKIP_BUILD:-}" ]; then
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$src" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DSIPVIEW_BUILD_FUZZERS=ON -DSIPVIEW_BUILD_BENCH=OFF -DSIPVIEW_BUILD_EXAMPLES=OFF >/dev/null
  fi
  cmake --build "$build" --target sipview_fuzzers sipview_fuzz_seed_corpus
fi

dir="$build/tests/fuzz"
[ -d "$dir/corpus" ] || { echo "no seed corpus in $dir/corpus: build target sipview_fuzz_seed_corpus" >&2; exit 2; }
mkdir -p "$dir/artifacts" "$dir/logs"
failed=()
for f in $fuzzers; do
  mkdir -p "$dir/runs/$f"  # new inputs go here; the seeds stay as generated
  case $f in message|stream) max_len=16384 ;; *) max_len=4096 ;; esac
  echo "== $f: ${secs}s"
  if "$dir/sipview_fuzz_$f" -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
       -dict="$src/tests/fuzz/sip.dict" -artifact_prefix="$dir/artifacts/$f-" -print_final_stats=1 \
       "$dir/runs/$f" "$dir/corpus/$f" >"$dir/logs/$f.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$dir/logs/$f.log" | tr '\n' ' '
    echo
  else
    echo "FINDING in $f (log: $dir/logs/$f.log)"
    grep -E 'ERROR|invariant|SUMMARY|Test unit written' "$dir/logs/$f.log" | head -20 || true
    failed+=("$f")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzers with findings: ${failed[*]}"
  exit 1
fi
echo "all fuzzers ran ${secs}s without findings"
