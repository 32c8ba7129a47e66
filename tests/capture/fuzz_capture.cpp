// libFuzzer harness: sip-lint's capture reading (examples/sip-lint/capture.hpp)
// on any bytes. Build:
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Iexamples/sip-lint
//       tests/capture/fuzz_capture.cpp -lpcap -o fuzz_capture
//   ./fuzz_capture -max_len=4096 CORPUS_DIR tests/data/capture
// Input: either a capture file as is (first byte not 'S'), or 'S', a link-type
// byte, then packets as [length(2, big-endian)][time step(1)][bytes]: the
// harness writes the pcap file header and record headers, so the mutations
// reach the packet decoding instead of libpcap's file checks (with a record's
// caplen < len when the time step's top bit is set).
// Invariants: no crash, no sanitizer report, no exception; messages come in
// capture order (frame numbers never go back), are not empty, start with a
// token character after any CRLFs (keep-alives are never messages), and have endpoints.
#include "capture.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(char const* what) {
    std::fprintf(stderr, "\n*** capture invariant violated: %s\n", what);
    std::abort();
}

void put32(std::string& s, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));  // little-endian pcap
}

std::string synthesize(std::uint8_t const* data, std::size_t size) {
    static constexpr std::uint32_t links[] = {0, 1, 12, 101, 108, 113, 228, 229, 276, 147};
    std::string out;
    put32(out, 0xa1b2c3d4u);
    out += std::string("\x02\x00\x04\x00", 4);
    put32(out, 0);
    put32(out, 0);
    put32(out, 65535);
    put32(out, size > 1 ? links[data[1] % (sizeof links / sizeof links[0])] : 1);
    std::uint32_t sec = 1700000000, usec = 0;
    for (std::size_t i = 2; i + 3 <= size;) {
        std::size_t n = (std::size_t{data[i]} << 8) | data[i + 1];
        std::uint8_t const step = data[i + 2];
        i += 3;
        if (n > size - i) n = size - i;
        usec += (step & 0x7fu) * 100000u;
        sec += usec / 1000000;
        usec %= 1000000;
        put32(out, sec);
        put32(out, usec);
        put32(out, static_cast<std::uint32_t>(n));
        put32(out, static_cast<std::uint32_t>(n + ((step & 0x80u) ? 100 : 0)));
        out.append(reinterpret_cast<char const*>(data + i), n);
        i += n;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string synthesized;
    std::string_view input(reinterpret_cast<char const*>(data), size);
    if (size > 0 && data[0] == 'S') {
        synthesized = synthesize(data, size);
        input = synthesized;
    }
    std::size_t last_frame = 0;
    std::string error;
    try {
        sip_lint::capture::read_capture_bytes(
            input,
            [&](sip_lint::capture::captured_message const& m) {
                if (m.frame < last_frame || m.frame == 0) fail("messages out of capture order");
                last_frame = m.frame;
                if (m.text.empty()) fail("an empty message");
                std::size_t const start = m.text.find_first_not_of("\r\n");  // a UDP datagram may have CRLFs first
                if (start == std::string::npos) fail("a keep-alive as a message");
                if (!sipview::detail::is(m.text[start], sipview::detail::token_chars)) fail("a message not starting with a token");
                if (m.src.address.empty() || m.dst.address.empty()) fail("no endpoint address");
            },
            [&](sip_lint::capture::capture_problem const& p) {
                if (p.what.empty()) fail("an empty problem");
            },
            error);
    } catch (...) {
        fail("an exception escaped");
    }
    return 0;
}
