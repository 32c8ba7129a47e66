// libFuzzer harness: parse_message (a whole SIP message from a datagram).
// Input: one leniency-flags byte (see message_flags in harness.hpp), then
// the message. Invariants: see harness.hpp; in addition the message text
// starts at the input, every header view and offset agrees, validate() run
// again is harmless, and the formatted message (canonical, compact and
// as-written names) re-parses with the same options to an equal message.
#include "harness.hpp"

using namespace sipview;

namespace {

header_field first_headers[256];
header_field again_headers[256];

void round_trip(message const& m, std::string_view in, sipview_fuzz::message_flags const& f, format_options const& o) {
    std::string const text = sipview_fuzz::formatted(m, o);
    sipview_fuzz::why w;
    if (!sipview_check::forms_agree(m, text, o, w)) sipview_fuzz::fail("parse_message", w.field, in, text);
    auto again = parse_message(text, again_headers, f.capacity, f.opts);
    if (!again) {
        std::fprintf(stderr, "re-parse error at %zu: %.*s\n", again.error().offset, static_cast<int>(again.error().message.size()),
                     again.error().message.data());
        sipview_fuzz::fail("parse_message", "the formatted message does not parse", in, text);
    }
    if (!sipview_check::within(*again, sipview_fuzz::buffer{text.data(), text.data() + text.size()}))
        sipview_fuzz::fail("parse_message", "a view of the re-parsed message points outside the formatted text", in, text);
    sipview_fuzz::why d;
    if (!sipview_check::same(m, *again, d)) sipview_fuzz::fail("parse_message", d.field, in, text);
    std::string const text2 = sipview_fuzz::formatted(*again, o);
    if (text2 != text) sipview_fuzz::fail("parse_message", "formatting is not idempotent", text, text2, "formatted again");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    sipview_fuzz::message_flags const f(data[0]);
    std::string_view const in(reinterpret_cast<char const*>(data) + 1, size - 1);
    auto r = parse_message(in, first_headers, f.capacity, f.opts);
    if (!r) {
        if (r.error().offset > in.size()) sipview_fuzz::fail("parse_message", "error offset past the end of the input", in);
        return 0;
    }
    message m = *r;
    if (m.text().data() != in.data() || m.size() > in.size()) sipview_fuzz::fail("parse_message", "text() is not a prefix of the input", in);
    if (m.header_count() > f.capacity) sipview_fuzz::fail("parse_message", "more headers than the storage holds", in);
    if (m.body_offset() > m.size()) sipview_fuzz::fail("parse_message", "body offset past the end", in);
    if (!sipview_check::within(m, sipview_fuzz::buffer{in.data(), in.data() + in.size()}))
        sipview_fuzz::fail("parse_message", "a view of the message points outside the input", in);
    if (auto e = m.validate(f.opts)) {
        if (e->offset > in.size()) sipview_fuzz::fail("parse_message", "validate() error offset past the end", in);
        if (f.opts.validate) sipview_fuzz::fail("parse_message", "validate() fails on a message parse_message validated", in);
    }
    if (f.opts.validate) {
        // validation parsed every header with its registry row: get<> succeeds
        // for each, unless validation accepted that header with a warning on
        // one of its lines (differing Content-Lengths, a Date not in GMT)
        auto warned_in = [&](header_id id) {
            for (parse_error const& w : m.warnings())
                for (header_field const& h : m.all(id))
                    if (w.offset >= h.offset && w.offset <= h.value_offset + h.value.size()) return true;
            return false;
        };
        for_each_header([&](auto tag) {
            using H = decltype(tag);
            if (m.has(H::id) && !m.get<H>() && !warned_in(H::id))
                sipview_fuzz::fail("parse_message", "validated message: get<header::NAME>() fails", in);
        });
    }

    // A message that needed a leniency flag holds what formatting writes in
    // canonical form only as far as the strict grammar goes ('_' in a host,
    // `;p="x"`, an Alert-Info URI without <>): its round trip is not checked.
    for (parse_error const& w : m.warnings())
        if (leniency_of_warning(w.id) != leniency::none) return 0;
    // A validated message is what checked formatting (the default) must accept
    // as it is; one parsed with validation off may hold bytes it refuses
    // (a NUL or bare CR in a value), so it round-trips unchecked.
    format_options base;
    if (f.opts.validate) {
        if (auto e = check_format(m)) sipview_fuzz::fail("parse_message", "check_format refuses a validated message", in);
    } else {
        base.checked = false;
    }
    round_trip(m, in, f, base);
    format_options o = base;
    o.header_names = format_options::names::compact;
    round_trip(m, in, f, o);
    o.header_names = format_options::names::as_written;
    o.typed_values = false;
    round_trip(m, in, f, o);
    return 0;
}
