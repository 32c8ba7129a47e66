// libFuzzer harness: parse_via_list (Via value, several via-parms). Invariants: see harness.hpp.
#include "harness.hpp"

using namespace sipview;

namespace {
result<via_list> parse_checked(std::string_view in) {
    auto r = parse_via_list(in);
    if (r) {
        for (auto const& v : *r) {
            if (v.port_text.has_value() != v.port().has_value()) sipview_fuzz::fail("via", "port_text without a port()", in);
            (void)v.ttl();
            (void)v.alias();
            (void)v.host_address();
        }
        // a single entry parses alone as parse_via does, to the same AST
        if (r->size() == 1) {
            auto one = parse_via(in);
            sipview_fuzz::why w;
            if (!one) sipview_fuzz::fail("via", "one entry accepted by parse_via_list, rejected by parse_via", in);
            if (!sipview_check::same(*one, r->front(), w)) sipview_fuzz::fail("via", "parse_via and parse_via_list differ", in);
        }
    } else if (auto one = parse_via(in)) {
        sipview_fuzz::fail("via", "parse_via accepts what parse_via_list rejects", in);
    }
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);
    sipview_fuzz::check_value("parse_via_list", in, parse_checked);
    sipview_fuzz::check_leniency("parse_via_list", in, [](std::string_view t, parse_options const& o) { return parse_via_list(t, o); });
    return 0;
}
