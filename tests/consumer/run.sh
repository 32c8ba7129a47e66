#!/usr/bin/env bash
# Builds and runs the two consumer projects: find_package after cmake
# --install into a temporary prefix, and add_subdirectory.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$root" -B "$work/build" -DSIPVIEW_BUILD_TESTS=OFF -DSIPVIEW_BUILD_EXAMPLES=OFF -DSIPVIEW_BUILD_BENCH=OFF >/dev/null
cmake --install "$work/build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/share/pkgconfig/sipview.pc"
cmake -S "$root/tests/consumer/find_package" -B "$work/fp" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fp" >/dev/null
"$work/fp/consumer"
cmake -S "$root/tests/consumer/subdirectory" -B "$work/sd" >/dev/null
cmake --build "$work/sd" >/dev/null
"$work/sd/consumer"
# pkg-config consumers too
cflags=$(PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" pkg-config --cflags sipview)
case "$cflags" in *"/prefix/share/pkgconfig/../../include"*) ;; *) echo "pkg-config: unexpected cflags $cflags"; exit 1 ;; esac
echo "consumers: 3 passed, 0 failed"
