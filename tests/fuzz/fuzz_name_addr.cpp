// libFuzzer harness: parse_name_addr (From, To, one Contact element). Invariants: see harness.hpp.
#include "harness.hpp"

using namespace sipview;

namespace {
void check_element(name_addr const& n, std::string_view in) {
    if (n.display_name)
        sipview_fuzz::check_decode("name_addr", in, *n.display_name, [&](char* out, std::size_t cap, decode_mode m) {
            return n.decode_display_name(out, cap, m);
        });
    (void)n.tag();
    (void)n.q();
    (void)n.expires();
}
result<name_addr> parse_checked(std::string_view in) {
    auto r = parse_name_addr(in);
    if (r) {
        check_element(*r, in);
        // one element is a list of one: Contact (unless it is `*`) and, bracketed, Route
        sipview_fuzz::why w;
        auto l = parse_contact_list(in);
        if (!l || l->size() != 1 || !sipview_check::same(*r, l->front(), w))
            sipview_fuzz::fail("name_addr", "a name-addr is not a Contact list of one equal element", in);
        if (r->bracketed) {
            auto rl = parse_route_list(in);
            if (!rl || rl->size() != 1 || !sipview_check::same(*r, rl->front(), w))
                sipview_fuzz::fail("name_addr", "a bracketed name-addr is not a Route list of one equal element", in);
        }
    }
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);
    sipview_fuzz::check_value("parse_name_addr", in, parse_checked);
    sipview_fuzz::check_leniency("parse_name_addr", in, [](std::string_view t, parse_options const& o) { return parse_name_addr(t, o); });
    return 0;
}
