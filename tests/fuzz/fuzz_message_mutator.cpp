// fuzz_message with the structure-aware SIP mutator (sipview/fuzz/libfuzzer.hpp):
// the same harness and invariants, its flags byte kept in front of the SIP text.
#define SIPVIEW_FUZZ_PREFIX 1
#include <sipview/fuzz/libfuzzer.hpp>

#include "fuzz_message.cpp"
