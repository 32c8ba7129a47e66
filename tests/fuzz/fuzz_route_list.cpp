// libFuzzer harness: parse_route_list (Route, Record-Route). Invariants: see harness.hpp.
#include "harness.hpp"

using namespace sipview;

namespace {
result<name_addr_list> parse_checked(std::string_view in) {
    auto r = parse_route_list(in);
    if (r) {
        if (r->is_star()) sipview_fuzz::fail("route", "a star Route list", in);
        for (auto const& n : *r)
            if (!n.bracketed) sipview_fuzz::fail("route", "a Route element without <>", in);
    }
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);
    sipview_fuzz::check_value("parse_route_list", in, parse_checked);
    sipview_fuzz::check_leniency("parse_route_list", in, [](std::string_view t, parse_options const& o) { return parse_route_list(t, o); });
    return 0;
}
