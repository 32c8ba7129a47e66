// fuzz_stream with the structure-aware SIP mutator (sipview/fuzz/libfuzzer.hpp):
// the same harness and invariants, its flags and split-seed bytes kept in front.
#define SIPVIEW_FUZZ_PREFIX 2
#include <sipview/fuzz/libfuzzer.hpp>

#include "fuzz_stream.cpp"
