#!/usr/bin/env bash
# Golden tests of sip-lint: runs each case of cases.tsv in inputs/ and compares
# stdout, stderr and the exit status with expected/NAME.txt exactly.
#   run.sh SIP_LINT            compare (exit 1 on any difference)
#   run.sh SIP_LINT --update   rewrite expected/ from the current output
set -u
lint=$(realpath "$1")
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/inputs" || exit 2
mkdir -p "$here/expected"
passed=0 failed=0
while IFS=$'\t' read -r name stdin args; do
  case "$name" in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086  # the arguments are split on purpose
  if [ "$stdin" = "-" ]; then
    out=$("$lint" $args 2>&1 </dev/null); status=$?
  else
    out=$("$lint" $args 2>&1 <"$stdin"); status=$?
  fi
  got=$(printf '%s\nexit: %s\n' "$out" "$status")
  want_file="$here/expected/$name.txt"
  if [ "$update" = "--update" ]; then
    printf '%s\n' "$got" >"$want_file"
    passed=$((passed + 1))
  elif [ -f "$want_file" ] && [ "$got" = "$(cat "$want_file")" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name"
    diff <(printf '%s\n' "$got") "$want_file" | head -20
  fi
done <"$here/cases.tsv"
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
