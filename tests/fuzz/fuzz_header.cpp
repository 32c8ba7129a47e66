// libFuzzer harness: every header value parser of the header registry
// (headers.hpp). Input: one byte choosing the header (its header_id, modulo
// the number of ids; 0 = none), then the value. Invariants: see harness.hpp;
// for a header the registry formats typed, the formatted value re-parses to
// an equal AST; every row is parsed without and with every leniency flag
// (check_leniency).
#include "harness.hpp"

using namespace sipview;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    auto const id = static_cast<header_id>(data[0] % detail::header_id_count);
    std::string_view const in(reinterpret_cast<char const*>(data) + 1, size - 1);
    visit_header(id, [&](auto tag) {
        using H = decltype(tag);
        char const* const entry = H::parser.data();  // a literal: NUL-terminated
        sipview_fuzz::check_leniency(entry, in, H::parse_with);  // the leniency flags off and on
        if constexpr (H::format == value_format::typed) {
            sipview_fuzz::check_value(entry, in, H::parse);
        }
        // A value its parser accepts is header-value text (RFC 3261 §25.1: no
        // control bytes but HTAB and folds, outside the quoted-pairs of
        // quoted-strings and comments): validate relies on it and does not
        // scan such a row's values a second time (parser_checks_text).
        if constexpr (detail::message_impl::parser_checks_text<H>) {
            if (H::parse(in) && detail::message_impl::check_text_value(in, true) != std::string_view::npos)
                sipview_fuzz::fail(entry, "a value its parser accepts fails the header-value byte check", in);
        }
        if constexpr (H::format != value_format::typed) {
            auto r = H::parse(in);
            if (!r) {
                if (r.error().offset > in.size()) sipview_fuzz::fail(entry, "error offset past the end of the input", in);
                return;
            }
            if (!sipview_check::within(*r, sipview_fuzz::buffer{in.data(), in.data() + in.size()}))
                sipview_fuzz::fail(entry, "a view of the value points outside the input", in);
        }
    });
    return 0;
}
