// libFuzzer harness: parse_uri (Request-URI / URI inside <>). Invariants: see harness.hpp.
#include "harness.hpp"

using namespace sipview;

namespace {
result<uri> parse_checked(std::string_view in) {
    auto r = parse_uri(in);
    if (!r) return r;
    // escapes in the user part and password were validated: decoding succeeds
    for (auto const& part : {r->user, r->password}) {
        if (!part) continue;
        sipview_fuzz::check_decode("uri", in, *part, [&](char* out, std::size_t cap, decode_mode m) {
            return decode_percent(*part, out, cap, m);
        });
    }
    if (r->port_text.has_value() != r->port().has_value()) sipview_fuzz::fail("uri", "port_text without a port()", in);
    (void)r->host_address();
    for (auto const& p : r->params()) (void)p;
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    sipview_fuzz::check_value("parse_uri", std::string_view(reinterpret_cast<char const*>(data), size), parse_checked);
    return 0;
}
