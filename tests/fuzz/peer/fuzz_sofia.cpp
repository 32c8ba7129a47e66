// libFuzzer harness for a peer's parser: Sofia-SIP's message parser, entered
// as bench/bench_sofia.cpp enters it (msg_make with the default SIP mclass,
// then sip_object), the message destroyed after each input. Built by
// run.sh against a Sofia-SIP compiled from Debian's source package with
// coverage instrumentation, to compare how far byte mutation, byte mutation
// with tests/fuzz/sip.dict and sipview's mutator (mutator.cpp, linked in
// for the third) get into it.
#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>

#include <cstddef>
#include <cstdint>
#include <sys/types.h>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    msg_t* msg = msg_make(sip_default_mclass(), 0, data, static_cast<ssize_t>(size));
    if (!msg) return 0;
    sip_t const* sip = sip_object(msg);
    // what a stack reads next: the parsed headers of a well-formed message
    if (sip && !msg_has_error(msg) && sip->sip_from && sip->sip_via && sip->sip_cseq) {
        volatile char const* host = sip->sip_from->a_url->url_host;
        (void)host;
    }
    msg_destroy(msg);
    return 0;
}
