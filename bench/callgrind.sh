#!/usr/bin/env bash
# Instructions per call of sipview's grammars and message paths under
# callgrind (deterministic: use these, not noisy timings, for decisions).
#
#   bench/callgrind.sh [PROFILE_BINARY] [OUT_DIR]
#
# For each case, runs the profiling driver twice (N1 and N2 calls) and prints
# (Ir(N2) - Ir(N1)) / (N2 - N1). The N2 profile is kept in OUT_DIR
# (default /tmp/sipview-callgrind) for callgrind_annotate, e.g.
#   callgrind_annotate --inclusive=yes OUT_DIR/uri-notes.out | head -40
# Build the driver with -g for source-line annotation:
#   cmake -S . -B build/prof -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g -DNDEBUG" \
#         -DSIPVIEW_BUILD_TESTS=OFF -DSIPVIEW_BUILD_EXAMPLES=OFF -DSIPVIEW_BUILD_BENCH=ON
#   cmake --build build/prof --target sipview_grammar_profile
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../build/bench/bench/sipview_grammar_profile}"
out="${2:-/tmp/sipview-callgrind}"
mkdir -p "$out"
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind not installed (Debian: valgrind)" >&2; exit 1; }
[ -x "$bin" ] || { echo "callgrind.sh: no profiling driver at $bin" >&2; exit 1; }

n1=2000
n2=12000
ir() {  # rule n text out -> total Ir
  valgrind --tool=callgrind --callgrind-out-file="$4" "$bin" "$1" "$2" "$3" >/dev/null 2>&1 || { echo "FAIL"; return; }
  awk '/^summary:/ {print $2}' "$4"
}
run() {  # name rule text
  local a b
  a=$(ir "$2" "$n1" "$3" "$out/$1.n1.out")
  b=$(ir "$2" "$n2" "$3" "$out/$1.out")
  rm -f "$out/$1.n1.out"
  if [ "$a" = FAIL ] || [ "$b" = FAIL ]; then
    printf '%-28s %10s\n' "$1" "rejected"
  else
    printf '%-28s %10.1f Ir/call\n' "$1" "$(echo "($b - $a) / ($n2 - $n1)" | bc -l)"
  fi
}

data="$here/data"
run uri-short        uri 'sip:company1'
run uri-typical      uri 'sip:alice@client.atlanta.example.com:5060;transport=tcp'
run uri-notes        uri 'sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project%20x'
run uri-ipv6         uri 'sip:[2001:db8::10]:5070;maddr=[2001:db8::1];lr'
run name_addr-register name_addr '"1001" <sip:1001@company1>;tag=1642326358'
run name_addr-invite name_addr '"Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl'
run name_addr-bare   name_addr 'sip:alice@atlanta.example.com;tag=88sja8x'
run via-register     via_list 'SIP/2.0/TCP 192.0.2.10:49152;branch=z9hG4bK128604767;rport'
run via-invite       via_list 'SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;received=192.0.2.1'
run credentials-register credentials 'Digest username="1001", realm="company1", nonce="a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c", uri="sip:company1", response="d888f365bdf1fbe9d690c8d4fef099ba", algorithm=MD5, cnonce="5e2b9c7a", qop=auth, nc=00000001'
run challenge-unauth401 challenge 'Digest realm="company1", nonce="a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5, qop="auth"'
for m in register wsinv invite ok200 unauth401; do
  run "framing-$m" framing "@$data/$m.sip"
  run "stream-$m" stream "@$data/$m.sip"
  run "message-$m" message "@$data/$m.sip"
  run "message_strict-$m" message_strict "@$data/$m.sip"
done
