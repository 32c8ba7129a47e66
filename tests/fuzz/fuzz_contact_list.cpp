// libFuzzer harness: parse_contact_list (Contact: * or a list of name-addr / addr-spec). Invariants: see harness.hpp.
#include "harness.hpp"

using namespace sipview;

namespace {
result<name_addr_list> parse_checked(std::string_view in) {
    auto r = parse_contact_list(in);
    if (r) {
        for (auto const& n : *r) {
            (void)n.q();
            (void)n.expires();
        }
        if (r->is_star() && !r->empty()) sipview_fuzz::fail("contact", "a star list with elements", in);
    }
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);
    sipview_fuzz::check_value("parse_contact_list", in, parse_checked);
    sipview_fuzz::check_leniency("parse_contact_list", in, [](std::string_view t, parse_options const& o) { return parse_contact_list(t, o); });
    return 0;
}
