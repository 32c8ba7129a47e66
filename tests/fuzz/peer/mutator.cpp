// sipview's structure-aware mutator as a libFuzzer custom mutator
// (sipview/fuzz/libfuzzer.hpp) for the peer harnesses here. run.sh compiles
// this TU without coverage instrumentation, so `cov:` counts only the
// peer's edges (and the harness's), in all three configurations alike.
#include <sipview/fuzz/libfuzzer.hpp>
