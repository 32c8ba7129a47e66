#!/usr/bin/env bash
# Golden tests of sip-lint: runs each case of cases.tsv in inputs/ and compares
# stdout, stderr and the exit status with expected/NAME.txt exactly.
# Arguments of the form NAME=VALUE before the first sip-lint argument set
# environment variables for that case (SIP_LINT_PASSWORD is unset otherwise).
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
  read -ra words <<<"$args"  # split on purpose (no globbing)
  envs=()
  while [ ${#words[@]} -gt 0 ] && [[ ${words[0]} =~ ^[A-Z_][A-Z0-9_]*= ]]; do
    envs+=("${words[0]}"); words=("${words[@]:1}")
  done
  if [ "$stdin" = "-" ]; then
    out=$(env -u SIP_LINT_PASSWORD "${envs[@]}" "$lint" "${words[@]}" 2>&1 </dev/null); status=$?
  else
    out=$(env -u SIP_LINT_PASSWORD "${envs[@]}" "$lint" "${words[@]}" 2>&1 <"$stdin"); status=$?
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
