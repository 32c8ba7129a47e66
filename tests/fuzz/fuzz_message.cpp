// libFuzzer harness: parse_message (a whole SIP message from a datagram).
// Input: one leniency-flags byte (see message_flags in harness.hpp), then
// the message. Invariants: see harness.hpp; in addition the message text
// starts at the input, every header view and offset agrees, validate() run
// again is harmless, and the formatted message (canonical, compact and
// as-written names) re-parses with the same options to an equal message,
// and a parse with a header_cache gives the same verdict and, through the
// cache, the same values (the same bytes) or errors as parsing each line.
#include "harness.hpp"

using namespace sipview;

namespace {

header_field first_headers[256];
header_field again_headers[256];
header_field cached_headers[256];
header_cache cache;

std::string_view text_of(name_addr const& v) { return v.text; }
std::string_view text_of(via const& v) { return v.text; }
std::string_view text_of(cseq const& v) { return v.method; }
std::string_view text_of(std::string_view v) { return v; }
std::string_view text_of(credentials const& v) { return v.text; }
std::string_view text_of(challenge const& v) { return v.text; }

/// A read served by the cache agrees with the same read parsing the line.
template <class T>
void agree(result<T> const& cached, result<T> const& parsed, std::string_view in) {
    if (cached.has_value() != parsed.has_value()) sipview_fuzz::fail("parse_message", "a cached read and a parsed read disagree", in);
    if (!cached) {
        if (cached.error().id != parsed.error().id || cached.error().offset != parsed.error().offset)
            sipview_fuzz::fail("parse_message", "a cached read gives another error than parsing", in);
        return;
    }
    sipview_fuzz::why w;
    if (!sipview_check::same(*cached, *parsed, w)) sipview_fuzz::fail("parse_message", w.field, in);
    std::string_view const a = text_of(*cached), b = text_of(*parsed);
    if (a.data() != b.data() || a.size() != b.size()) sipview_fuzz::fail("parse_message", "a cached value is not a view of the same bytes", in);
}

/// parse_message with a header_cache: the same verdict as without; the
/// cache used exactly when validation ran; every read it serves agrees.
void check_cache(message const& m, std::string_view in, sipview_fuzz::message_flags const& f) {
    message_options o = f.opts;
    o.cache = &cache;
    auto r = parse_message(in, cached_headers, f.capacity, o);
    if (!r) sipview_fuzz::fail("parse_message", "a parse with a header_cache fails where one without succeeds", in);
    if ((r->cache() == &cache) != o.validate) sipview_fuzz::fail("parse_message", "the header_cache is used without validation or unused with it", in);
    agree(r->from(), m.from(), in);
    agree(r->to(), m.to(), in);
    agree(r->call_id(), m.call_id(), in);
    agree(r->cseq(), m.cseq(), in);
    agree(r->top_via(), m.top_via(), in);
    agree(r->authorization(), m.authorization(), in);
    agree(r->proxy_authorization(), m.proxy_authorization(), in);
    agree(r->www_authenticate(), m.www_authenticate(), in);
    agree(r->proxy_authenticate(), m.proxy_authenticate(), in);
}

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
        message_options o = f.opts;
        o.cache = &cache;
        auto c = parse_message(in, cached_headers, f.capacity, o);
        if (c || c.error().id != r.error().id || c.error().offset != r.error().offset)
            sipview_fuzz::fail("parse_message", "a parse with a header_cache gives another verdict", in);
        return 0;
    }
    message m = *r;
    if (m.text().data() != in.data() || m.size() > in.size()) sipview_fuzz::fail("parse_message", "text() is not a prefix of the input", in);
    if (m.header_count() > f.capacity) sipview_fuzz::fail("parse_message", "more headers than the storage holds", in);
    if (m.body_offset() > m.size()) sipview_fuzz::fail("parse_message", "body offset past the end", in);
    if (!sipview_check::within(m, sipview_fuzz::buffer{in.data(), in.data() + in.size()}))
        sipview_fuzz::fail("parse_message", "a view of the message points outside the input", in);
    check_cache(m, in, f);
    if (auto e = m.validate(f.opts)) {
        if (e->offset > in.size()) sipview_fuzz::fail("parse_message", "validate() error offset past the end", in);
        if (f.opts.validate) sipview_fuzz::fail("parse_message", "validate() fails on a message parse_message validated", in);
    }
    if (f.opts.validate) {
        // validation parsed every header with its registry row: get<> succeeds
        // for each, unless validation accepted that header with a warning on
        // one of its lines (differing Content-Lengths, a Date not in GMT);
        // past warning_list::capacity warnings, that warning may be dropped
        auto warned_in = [&](header_id id) {
            if (m.warnings().dropped() != 0) return true;
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
    if (m.warnings().dropped() != 0 && !f.opts.lenient.empty()) return 0;  // such a warning may be among those dropped
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
