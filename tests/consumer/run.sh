#!/usr/bin/env bash
# Builds and runs the consumer projects: find_package after cmake --install
# into a temporary prefix, and add_subdirectory (header-only); separate
# compilation through find_package's sipview::compiled, through the
# project's own src.cpp, and through pkg-config's sipview-compiled.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$root" -B "$work/build" -DSIPVIEW_BUILD_TESTS=OFF -DSIPVIEW_BUILD_EXAMPLES=OFF -DSIPVIEW_BUILD_BENCH=OFF >/dev/null
cmake --build "$work/build" -j2 >/dev/null  # sipview::compiled (libsipview.a)
cmake --install "$work/build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/share/pkgconfig/sipview.pc"
cmake -S "$root/tests/consumer/find_package" -B "$work/fp" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fp" >/dev/null
"$work/fp/consumer"
cmake -S "$root/tests/consumer/subdirectory" -B "$work/sd" >/dev/null
cmake --build "$work/sd" >/dev/null
"$work/sd/consumer"
# separate compilation
find "$work/prefix" -name libsipview.a | grep -q .
cmake -S "$root/tests/consumer/find_package_compiled" -B "$work/fpc" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/fpc" >/dev/null
"$work/fpc/consumer"
cmake -S "$root/tests/consumer/src_hpp" -B "$work/src" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/src" >/dev/null
"$work/src/consumer"
# pkg-config consumers too
cflags=$(PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" pkg-config --cflags sipview)
case "$cflags" in *"/prefix/share/pkgconfig/../../include"*) ;; *) echo "pkg-config: unexpected cflags $cflags"; exit 1 ;; esac
# pkg-config's sipview-compiled: compile flags with the define, the library to link
pc="$work/prefix/share/pkgconfig"
# shellcheck disable=SC2046
${CXX:-c++} -o "$work/pc-consumer" "$root/tests/consumer/main_separate.cpp" $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs sipview-compiled)
"$work/pc-consumer"
echo "consumers: 6 passed, 0 failed"
