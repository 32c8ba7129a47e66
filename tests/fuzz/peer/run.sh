#!/usr/bin/env bash
# How far four libFuzzer configurations get into a peer's SIP parser in the
# same time, from the same seeds (the messages of tests/data):
#   bytes    libFuzzer's own mutations alone
#   dict     the same with -dict=tests/fuzz/sip.dict
#   mutator  sipview's structure-aware mutator (mutator.cpp)
#   both     the mutator with -dict= too (the adapter hands one call in four
#            to libFuzzer's own mutations, which then use the dictionary)
# The peer is Debian's Sofia-SIP (the parser bench/bench_sofia.cpp measures),
# built from Debian's source package with clang's coverage instrumentation
# and ASan; the harness is fuzz_sofia.cpp. Prints, per configuration,
# libFuzzer's final cov (edges) and ft (features), the corpus size and the
# executions, and fails on a crash or a sanitizer report. The four run at
# once (each gets the same share of the machine).
#
#   tests/fuzz/peer/run.sh [SECONDS [WORK_DIR]]    (600 s each, /tmp/sipview-peer)
#
# Needs root on Debian 12: installs clang, autoconf, automake, libtool and
# dpkg-dev, and adds a deb-src entry for bookworm when apt has none. Not
# part of CI (it downloads a source package and runs for ten minutes).
# oSIP2, the issue's second peer, is not here: Debian's mirror serves no
# libosip2 source (its orig tarball is 404 on deb.debian.org for bookworm).
set -euo pipefail
secs=${1:-600}
work=${2:-/tmp/sipview-peer}
src=$(cd "$(dirname "$0")/../../.." && pwd)
here="$src/tests/fuzz/peer"
mkdir -p "$work"
work=$(cd "$work" && pwd)

# --- tools and the source package -------------------------------------------
export DEBIAN_FRONTEND=noninteractive
missing=()
for p in clang autoconf automake libtool dpkg-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  cat >/etc/apt/sources.list.d/sipview-deb-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt-get update -qq
elif [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
fi
[ ${#missing[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

sofia=$(find "$work" -maxdepth 1 -type d -name 'sofia-sip-*' | head -n 1)
if [ -z "$sofia" ]; then
  (cd "$work" && apt-get source -qq sofia-sip >/dev/null)  # unpacked with Debian's patches applied
  sofia=$(find "$work" -maxdepth 1 -type d -name 'sofia-sip-*' | head -n 1)
fi
[ -n "$sofia" ] || { echo "peer: no Sofia-SIP source in $work" >&2; exit 2; }

# --- the instrumented parser: the libraries msg_make and sip_object need ----
cov_flags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address"
libs="$sofia/libsofia-sip-ua"
if [ ! -f "$libs/sip/.libs/libsip.a" ]; then
  (cd "$sofia" && autoreconf -i >"$work/autoreconf.log" 2>&1 &&
    CC=clang CFLAGS="$cov_flags" ./configure --disable-shared --enable-static --without-glib --without-openssl \
      --disable-stun --disable-nth >"$work/configure.log" 2>&1) ||
    { echo "peer: configuring Sofia-SIP failed (logs in $work)" >&2; exit 2; }
  for d in su ipt bnf url msg sip; do
    make -C "$libs/$d" -j2 >"$work/make-$d.log" 2>&1 || { echo "peer: building $d failed ($work/make-$d.log)" >&2; exit 2; }
  done
fi
archives=()
for d in sip msg url bnf ipt su; do archives+=("$libs/$d/.libs/lib$d.a"); done
includes=(-I"$libs/sip" -I"$libs/msg" -I"$libs/url" -I"$libs/bnf" -I"$libs/su" -I"$libs/ipt" -I"$sofia")

# --- the two binaries ---------------------------------------------------------
clang++ -std=c++17 $cov_flags "${includes[@]}" -c "$here/fuzz_sofia.cpp" -o "$work/fuzz_sofia.o"
# the mutator without coverage instrumentation: cov counts the peer's edges only
clang++ -std=c++17 -O1 -g -fsanitize=address -I"$src/include" -c "$here/mutator.cpp" -o "$work/mutator.o"
clang++ -fsanitize=fuzzer,address "$work/fuzz_sofia.o" "${archives[@]}" -lpthread -o "$work/fuzz_sofia"
clang++ -fsanitize=fuzzer,address "$work/fuzz_sofia.o" "$work/mutator.o" "${archives[@]}" -lpthread \
  -o "$work/fuzz_sofia_mutator"

# --- seeds: the messages of tests/data ---------------------------------------
rm -rf "$work/seeds"
mkdir -p "$work/seeds"
n=0
while IFS= read -r f; do
  n=$((n + 1))
  cp "$f" "$work/seeds/$n"
done < <(find "$src/tests/data" -type f \( -name '*.sip' -o -name '*.dat' \) | sort)

# --- the runs -----------------------------------------------------------------
run() {  # name binary extra-flags...
  local name=$1 bin=$2
  shift 2
  rm -rf "$work/corpus-$name"
  mkdir -p "$work/corpus-$name" "$work/artifacts"
  "$work/$bin" -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -seed=1 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$name-" "$@" "$work/corpus-$name" "$work/seeds" >"$work/$name.log" 2>&1
}
# all four at once, so that they share the machine alike
status=0
pids=()
run bytes fuzz_sofia & pids+=($!)
run dict fuzz_sofia -dict="$src/tests/fuzz/sip.dict" & pids+=($!)
run mutator fuzz_sofia_mutator & pids+=($!)
run both fuzz_sofia_mutator -dict="$src/tests/fuzz/sip.dict" & pids+=($!)
for p in "${pids[@]}"; do wait "$p" || status=1; done

echo "Sofia-SIP msg_make + sip_object, ${secs} s each, $n seeds (tests/data), $(date -u +%F)"
printf '%-8s %8s %8s %8s %10s\n' config cov ft corpus execs
for name in bytes dict mutator both; do
  last=$(grep -E '^#[0-9]+' "$work/$name.log" | tail -n 1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
  printf '%-8s %8s %8s %8s %10s\n' "$name" "$cov" "$ft" "$corp" "$execs"
done
if [ "$status" != 0 ]; then
  echo "a run stopped on a finding (reproducers in $work/artifacts):"
  grep -hE 'ERROR|SUMMARY|Test unit written' "$work"/bytes.log "$work"/dict.log "$work"/mutator.log "$work"/both.log | head -20
fi
exit "$status"
