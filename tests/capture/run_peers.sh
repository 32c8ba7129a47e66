#!/usr/bin/env bash
# sip-lint on captures of real SIP peers, made in the run on 127.0.0.1:
# sipp's built-in uas/uac scenarios (3 calls each) over UDP, TCP with one
# connection (-t t1) and TCP with one connection per call (-t tn), and a
# REGISTER challenged with Digest (register_uac.xml / register_uas.xml),
# captured at once by two tshark processes on lo: pcapng and classic pcap
# (-F pcap). For each file, sip-lint --json must find the messages tshark
# finds (count, frame, From, To, Call-ID, CSeq), all valid, one dialog per
# Call-ID; --password must find the REGISTER retry's Digest response matching
# and answering the 401's nonce; --errors-only and the human output are run.
#   run_peers.sh SIP_LINT      (root, or a tshark allowed to capture on lo)
# Exit 0 passed, 1 failed, 77 skipped (no sipp/tshark/python3, or no capture
# permission). Environment: SIPP, TSHARK override the programs.
set -u
lint=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
sipp=${SIPP:-$(command -v sipp)}
tshark=${TSHARK:-$(command -v tshark)}
for tool in "$sipp" "$tshark" "$(command -v python3)"; do
  [ -n "$tool" ] && [ -x "$tool" ] || { echo "SKIPPED: needs sipp (sip-tester), tshark and python3"; exit 77; }
