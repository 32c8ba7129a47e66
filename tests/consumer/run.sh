#!/usr/bin/env bash
# Builds and runs the consumer projects: find_package after cmake --install
# into a temporary prefix, and add_subdirectory (header-only); separate
# compilation through find_package's sipview::compiled, through the
# project's own src.cpp, and through pkg-config's sipview-compiled; and two
# TUs whose switches differ from the library's, which must not link.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# consumer NAME [cmake args...]: configures, builds and runs the consumer
# project tests/consumer/NAME in $work/NAME; its output goes to
# $work/NAME.log, printed when it fails. Two run at once (2 cores).
consumer() {
  local name=$1
  shift
  if ! { cmake -S "$root/tests/consumer/$name" -B "$work/$name" "$@" && cmake --build "$work/$name" &&
         "$work/$name/consumer"; } >"$work/$name.log" 2>&1; then
    echo "consumer $name failed:"
    cat "$work/$name.log"
    return 1
  fi
}
# both: waits for the two background jobs whose pids are given, fails if either failed
both() {
  local rc=0
  wait "$1" || rc=1
  wait "$2" || rc=1
  return $rc
}
# the header-only add_subdirectory consumer needs no install: built beside the library
consumer subdirectory &
sd=$!
cmake -S "$root" -B "$work/build" -DSIPVIEW_BUILD_TESTS=OFF -DSIPVIEW_BUILD_EXAMPLES=OFF -DSIPVIEW_BUILD_BENCH=OFF >/dev/null
cmake --build "$work/build" >/dev/null  # sipview::compiled (libsipview.a)
wait "$sd"
cmake --install "$work/build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/share/pkgconfig/sipview.pc"
find "$work/prefix" -name libsipview.a | grep -q .
# find_package: header-only, and separate compilation through sipview::compiled
consumer find_package -DCMAKE_PREFIX_PATH="$work/prefix" &
a=$!
consumer find_package_compiled -DCMAKE_PREFIX_PATH="$work/prefix" &
b=$!
both "$a" "$b"
# separate compilation through the project's own src.cpp, beside the pkg-config consumer
consumer src_hpp -DCMAKE_PREFIX_PATH="$work/prefix" &
a=$!
# pkg-config consumers too
cflags=$(PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" pkg-config --cflags sipview)
case "$cflags" in *"/prefix/share/pkgconfig/../../include"*) ;; *) echo "pkg-config: unexpected cflags $cflags"; exit 1 ;; esac
# pkg-config's sipview-compiled: compile flags with the define, the library to link
pc="$work/prefix/share/pkgconfig"
# shellcheck disable=SC2046
${CXX:-c++} -o "$work/pc-consumer" "$root/tests/consumer/main_separate.cpp" $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs sipview-compiled) &
b=$!
both "$a" "$b"
"$work/pc-consumer"
# A TU built with other switches than the library does not link (the
# link-time configuration check, detail/config.hpp), --gc-sections or not:
# the undefined reference names the check of the switch that differs.
mismatch() {  # define, then the check function the error must name
  local log="$work/mismatch-$1.log"
  # shellcheck disable=SC2046
  if ${CXX:-c++} -ffunction-sections -fdata-sections -Wl,--gc-sections -D"$1" -o "$work/mismatch" \
       "$root/tests/consumer/main_separate.cpp" $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs sipview-compiled) \
       >"$log" 2>&1; then
    echo "consumer built with -D$1 linked against a library built without it"
    return 1
  fi
  grep -q "undefined reference to .*$2" "$log" || { echo "-D$1: the link failed, but not naming $2:"; cat "$log"; return 1; }
}
mismatch SIPVIEW_VALIDATE_CORE_HEADERS validated_rows_check &
a=$!
mismatch SIPVIEW_NO_FAST_PATHS build_switches_check &
b=$!
both "$a" "$b"
echo "consumers: 8 passed, 0 failed"