done
start=$SECONDS
work=$(mktemp -d)
cleanup() {  # the background jobs of this script still running (tshark, sipp)
  local p
  for p in $(jobs -p); do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
password=CaptureSecret

# Eight free ports (TCP and UDP on 127.0.0.1): a random base in 20000-59999.
ports=$(python3 - <<'EOF'
import random, socket
def free(p):
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            return False
        finally:
            s.close()
    return True
for _ in range(200):
    base = random.randrange(20000, 60000 - 8)
    if all(free(base + i) for i in range(8)):
        print(" ".join(str(base + i) for i in range(8)))
        break
EOF
)
read -r udp_uas udp_uac t1_uas t1_uac tn_uas tn_uac reg_uas reg_uac <<<"$ports"
[ -n "${reg_uac:-}" ] || { echo "FAILED: no free ports"; exit 1; }
filter="host 127.0.0.1 and (port $(echo "$ports" | sed 's/ / or port /g'))"

# Two captures at once: pcapng (tshark's default) and classic pcap.
# (tshark starts in ~1 s idle, 5 s on a loaded 2-core machine: both start at once)
start_tshark() {  # start_tshark NAME ARGS...
  local name=$1; shift
  "$tshark" -i lo -f "$filter" "$@" 2>"$name.err" &
  eval "${name}_pid=$!"
}
wait_tshark() {  # wait_tshark NAME: until it prints "Capturing on" (20 s)
  local pid_var="${1}_pid"
  for _ in $(seq 200); do
    grep -q "Capturing on" "$1.err" 2>/dev/null && return 0
    kill -0 "${!pid_var}" 2>/dev/null || break
    sleep 0.1
  done
  echo "SKIPPED: tshark cannot capture on lo:"; sed 's/^/  /' "$1.err"
  exit 77
}
start_tshark ng -w peers.pcapng
start_tshark classic -F pcap -w peers.pcap
wait_tshark ng
wait_tshark classic
echo "tshark capturing after $((SECONDS - start)) s"

# run_pair NAME UAS_PORT UAC_PORT UAS_ARGS -- UAC_ARGS: the UAS in the
# background, the UAC until it ends (its exit status must be 0: every call
# completed), then the UAS (its status is not checked: over TCP it counts
# calls whose connection the UAC closed as failed).
failed=0
bound() {  # bound PORT udp|tcp: true when a socket has that port on 127.0.0.1
  python3 -c "
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if sys.argv[2] == 'tcp' else socket.SOCK_DGRAM)
try:
    s.bind(('127.0.0.1', int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)" "$1" "$2"
}
run_pair() {
  local name=$1 uas_port=$2 uac_port=$3 t0=$SECONDS; shift 3
  local uas_args=() uac_args=()
  while [ "$1" != "--" ]; do uas_args+=("$1"); shift; done; shift
  uac_args=("$@")
  timeout 20 "$sipp" "${uas_args[@]}" -i 127.0.0.1 -p "$uas_port" -nostdin -max_socket 100 \
    >"$name-uas.out" 2>&1 &
  local uas=$!
  local proto=udp
  [[ " ${uas_args[*]} " == *" -t t"* ]] && proto=tcp
  for _ in $(seq 100); do  # the UAS is ready when its port is bound (10 s)
    bound "$uas_port" "$proto" && break
    sleep 0.1
  done
  if ! timeout 25 "$sipp" "${uac_args[@]}" -i 127.0.0.1 -p "$uac_port" -nostdin -max_socket 100 \
       -timeout 20 127.0.0.1:"$uas_port" >"$name-uac.out" 2>&1; then
    echo "FAILED: sipp $name UAC did not complete its calls:"; tail -n 15 "$name-uac.out" | sed 's/^/  /'
    failed=1
  fi
  # the UAC received the UAS's last message: the UAS has nothing more to send
  timeout 2 tail --pid="$uas" -f /dev/null
  kill "$uas" 2>/dev/null
  wait "$uas" 2>/dev/null
  echo "sipp $name: $((SECONDS - t0)) s"
}
run_pair udp "$udp_uas" "$udp_uac" -sn uas -m 3 -- -sn uac -m 3 -r 10
run_pair tcp-t1 "$t1_uas" "$t1_uac" -sn uas -t t1 -m 3 -- -sn uac -t t1 -m 3 -r 10
run_pair tcp-tn "$tn_uas" "$tn_uac" -sn uas -t tn -m 3 -- -sn uac -t tn -m 3 -r 10
run_pair register "$reg_uas" "$reg_uac" -sf "$here/register_uas.xml" -m 1 -- -sf "$here/register_uac.xml" -m 1

# Stop the captures cleanly (SIGINT: tshark writes what it buffered).
sleep 0.5
for name in ng classic; do
  pid_var="${name}_pid"; pid=${!pid_var}
  kill -INT "$pid" 2>/dev/null
  timeout 15 tail --pid="$pid" -f /dev/null || { echo "FAILED: tshark ($name) did not stop"; kill "$pid"; failed=1; }
done

check() {  # check FILE: compare sip-lint with tshark
  local file=$1
  "$tshark" -r "$file" -Y sip -T fields -E separator=/t -E aggregator='|' -E occurrence=a \
    -e frame.number -e sip.From -e sip.To -e sip.Call-ID -e sip.CSeq >"$file.tshark" 2>"$file.tshark.err" ||
    { echo "FAILED: tshark -r $file:"; cat "$file.tshark.err"; return 1; }
  "$lint" --json "$file" >"$file.json" 2>"$file.json.err"; local status=$?
  "$lint" "$file" >"$file.txt" 2>&1; local human_status=$?
  "$lint" --json --errors-only "$file" >"$file.errors.json" 2>&1; local errors_status=$?
  local reg_call
  reg_call=$(awk -F'\t' '$5 ~ /REGISTER/ { split($4, a, "|"); print a[1]; exit }' "$file.tshark")
  "$lint" --json --password "$password" --call-id "$reg_call" "$file" >"$file.reg.json" 2>&1; local reg_status=$?
  "$lint" --password "$password" --call-id "$reg_call" "$file" >"$file.reg.txt" 2>&1
  "$lint" --json --password wrong --call-id "$reg_call" "$file" >"$file.wrong.json" 2>&1
  python3 - "$file" "$status" "$human_status" "$errors_status" "$reg_status" "$reg_call" <<'EOF'
import json, sys
file, status, human_status, errors_status, reg_status, reg_call = sys.argv[1:]
bad = []
def fail(msg):
    bad.append(msg)

# tshark: one row per frame, several messages of one TCP segment joined by '|'
want = []
for line in open(file + ".tshark", encoding="utf-8", errors="replace"):
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 5 or not cols[0]:
        continue
    per = [c.split("|") for c in cols[1:5]]
    n = max(len(p) for p in per)
    for i in range(n):
        want.append((int(cols[0]),) + tuple((p[i] if i < len(p) else "").strip() for p in per))

def load(name):
    objs = []
    for line in open(name, encoding="utf-8", errors="replace"):
        line = line.strip()
        if line:
            try:
                objs.append(json.loads(line))
            except ValueError:
                fail(f"{name}: not JSON: {line[:200]}")
    return objs

def header(msg, *names):
    for h in msg.get("headers", []):
        if h["name"].lower() in names:
            return h["value"].strip()
    return ""

objs = load(file + ".json")
msgs = [o for o in objs if "frame" in o]
summaries = [o["summary"] for o in objs if "summary" in o]
got = []
for o in msgs:
    m = o.get("message") or {}
    got.append((o["frame"], header(m, "from", "f"), header(m, "to", "t"), header(m, "call-id", "i"),
                header(m, "cseq")))
    for key in ("time", "src", "dst", "transport"):
        if key not in o:
            fail(f"frame {o['frame']}: no {key!r}")
    if o.get("transport") not in ("UDP", "TCP"):
        fail(f"frame {o['frame']}: transport {o.get('transport')!r}")
    if not o.get("valid"):
        fail(f"frame {o['frame']}: not valid: {o.get('diagnostics')}")
    if o.get("diagnostics"):
        fail(f"frame {o['frame']}: diagnostics {o['diagnostics']}")
    for end in ("src", "dst"):
        e = o.get(end) or {}
        if e.get("address") != "127.0.0.1" or not isinstance(e.get("port"), int):
            fail(f"frame {o['frame']}: {end} {e}")

print(f"{file}: tshark {len(want)} SIP messages, sip-lint {len(got)}")
if sorted(want) != sorted(got):
    fail("sip-lint and tshark disagree (frame, From, To, Call-ID, CSeq):")
    for row in sorted(set(want) - set(got))[:10]:
        fail(f"  only tshark:   {row}")
    for row in sorted(set(got) - set(want))[:10]:
        fail(f"  only sip-lint: {row}")
# 3 calls x 6 messages x 3 transports + REGISTER, 401, REGISTER, 200 (UDP retransmissions may add)
if len(got) < 58:
    fail(f"expected at least 58 messages, found {len(got)}")
if status != "0" or human_status != "0":
    fail(f"exit status {status} (--json), {human_status} (human), want 0")
if len(summaries) != 1:
    fail(f"{len(summaries)} summary objects")
else:
    s = summaries[0]
    calls = {r[3] for r in want}
    if s["messages"] != len(got) or len(s["dialogs"]) != len(calls):
        fail(f"summary: {s['messages']} messages in {len(s['dialogs'])} dialogs, want {len(got)} in {len(calls)}")
    for d in s["dialogs"]:
        seq = " ".join(d["sequence"])
        if d["call_id"] == reg_call:
            if seq != "REGISTER 401 REGISTER 200":
                fail(f"dialog {d['call_id']}: {seq}")
        elif not (seq.startswith("INVITE") and seq.endswith("ACK BYE 200") and " 200 " in seq):
            fail(f"dialog {d['call_id']}: {seq}")

# --errors-only: nothing shown (every message is valid), the summary still lists the dialogs
e = load(file + ".errors.json")
if errors_status != "0" or len(e) != 1 or "summary" not in e[0] or e[0]["summary"]["shown"] != 0 \
        or len(e[0]["summary"]["dialogs"]) != len(summaries[0]["dialogs"] if summaries else []):
    fail(f"--errors-only: exit {errors_status}, {len(e)} objects")

# human output: one "frame N," line per message, and the summary
human = open(file + ".txt", encoding="utf-8").read().splitlines()
frames = [l for l in human if l.startswith(file + ": frame ")]
if len(frames) != len(got):
    fail(f"human output: {len(frames)} frame lines, want {len(got)}")
if not any(l.startswith(file + f": {len(got)} SIP messages in ") for l in human):
    fail("human output: no summary line")

# --password on the REGISTER dialog: the retry's Digest response matches,
# answering the nonce of the 401
reg = load(file + ".reg.json")
reg_msgs = [o for o in reg if "frame" in o]
challenge_frames = [o["frame"] for o in reg_msgs if (o.get("message") or {}).get("status") == 401]
checks = [(o["frame"], c) for o in reg_msgs for c in o.get("digest_checks", [])]
if reg_status != "0" or len(reg_msgs) != 4 or len(checks) != 1 or len(challenge_frames) != 1:
    fail(f"--password --call-id {reg_call}: exit {reg_status}, {len(reg_msgs)} messages, {len(checks)} digest checks")
else:
    frame, c = checks[0]
    ch = c.get("challenge") or {}
    if not c.get("match") or ch.get("frame") != challenge_frames[0] or not ch.get("nonce_matches") \
            or ch.get("realm") != "sipview.test" or c.get("nonce") != "5f3a9c1e7b2d4086a1c3e5f7092b4d6e":
        fail(f"--password: digest check of frame {frame}: {c}")
    else:
        print(f"{file}: --password: REGISTER of frame {frame} matches, answers nonce {ch['nonce']} "
              f"of the 401 in frame {ch['frame']}")
human_reg = open(file + ".reg.txt", encoding="utf-8").read()
if "Authorization Digest response matches the password" not in human_reg \
        or "the nonce that challenge sent" not in human_reg:
    fail("--password human output: no match line")
wrong = [c for o in load(file + ".wrong.json") if "frame" in o for c in o.get("digest_checks", [])]
if len(wrong) != 1 or wrong[0].get("match") is not False:
    fail(f"--password wrong: {wrong}")

for b in bad:
    print(f"FAILED: {file}: {b}")
sys.exit(1 if bad else 0)
EOF
}
# both files at once (tshark -r takes seconds to start on a loaded machine)
t0=$SECONDS
check peers.pcapng >check-ng.out 2>&1 &
ng_check=$!
check peers.pcap >check-classic.out 2>&1
classic_status=$?
wait "$ng_check"; ng_status=$?
cat check-ng.out check-classic.out
[ "$ng_status" -eq 0 ] && [ "$classic_status" -eq 0 ] || failed=1
echo "checks: $((SECONDS - t0)) s"
[ "$(head -c 4 peers.pcap | od -An -tx1 | tr -d ' ')" = "d4c3b2a1" ] || { echo "FAILED: peers.pcap is not classic pcap"; failed=1; }
[ "$(head -c 4 peers.pcapng | od -An -tx1 | tr -d ' ')" = "0a0d0d0a" ] || { echo "FAILED: peers.pcapng is not pcapng"; failed=1; }
if [ -n "${SIP_LINT_KEEP_CAPTURES:-}" ]; then  # for the README: keep the files
  mkdir -p "$SIP_LINT_KEEP_CAPTURES" && cp peers.pcapng peers.pcap "$SIP_LINT_KEEP_CAPTURES"/
fi
echo "capture peers: $((SECONDS - start)) s, $([ $failed -eq 0 ] && echo passed || echo FAILED)"
exit $failed
